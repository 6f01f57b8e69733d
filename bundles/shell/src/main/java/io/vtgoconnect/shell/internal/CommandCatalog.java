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
 * The commands of scope {@code vtgo} registered right now, by any bundle, documented from their
 * {@code @Descriptor} annotations. A bundle that registers or withdraws commands changes it at once.
 */
@Component(service = CommandCatalog.class)
public class CommandCatalog {
    private final Map<ServiceReference<Object>, List<CommandDoc>> docsByService = new ConcurrentHashMap<>();
    private final ServiceTracker<Object, Object> tracker;

    @Activate
    public CommandCatalog(BundleContext context) throws InvalidSyntaxException {
        tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(" + CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE + ")"), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                Object commands = super.addingService(reference);
                if (commands != null) {
                    docsByService.put(reference, document(commands, functions(reference)));
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

    /** Every command, in alphabetical order. */
    List<CommandDoc> commands() {
        List<CommandDoc> all = new ArrayList<>();
        docsByService.values().forEach(all::addAll);
        all.sort(Comparator.comparing(doc -> doc.name().toLowerCase(Locale.ROOT)));
        return all;
    }

    /** The command of that name in any letter case, with or without the {@code vtgo:} scope. */
    Optional<CommandDoc> find(String name) {
        String bare = name.regionMatches(true, 0, ShellSession.SCOPE + ":", 0, ShellSession.SCOPE.length() + 1)
                ? name.substring(ShellSession.SCOPE.length() + 1) : name;
        return commands().stream().filter(doc -> doc.name().equalsIgnoreCase(bare)).findFirst();
    }

    private static List<String> functions(ServiceReference<?> reference) {
        Object functions = reference.getProperty(CommandProcessor.COMMAND_FUNCTION);
        if (functions instanceof String[] names) {
            return Arrays.asList(names);
        }
        return functions == null ? List.of() : List.of(functions.toString());
    }

    static List<CommandDoc> document(Object commands, List<String> functions) {
        List<CommandDoc> docs = new ArrayList<>();
        for (String function : functions) {
            List<Method> overloads = Arrays.stream(commands.getClass().getMethods())
                    .filter(method -> method.getName().equalsIgnoreCase(function))
                    .sorted(Comparator.comparingInt(CommandCatalog::positionalCount))
                    .toList();
            if (!overloads.isEmpty()) {
                docs.add(document(function, overloads));
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
