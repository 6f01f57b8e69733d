/** Secrets as configuration keeps them: salted slow hashes, checked in constant time. */
@Export
@Version("1.1.0")
package io.vtgoconnect.api.secret;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
