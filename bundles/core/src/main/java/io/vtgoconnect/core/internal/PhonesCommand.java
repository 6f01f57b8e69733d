package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandProvider;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.Invocation;
import io.vtgoconnect.api.command.Phone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code Phones}: every phone of the runtime, the one the command acts on marked {@code *}. */
@Component(service = CommandProvider.class)
public class PhonesCommand implements CommandProvider {
    private final PhoneRegistry registry;

    @Activate
    public PhonesCommand(@Reference PhoneRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Command> commands() {
        return List.of(Command.phone("Phones", "Lists the phones of the runtime, one a line: its name, its device "
                + "and what it is doing; * marks the phone commands act on. Phone name selects another.", List.of(), 0,
                this::list));
    }

    private CommandResult list(Invocation call) {
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> phones = new ArrayList<>();
        List<Phone> all = registry.phones();
        int width = all.stream().mapToInt(phone -> phone.name().length()).max().orElse(0);
        for (Phone phone : all) {
            boolean selected = phone.name().equals(call.phone().name());
            String status = registry.status(phone);
            lines.add((selected ? "* " : "  ") + phone.name() + " ".repeat(width - phone.name().length())
                    + "  device " + (phone.device().isEmpty() ? "-" : phone.device()) + ", " + status);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", phone.name());
            entry.put("device", phone.device());
            entry.put("status", status);
            phones.add(entry);
        }
        if (all.isEmpty()) {
            lines.add("No softphone is installed.");
        }
        return new CommandResult(lines, Map.of("phones", phones));
    }
}
