/**
 * The SoftphoneTransport SPI: what a softphone bundle implements so that call control can drive
 * it, and the listener through which it reports what happens as it happens.
 */
@Export
@Version("2.0.0")
package io.vtgoconnect.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
