package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.shell.ShellSession;
import java.util.List;

/**
 * What help says of one command: its name as typed (e.g. {@code MakeCall}, or {@code cm:status}
 * outside scope {@code vtgo}), its description, its flags and positional parameters, and how many
 * of those are required.
 */
record CommandDoc(String name, String description, List<String> flags, List<String> parameters, int required) {
    CommandDoc {
        flags = List.copyOf(flags);
        parameters = List.copyOf(parameters);
    }

    /** The command's scope: {@code vtgo} for a bare name. */
    String scope() {
        int colon = name.indexOf(':');
        return colon < 0 ? ShellSession.SCOPE : name.substring(0, colon);
    }

    /** E.g. {@code Softkey softkey [lineID] [callRefID]}. */
    String usage() {
        StringBuilder usage = new StringBuilder(name);
        flags.forEach(flag -> usage.append(" [").append(flag).append(']'));
        for (int i = 0; i < parameters.size(); i++) {
            usage.append(' ').append(i < required ? parameters.get(i) : "[" + parameters.get(i) + "]");
        }
        return usage.toString();
    }

    /** The first sentence of the description, for the list of commands. */
    String summary() {
        int end = description.indexOf(". ");
        return end < 0 ? description : description.substring(0, end + 1);
    }
}
