/**
 * The manual's events as immutable records, their EventAdmin topics and properties, and the one
 * formatter that prints them as the manual does.
 */
@Export
@Version("1.1.0")
package io.vtgoconnect.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
