package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.shell.ShellSession;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code Help [command]}: the commands available right now, or one command's detail. */
@Component(service = HelpCommand.class, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=Help"})
public class HelpCommand {
    private final CommandCatalog catalog;

    @Activate
    public HelpCommand(@Reference CommandCatalog catalog) {
        this.catalog = catalog;
    }

    @Descriptor("Request help. If no command is specified, will list all commands that VTGOConnect recognizes. "
            + "If command is specified (e.g. help makecall), more detailed description of the requested command will be shown.")
    public void help(CommandSession session) {
        List<CommandDoc> commands = catalog.commands();
        int width = commands.stream().mapToInt(doc -> doc.usage().length()).max().orElse(0) + 2;
        SessionOutput output = SessionOutput.of(session);
        output.println("Commands (type help <command> for its detail):");
        for (CommandDoc doc : commands) {
            output.println("  " + pad(doc.usage(), width) + doc.summary());
        }
    }

    public void help(CommandSession session, @Descriptor("command") String command) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            CommandDoc doc = catalog.find(command).orElseThrow(() -> new CommandException(
                    ErrorCode.ERROR_INVALID_COMMAND, "\"" + command + "\" is not a command; type help for the list."));
            output.println(doc.usage());
            output.println("  " + doc.description());
        });
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
