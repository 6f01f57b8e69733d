/**
 * The softphone's window: a page the runtime serves for a phone, which ShowProgram shows and
 * HideProgram hides, and the remote API's connections that such a page holds.
 */
@Export
@Version("1.0.0")
package io.vtgoconnect.api.window;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
