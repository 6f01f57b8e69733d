/**
 * SRTP (RFC 3711) for the media engine's sessions: the crypto suites, master keys per direction,
 * and the SDES {@code a=crypto} attribute (RFC 4568) that carries them in SDP. The cryptography
 * itself is the JDK's AES and HmacSHA1.
 */
@Export
@Version("1.0.0")
package io.vtgoconnect.media.srtp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
