package io.vtgoconnect.shell.internal;

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
import org.osgi.util.tracker.ServiceTracker;

/**
 * The commands registered right now, by any bundle and in any scope, documented from their
 * {@code @Descriptor} annotations: those of scope {@code vtgo} by their bare name, the others as
 * {@code scope:name}. A bundle that registers or withdraws commands changes it at once.
 */
@Component(service = CommandCatalog.class)
public class CommandCatalog {
    private final Map<ServiceReference<Object>, List<CommandDoc>> docsByService = new ConcurrentHashMap<>();
    private final ServiceTracker<Object, Object> tracker;

    @Activate
    public CommandCatalog(BundleContext context) throws InvalidSyntaxException {
        tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(" + CommandProcessor.COMMAND_SCOPE + "=*)(" + CommandProcessor.COMMAND_FUNCTION
                        + "=*))"), null) {
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
    List<CommandDoc> commands() {
        List<CommandDoc> all = new ArrayList<>();
        docsByService.values().forEach(all::addAll);
        all.sort(Comparator.comparing((CommandDoc doc) -> !doc.scope().equals(ShellSession.SCOPE))
                .thenComparing(CommandDoc::scope).thenComparing(doc -> doc.name().toLowerCase(Locale.ROOT)));
        return all;
    }

    /** The commands of a scope, in any letter case ({@code vtgo}, {@code cm}); none for a scope no command has. */
    List<CommandDoc> scope(String scope) {
        return commands().stream().filter(doc -> doc.scope().equalsIgnoreCase(scope)).toList();
    }

    /**
     * The command of that name in any letter case: {@code scope:name}, or a bare name, which is
     * looked for in scope {@code vtgo} first, as the shell finds it.
     */
    Optional<CommandDoc> find(String name) {
        String bare = name.regionMatches(true, 0, ShellSession.SCOPE + ":", 0, ShellSession.SCOPE.length() + 1)
                ? name.substring(ShellSession.SCOPE.length() + 1) : name;
        List<CommandDoc> all = commands();
        return all.stream().filter(doc -> doc.name().equalsIgnoreCase(bare)).findFirst()
                .or(() -> all.stream().filter(doc -> doc.name().toLowerCase(Locale.ROOT)
                        .endsWith(":" + bare.toLowerCase(Locale.ROOT))).findFirst());
    }

    private static List<String> functions(ServiceReference<?> reference) {
        Object functions = reference.getProperty(CommandProcessor.COMMAND_FUNCTION);
        if (functions instanceof String[] names) {
            return Arrays.asList(names);
        }
        return functions == null ? List.of() : List.of(functions.toString());
    }

    static List<CommandDoc> document(Object commands, List<String> functions) {
        return document(commands, functions, ShellSession.SCOPE);
    }

    /** The functions' docs, named bare in scope {@code vtgo} and as {@code scope:function} in any other. */
    static List<CommandDoc> document(Object commands, List<String> functions, String scope) {
        List<CommandDoc> docs = new ArrayList<>();
        for (String function : functions) {
            List<Method> overloads = Arrays.stream(commands.getClass().getMethods())
                    .filter(method -> method.getName().equalsIgnoreCase(function))
                    .sorted(Comparator.comparingInt(CommandCatalog::positionalCount))
                    .toList();
            if (!overloads.isEmpty()) {
                docs.add(document(scope.equals(ShellSession.SCOPE) ? function : scope + ":" + function, overloads));
            }
        }
        return docs;
    }

    /** Overloads in order of their number of positional parameters; the longest names them all. */
    private static CommandDoc document(String function, List<Method> overloads) {
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
        return new CommandDoc(function, description, flags, parameters, positionalCount(overloads.get(0)));
    }

    private static int positionalCount(Method method) {
        return (int) Arrays.stream(method.getParameters())
                .filter(parameter -> parameter.getType() != CommandSession.class)
                .filter(parameter -> parameter.getAnnotation(org.apache.felix.service.command.Parameter.class) == null)
                .count();
    }
}
