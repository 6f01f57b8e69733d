/**
 * JSON as VTGOConnect writes and reads it: one writer for every JSON line or message the bundles
 * print (events, call records, the remote API), and a reader with limits for what clients send.
 */
@Export
@Version("1.0.0")
package io.vtgoconnect.api.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
