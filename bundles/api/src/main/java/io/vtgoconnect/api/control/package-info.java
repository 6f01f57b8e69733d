/** The CallControl service: the manual's phone commands, with its defaults and error codes. */
@Export
@Version("2.1.0")
package io.vtgoconnect.api.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
