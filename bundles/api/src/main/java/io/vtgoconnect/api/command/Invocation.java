package io.vtgoconnect.api.command;

import java.util.List;
import java.util.Optional;

/**
 * One run of a command: the phone it acts on (that of the console's selection, or the one a request
 * named) and the arguments as typed.
 */
public record Invocation(Phone phone, List<String> arguments) {
    public Invocation {
        arguments = List.copyOf(arguments);
    }

    /** The argument at the index (from 0), which the spec made sure is there when required. */
    public String argument(int index) {
        return arguments.get(index);
    }

    /** The optional argument at the index, when given. */
    public Optional<String> optional(int index) {
        return index < arguments.size() ? Optional.of(arguments.get(index)) : Optional.empty();
    }
}
