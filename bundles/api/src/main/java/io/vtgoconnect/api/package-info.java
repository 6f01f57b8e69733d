/** Value types shared by every VTGOConnect bundle: the manual's line states, agent states and error codes. */
@Export
@Version("1.1.0")
package io.vtgoconnect.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
