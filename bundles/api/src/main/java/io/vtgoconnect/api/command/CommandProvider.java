package io.vtgoconnect.api.command;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle's commands, as a service: the registry offers them while the service is registered, so a
 * plug-in's commands come and go with it. Names are unique within a scope, in any letter case.
 */
@ConsumerType
public interface CommandProvider {
    List<Command> commands();
}
