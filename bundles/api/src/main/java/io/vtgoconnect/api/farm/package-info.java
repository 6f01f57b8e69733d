/**
 * The farm template: how one farm configuration numbers its phones and lines and expands its
 * patterns ({@code {n}}, {@code {line}}, padded or not), read alike by the phones it makes and by
 * the call server's directory of them.
 */
@Export
@Version("1.0.0")
package io.vtgoconnect.api.farm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
