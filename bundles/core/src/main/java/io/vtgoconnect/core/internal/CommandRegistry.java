package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandProvider;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.CommandSpec;
import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.command.Invocation;
import io.vtgoconnect.api.command.Phone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The commands every bundle offers right now, run by name on the phone a caller names: the
 * console's shell and the remote API both run them here, so both take the same commands and
 * answer the same refusals.
 */
@Component(service = Commands.class)
public class CommandRegistry implements Commands {
    private final PhoneRegistry phones;
    private final Map<CommandProvider, List<Command>> byProvider = new ConcurrentHashMap<>();
    /** Every command in {@link #sort()}'s order, sorted when a provider comes or goes: each command run looks its name up here. */
    private volatile List<Command> sorted = List.of();

    @Activate
    public CommandRegistry(@Reference PhoneRegistry phones) {
        this.phones = phones;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeProvider")
    void addProvider(CommandProvider provider) {
        byProvider.put(provider, List.copyOf(provider.commands()));
        sort();
    }

    void removeProvider(CommandProvider provider) {
        byProvider.remove(provider);
        sort();
    }

    @Override
    public List<CommandSpec> all() {
        return sorted.stream().map(Command::spec).toList();
    }

    /**
     * Sorts every command, the phone's scope first, then by scope and name. Synchronized: two providers
     * arriving at once must not each publish a list without the other's commands.
     */
    private synchronized void sort() {
        List<Command> all = new ArrayList<>();
        byProvider.values().forEach(all::addAll);
        all.sort(Comparator.comparing((Command command) -> !command.spec().scope().equals(CommandSpec.PHONE_SCOPE))
                .thenComparing(command -> command.spec().scope())
                .thenComparing(command -> command.spec().name().toLowerCase(Locale.ROOT)));
        sorted = List.copyOf(all);
    }

    @Override
    public Optional<CommandSpec> find(String typedName) {
        return command(typedName).map(Command::spec);
    }

    /** The command typed: by its typed name, else a bare name of another scope. */
    private Optional<Command> command(String typedName) {
        List<Command> all = sorted;
        return all.stream().filter(command -> command.spec().isNamed(typedName)).findFirst()
                .or(() -> all.stream().filter(command -> command.spec().name().equalsIgnoreCase(typedName)).findFirst());
    }

    @Override
    public List<Phone> phones() {
        return phones.phones();
    }

    @Override
    public Optional<Phone> phone(String name) {
        return phones.phone(name);
    }

    @Override
    public CommandResult run(String phone, String typedName, List<String> arguments) {
        Command command = command(typedName).orElseThrow(() -> new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                "\"" + typedName + "\" is not a command; type help for the list."));
        Phone target = phone == null || phone.isBlank() ? phones.first() : phones.phone(phone.strip()).orElseThrow(
                () -> new CommandException(ErrorCode.ERROR_PHONE_NOT_FOUND, "There is no phone named " + phone.strip()
                        + "; Phones lists them."));
        command.spec().checkArgumentCount(arguments.size());
        try {
            return command.action().run(new Invocation(target, arguments));
        } catch (CommandException refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, command.spec().typedName() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""))
                    + ".", e);
        }
    }
}
