package io.vtgoconnect.api.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command answers besides its events: the lines a console prints (a confirmation, a listing),
 * and values a program reads (the call reference MakeCall made, say) by name.
 */
public record CommandResult(List<String> output, Map<String, Object> values) {
    /** Nothing to print: the events say it all. */
    public static final CommandResult NONE = new CommandResult(List.of(), Map.of());

    public CommandResult {
        output = List.copyOf(output);
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The lines to print. */
    public static CommandResult of(String... lines) {
        return new CommandResult(List.of(lines), Map.of());
    }

    /** This result with one more value. */
    public CommandResult with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(values);
        more.put(name, value);
        return new CommandResult(output, more);
    }
}
