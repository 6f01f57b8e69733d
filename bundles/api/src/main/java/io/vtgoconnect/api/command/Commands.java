package io.vtgoconnect.api.command;

import io.vtgoconnect.api.CommandException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every command offered right now, and the phones they act on. A console and the remote API run
 * commands here by name, never through a shell's own language.
 */
@ProviderType
public interface Commands {
    /** Every command: the phone's scope first, then by scope and name. */
    List<CommandSpec> all();

    /** The command typed (any letter case; a bare name is looked for in the phone's scope first). */
    Optional<CommandSpec> find(String typedName);

    /** Every phone: the one commands act on unless told otherwise first, then by name. */
    List<Phone> phones();

    /** The phone of that name. */
    Optional<Phone> phone(String name);

    /**
     * Runs the command on the named phone (empty or null: the first of {@link #phones()}). Refusals
     * are a {@link CommandException}: ERROR_INVALID_COMMAND for a name that is no command,
     * ERROR_PHONE_NOT_FOUND for a phone that does not exist, the manual's codes for wrong arguments
     * (see {@link CommandSpec#checkArgumentCount}), and whatever the command refuses.
     */
    CommandResult run(String phone, String typedName, List<String> arguments);
}
