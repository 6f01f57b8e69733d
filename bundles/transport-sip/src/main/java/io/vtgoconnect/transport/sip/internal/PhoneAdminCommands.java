package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandProvider;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.Invocation;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.farm.FarmTemplate;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * AddPhone, RemovePhone, AddFarm and RemoveFarm: phones added and removed while the runtime runs,
 * as the configurations of {@value PhoneSettings#FACTORY_PID} and {@value FarmSettings#FACTORY_PID}
 * that a file in etc/ would make (and which last as long as ConfigAdmin keeps them).
 */
@Component(service = CommandProvider.class)
public class PhoneAdminCommands implements CommandProvider {
    /** The key that names a farm's configuration. */
    static final String FARM = "farm";
    private static final String SETTINGS = "setting=value...";
    private static final String NOT_YET = " (call control has not caught up yet)";

    /** How long a command waits for the phones it added or removed, before it answers all the same. */
    private static final Duration SETTLING = Duration.ofSeconds(60);

    private final ConfigurationAdmin configurations;
    /** The names of the phones call control offers now; guarded by this. */
    private final Set<String> offered = new HashSet<>();

    @Activate
    public PhoneAdminCommands(@Reference ConfigurationAdmin configurations) {
        this.configurations = configurations;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "withdrawn")
    synchronized void offered(CallControl phone, Map<String, Object> properties) {
        offered.add(String.valueOf(properties.get(CallControl.PHONE)));
        notifyAll();
    }

    synchronized void withdrawn(CallControl phone, Map<String, Object> properties) {
        offered.remove(String.valueOf(properties.get(CallControl.PHONE)));
        notifyAll();
    }

    /**
     * Waits until call control offers all the phones (or none of them), so that a script's next command
     * finds them as the reply says. @return whether they settled before the deadline
     */
    private synchronized boolean settled(Collection<String> names, boolean added) {
        long deadline = System.nanoTime() + SETTLING.toNanos();
        while (!names.stream().allMatch(name -> offered.contains(name) == added)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Command> commands() {
        return List.of(
                Command.phone("AddPhone", "Adds a phone of that name, with the settings of a phone configuration given "
                        + "as key=value (device.name, sip.port, provisioning.url, ...); lines name it in their phone key. "
                        + "Example: AddPhone alice device.name=SEP00AA00BB00CC sip.port=5071 "
                        + "provisioning.url=http://127.0.0.1:6970", List.of("name", SETTINGS), 1, this::addPhone),
                Command.phone("RemovePhone", "Removes a phone AddPhone (or a file of " + PhoneSettings.FACTORY_PID
                        + ") added; its calls end.", List.of("name"), 1, this::removePhone),
                Command.phone("AddFarm", "Adds count phones made from one template, named for the farm (agents1, agents2, ... unless "
                        + "name= gives another pattern), with the settings "
                        + "of a farm configuration as key=value (name, device.name, line.first, password.file, "
                        + "registrar, sip.port.first, ...). Example: AddFarm agents 20 line.first=3000 "
                        + "password.file=/home/me/farm.password", List.of("name", "count", SETTINGS), 2, this::addFarm),
                Command.phone("RemoveFarm", "Removes the phones of a farm.", List.of("name"), 1, this::removeFarm));
    }

    private CommandResult addPhone(Invocation call) {
        String name = call.argument(0).strip();
        if (phoneConfiguration(name).isPresent()) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "A phone named " + name + " exists already.");
        }
        Hashtable<String, Object> settings = settings(call.arguments().subList(1, call.arguments().size()));
        settings.put("name", name);
        create(PhoneSettings.FACTORY_PID, settings);
        return CommandResult.of("Phone " + name + " is added" + (settled(List.of(name), true) ? "" : NOT_YET)
                + "; RunProgram --phone " + name + " starts it.");
    }

    private CommandResult removePhone(Invocation call) {
        String name = call.argument(0).strip();
        Configuration configuration = phoneConfiguration(name).orElseThrow(() -> new CommandException(
                ErrorCode.ERROR_PHONE_NOT_FOUND, "No phone named " + name + " was added with AddPhone; Phones lists the "
                        + "phones, and a farm's phones go with RemoveFarm."));
        delete(configuration);
        return CommandResult.of("Phone " + name + " is removed" + (settled(List.of(name), false) ? "" : NOT_YET) + ".");
    }

    private CommandResult addFarm(Invocation call) {
        String name = call.argument(0).strip();
        int count;
        try {
            count = Integer.parseInt(call.argument(1).strip());
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "\"" + call.argument(1)
                    + "\" is not a number of phones; a farm has 1 or more.");
        }
        if (farmConfiguration(name).isPresent()) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "A farm named " + name + " exists already.");
        }
        Hashtable<String, Object> settings = settings(call.arguments().subList(2, call.arguments().size()));
        settings.put(FARM, name);
        settings.put("count", count);
        // Named for their farm, so that the phones of two farms added with their defaults never share a name.
        settings.putIfAbsent("name", name + "{n}");
        List<String> phones = phoneNames(settings);
        create(FarmSettings.FACTORY_PID, settings);
        return CommandResult.of("Farm " + name + " of " + count + (count == 1 ? " phone" : " phones") + " is added"
                + (settled(phones, true) ? "" : NOT_YET) + "; Phones lists them.");
    }

    private CommandResult removeFarm(Invocation call) {
        String name = call.argument(0).strip();
        Configuration farm = farmConfiguration(name).orElseThrow(() -> new CommandException(ErrorCode.ERROR_PHONE_NOT_FOUND,
                "There is no farm named " + name + "."));
        List<String> phones = phoneNames(farm.getProperties());
        delete(farm);
        return CommandResult.of("Farm " + name + " is removed" + (settled(phones, false) ? "" : NOT_YET) + ".");
    }

    /** The names of a farm's phones, by the settings of its configuration and the defaults of the others. */
    private static List<String> phoneNames(Dictionary<String, Object> settings) {
        FarmTemplate template;
        try {
            template = new FarmTemplate(farmNumber(settings, "first"), farmNumber(settings, "count"),
                    farmNumber(settings, "line_first"), farmNumber(settings, "lines_per_phone"));
        } catch (IllegalArgumentException e) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, e.getMessage());
        }
        String pattern = String.valueOf(farmSetting(settings, "name"));
        return template.numbers().stream().map(n -> template.expand(pattern, n)).toList();
    }

    private static int farmNumber(Dictionary<String, Object> settings, String attribute) {
        Object value = farmSetting(settings, attribute);
        try {
            return value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, attribute.replace('_', '.') + "=" + value
                    + " is not a whole number.");
        }
    }

    /** A setting of a farm's configuration (the attribute's key as a file writes it), else the attribute's default. */
    private static Object farmSetting(Dictionary<String, Object> settings, String attribute) {
        Object value = settings.get(attribute.replace('_', '.'));
        if (value != null) {
            return value;
        }
        try {
            return FarmSettings.class.getMethod(attribute).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("FarmSettings has no " + attribute, e);
        }
    }

    /** key=value arguments; a value that is a whole number is an Integer, as a .cfg file makes it. */
    private static Hashtable<String, Object> settings(List<String> arguments) {
        Hashtable<String, Object> settings = new Hashtable<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals < 1) {
                throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "\"" + argument
                        + "\" is not a setting; write key=value, as sip.port=5071.");
            }
            String value = argument.substring(equals + 1).strip();
            settings.put(argument.substring(0, equals).strip(), value.matches("-?\\d{1,9}") ? Integer.valueOf(value) : value);
        }
        return settings;
    }

    private Optional<Configuration> phoneConfiguration(String name) {
        return find("(&(service.factoryPid=" + PhoneSettings.FACTORY_PID + ")(name=" + escape(name) + "))");
    }

    private Optional<Configuration> farmConfiguration(String name) {
        return find("(&(service.factoryPid=" + FarmSettings.FACTORY_PID + ")(" + FARM + "=" + escape(name) + "))");
    }

    private Optional<Configuration> find(String filter) {
        try {
            Configuration[] found = configurations.listConfigurations(filter);
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException | InvalidSyntaxException e) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "The configurations cannot be read: " + e.getMessage() + ".");
        }
    }

    private void create(String factoryPid, Hashtable<String, Object> settings) {
        try {
            configurations.createFactoryConfiguration(factoryPid, "?").update(settings);
        } catch (IOException e) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "The configuration cannot be written: " + e.getMessage() + ".");
        }
    }

    private static void delete(Configuration configuration) {
        try {
            configuration.delete();
        } catch (IOException e) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "The configuration cannot be removed: " + e.getMessage() + ".");
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
