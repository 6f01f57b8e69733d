package io.vtgoconnect.api.command;

import java.util.Objects;

/** A command: what it takes and what help says of it, and what runs it. */
public record Command(CommandSpec spec, Action action) {
    public Command {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(action, "action");
    }

    /** A command of the phone's scope, {@value CommandSpec#PHONE_SCOPE}. */
    public static Command phone(String name, String description, java.util.List<String> parameters, int required,
            Action action) {
        return new Command(new CommandSpec(CommandSpec.PHONE_SCOPE, name, description, parameters, required), action);
    }

    /**
     * Runs a command whose argument count its spec has checked. A refusal is a
     * {@link io.vtgoconnect.api.CommandException} with the manual's code and one sentence.
     */
    @FunctionalInterface
    public interface Action {
        CommandResult run(Invocation invocation);
    }
}
