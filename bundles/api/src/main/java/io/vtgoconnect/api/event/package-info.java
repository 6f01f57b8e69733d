/**
 * The manual's events as immutable records, their EventAdmin topics and properties, and the one
 * formatter that prints them as the manual does, and the {@link io.vtgoconnect.api.event.PhoneEventListener}
 * whiteboard that hears a phone's events before EventAdmin delivers them.
 * <p>
 * {@link io.vtgoconnect.api.event.VtgoEvent} is sealed so that this package alone defines the
 * events, not so that consumers may count on knowing them all: a new event is a new record of this
 * package and a minor version of it (1.1 to 1.2), which consumers of the 1.x range keep wiring to.
 * A consumer therefore handles the events it knows and ignores the others: a {@code switch} over
 * {@code VtgoEvent} keeps a {@code default} branch, and an {@code EventHandler} that subscribes to
 * {@code io/vtgoconnect/*} sees topics it does not know. The build's API baseline fails a new event
 * whose package version is not raised.
 */
@Export
@Version("1.4.0")
package io.vtgoconnect.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
