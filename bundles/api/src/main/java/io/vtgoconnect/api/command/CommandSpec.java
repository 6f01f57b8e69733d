package io.vtgoconnect.api.command;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * What help says of a command and what it takes: its scope ({@value #PHONE_SCOPE} for the phone's
 * commands, typed without it), its name as the manual writes it (e.g. {@code MakeCall}), its
 * description, its flags, its positional parameters, and how many of those are required. A last
 * parameter whose name ends with {@value #MORE} takes any number of arguments.
 */
public record CommandSpec(String scope, String name, String description, List<String> flags, List<String> parameters,
        int required) {
    /** The scope of the phone's commands, typed without it. */
    public static final String PHONE_SCOPE = "vtgo";
    /** Ends the name of a last parameter that takes the rest of the arguments. */
    public static final String MORE = "...";
    /** The parameter that names a number to call: missing, it is ERROR_NO_DESTINATION. */
    private static final String DESTINATION = "destination";

    public CommandSpec {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        flags = List.copyOf(flags);
        parameters = List.copyOf(parameters);
        if (required < 0 || required > parameters.size()) {
            throw new IllegalArgumentException("required must be between 0 and " + parameters.size() + ": " + required);
        }
    }

    /** A command without flags. */
    public CommandSpec(String scope, String name, String description, List<String> parameters, int required) {
        this(scope, name, description, List.of(), parameters, required);
    }

    /** The name as typed: bare in scope {@value #PHONE_SCOPE}, {@code scope:name} in any other. */
    public String typedName() {
        return scope.equals(PHONE_SCOPE) ? name : scope + ":" + name;
    }

    /** Whether the name typed (any letter case, with or without its scope) is this command. */
    public boolean isNamed(String typed) {
        String bare = typed.regionMatches(true, 0, scope + ":", 0, scope.length() + 1) ? typed.substring(scope.length() + 1)
                : typed;
        return bare.equalsIgnoreCase(name) && (scope.equals(PHONE_SCOPE) || typed.length() > bare.length());
    }

    /** E.g. {@code Softkey softkey [lineID] [callRefID]}. */
    public String usage() {
        StringBuilder usage = new StringBuilder(typedName());
        flags.forEach(flag -> usage.append(" [").append(flag).append(']'));
        for (int i = 0; i < parameters.size(); i++) {
            usage.append(' ').append(i < required ? parameters.get(i) : "[" + parameters.get(i) + "]");
        }
        return usage.toString();
    }

    /** The first sentence of the description, for the list of commands. */
    public String summary() {
        int end = description.indexOf(". ");
        return end < 0 ? description : description.substring(0, end + 1);
    }

    /**
     * Refuses a number of arguments the command does not take, as the manual answers: a missing
     * destination is ERROR_NO_DESTINATION, another missing argument ERROR_MISSING_PARAMETER, too many
     * ERROR_INVALID_COMMAND; each sentence names what is wrong and shows the usage.
     */
    public void checkArgumentCount(int given) {
        if (given < required) {
            String missing = parameters.get(given);
            ErrorCode code = DESTINATION.equals(missing) ? ErrorCode.ERROR_NO_DESTINATION : ErrorCode.ERROR_MISSING_PARAMETER;
            throw new CommandException(code, typedName() + " needs " + article(missing) + missing + ": " + usage() + ".");
        }
        boolean takesMore = !parameters.isEmpty() && parameters.get(parameters.size() - 1).endsWith(MORE);
        if (given > parameters.size() && !takesMore) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, typedName() + " takes at most " + parameters.size()
                    + (parameters.size() == 1 ? " argument" : " arguments") + ", " + given + " given: " + usage() + ".");
        }
    }

    private static String article(String noun) {
        // "a user", "a userID": a leading u sounds like "you".
        return "aeio".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ";
    }
}
