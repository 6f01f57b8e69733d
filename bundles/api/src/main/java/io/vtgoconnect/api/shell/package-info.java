/** What a console that runs VTGOConnect commands shares with the shell through a Gogo session. */
@Export
@Version("1.1.0")
package io.vtgoconnect.api.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
