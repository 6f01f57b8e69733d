/**
 * The commands a console and the remote API run, by name, in one typed registry: the manual's phone
 * commands, Extension Mobility's, IPCC's and the call server's {@code cm:} commands, each offered by
 * its bundle through a {@link io.vtgoconnect.api.command.CommandProvider} service, and run through
 * the {@link io.vtgoconnect.api.command.Commands} service on the phone a caller names.
 */
@Export
@Version("1.0.0")
package io.vtgoconnect.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
