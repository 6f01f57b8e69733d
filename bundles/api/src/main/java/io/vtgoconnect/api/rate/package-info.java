/** Rates held to a limit: the remote API's requests on a connection, the call server's new calls. */
@Export
@Version("1.0.0")
package io.vtgoconnect.api.rate;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
