package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.shell.ShellSession;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code Phone [name]}: which phone the session's commands act on. */
@Component(service = PhoneSelection.class, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=Phone"})
public class PhoneSelection {
    private final Commands commands;

    @Activate
    public PhoneSelection(@Reference Commands commands) {
        this.commands = commands;
    }

    @Descriptor("Selects the phone the manual's commands act on in this session, by its name (Phones lists them); "
            + "without a name, says which phone that is. A command names another phone for itself alone with "
            + "--phone name (MakeCall --phone phone2 3001). Events of other phones than the selected one begin with "
            + "their phone's name in brackets.")
    public void phone(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        String selected = output.selectedPhone().isEmpty() ? commands.phones().stream().findFirst()
                .map(io.vtgoconnect.api.command.Phone::name).orElse("") : output.selectedPhone();
        output.println(selected.isEmpty() ? "No softphone is installed." : "Commands act on phone " + selected + ".");
    }

    public void phone(CommandSession session, @Descriptor("name") String name) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            String phone = commands.phone(name.strip()).orElseThrow(() -> new CommandException(
                    ErrorCode.ERROR_PHONE_NOT_FOUND, "There is no phone named " + name.strip() + "; Phones lists them.")).name();
            output.selectPhone(phone);
            output.println("Commands act on phone " + phone + ".");
        });
    }
}
