package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandProvider;
import io.vtgoconnect.api.command.CommandSpec;
import io.vtgoconnect.api.command.Commands;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The commands of the registry ({@link Commands}) as Gogo commands: each command a bundle offers
 * is a Gogo function of its scope while the bundle offers it. Typed at the console, a command runs
 * through the registry, on the session's phone, or on the phone {@code --phone name} (or {@code -p
 * name}) names for that one command; it prints what it answers, or the manual's error line.
 */
@Component(immediate = true)
public class RegistryCommands {
    /** Service property that tells these functions from the commands Gogo documents by reflection. */
    static final String REGISTRY_COMMAND = "vtgo.command.registry";
    private static final List<String> PHONE_FLAGS = List.of("--phone", "-p");

    private final Commands commands;
    private final BundleContext context;
    private final Map<CommandProvider, List<ServiceRegistration<Function>>> registrations = new ConcurrentHashMap<>();

    @Activate
    public RegistryCommands(@Reference Commands commands, BundleContext context) {
        this.commands = commands;
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeProvider")
    void addProvider(CommandProvider provider) {
        List<ServiceRegistration<Function>> functions = new ArrayList<>();
        for (Command command : provider.commands()) {
            CommandSpec spec = command.spec();
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(CommandProcessor.COMMAND_SCOPE, spec.scope());
            properties.put(CommandProcessor.COMMAND_FUNCTION, spec.name());
            properties.put(REGISTRY_COMMAND, Boolean.TRUE);
            functions.add(context.registerService(Function.class, (session, arguments) -> run(session, spec, arguments),
                    properties));
        }
        registrations.put(provider, functions);
    }

    void removeProvider(CommandProvider provider) {
        List<ServiceRegistration<Function>> functions = registrations.remove(provider);
        if (functions != null) {
            functions.forEach(RegistryCommands::unregister);
        }
    }

    @Deactivate
    void deactivate() {
        registrations.values().forEach(functions -> functions.forEach(RegistryCommands::unregister));
        registrations.clear();
    }

    private static void unregister(ServiceRegistration<Function> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException gone) {
            // The bundle stops: its services go with it.
        }
    }

    private Object run(CommandSession session, CommandSpec spec, List<Object> typed) {
        SessionOutput output = SessionOutput.of(session);
        List<String> arguments = new ArrayList<>();
        typed.forEach(argument -> arguments.add(String.valueOf(argument)));
        String phone = takePhone(arguments).orElse(output.selectedPhone());
        output.answer(() -> commands.run(phone, spec.typedName(), arguments).output().forEach(output::println));
        return null;
    }

    /** Takes {@code --phone name} (or {@code -p name}) out of the arguments: the phone of this one command. */
    static java.util.Optional<String> takePhone(List<String> arguments) {
        for (int i = 0; i < arguments.size() - 1; i++) {
            if (PHONE_FLAGS.contains(arguments.get(i))) {
                String phone = arguments.get(i + 1);
                arguments.remove(i + 1);
                arguments.remove(i);
                return java.util.Optional.of(phone);
            }
        }
        return java.util.Optional.empty();
    }
}
