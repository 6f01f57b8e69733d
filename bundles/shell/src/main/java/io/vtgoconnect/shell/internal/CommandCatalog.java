package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.command.CommandSpec;
import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.shell.ShellSession;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The commands a user can type right now, by any bundle and in any scope: those of the command
 * registry as their specs say, and the other Gogo commands (the shell's own, the framework's)
 * documented from their {@code @Descriptor} annotations; those of scope {@code vtgo} by their bare
 * name, the others as {@code scope:name}. A bundle that registers or withdraws commands changes it
 * at once.
 */
@Component(service = CommandCatalog.class)
public class CommandCatalog {
    private final Map<ServiceReference<Object>, List<CommandSpec>> docsByService = new ConcurrentHashMap<>();
    private final ServiceTracker<Object, Object> tracker;
    private final Commands registry;

    @Activate
    public CommandCatalog(BundleContext context, @Reference Commands registry) throws InvalidSyntaxException {
        this.registry = registry;
        tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(" + CommandProcessor.COMMAND_SCOPE + "=*)(" + CommandProcessor.COMMAND_FUNCTION
                        + "=*)(!(" + RegistryCommands.REGISTRY_COMMAND + "=true)))"), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                Object commands = super.addingService(reference);
                if (commands != null) {
                    docsByService.put(reference, document(commands, functions(reference),
                            String.valueOf(reference.getProperty(CommandProcessor.COMMAND_SCOPE))));
                }
                return commands;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Object commands) {
                docsByService.remove(reference);
                super.removedService(reference, commands);
            }
        };
        tracker.open(true);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** Every command: those of scope {@code vtgo} first, then by scope, each scope in alphabetical order. */
    List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>(registry.all());
        docsByService.values().forEach(all::addAll);
        all.sort(Comparator.comparing((CommandSpec doc) -> !doc.scope().equals(ShellSession.SCOPE))
                .thenComparing(CommandSpec::scope).thenComparing(doc -> doc.name().toLowerCase(Locale.ROOT)));
        return all;
    }

    /** The commands of a scope, in any letter case ({@code vtgo}, {@code cm}); none for a scope no command has. */
    List<CommandSpec> scope(String scope) {
        return commands().stream().filter(doc -> doc.scope().equalsIgnoreCase(scope)).toList();
    }

    /**
     * The command of that name in any letter case: {@code scope:name}, or a bare name, which is
     * looked for in scope {@code vtgo} first, as the shell finds it.
     */
    Optional<CommandSpec> find(String name) {
        List<CommandSpec> all = commands();
        return all.stream().filter(doc -> doc.isNamed(name)).findFirst()
                .or(() -> all.stream().filter(doc -> doc.name().equalsIgnoreCase(name)).findFirst());
    }

    private static List<String> functions(ServiceReference<?> reference) {
        Object functions = reference.getProperty(CommandProcessor.COMMAND_FUNCTION);
        if (functions instanceof String[] names) {
            return Arrays.asList(names);
        }
        return functions == null ? List.of() : List.of(functions.toString());
    }

    static List<CommandSpec> document(Object commands, List<String> functions) {
        return document(commands, functions, ShellSession.SCOPE);
    }

    /** The functions' docs, in their scope. */
    static List<CommandSpec> document(Object commands, List<String> functions, String scope) {
        List<CommandSpec> docs = new ArrayList<>();
        for (String function : functions) {
            List<Method> overloads = Arrays.stream(commands.getClass().getMethods())
                    .filter(method -> method.getName().equalsIgnoreCase(function))
                    .sorted(Comparator.comparingInt(CommandCatalog::positionalCount))
                    .toList();
            if (!overloads.isEmpty()) {
                docs.add(document(scope, function, overloads));
            }
        }
        return docs;
    }

    /** Overloads in order of their number of positional parameters; the longest names them all. */
    private static CommandSpec document(String scope, String function, List<Method> overloads) {
        Method longest = overloads.get(overloads.size() - 1);
        List<String> flags = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (Parameter parameter : longest.getParameters()) {
            if (parameter.getType() == CommandSession.class) {
                continue;
            }
            org.apache.felix.service.command.Parameter flag =
                    parameter.getAnnotation(org.apache.felix.service.command.Parameter.class);
            if (flag != null) {
                flags.add(flag.names()[0]);
            } else {
                Descriptor descriptor = parameter.getAnnotation(Descriptor.class);
                parameters.add(descriptor == null ? parameter.getName() : descriptor.value());
            }
        }
        String description = overloads.stream()
                .map(method -> method.getAnnotation(Descriptor.class))
                .filter(descriptor -> descriptor != null)
                .map(Descriptor::value)
                .findFirst().orElse("");
        return new CommandSpec(scope, function, description, flags, parameters, positionalCount(overloads.get(0)));
    }

    private static int positionalCount(Method method) {
        return (int) Arrays.stream(method.getParameters())
                .filter(parameter -> parameter.getType() != CommandSession.class)
                .filter(parameter -> parameter.getAnnotation(org.apache.felix.service.command.Parameter.class) == null)
                .count();
    }
}
