package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.CommandSpec;
import io.vtgoconnect.api.shell.ShellSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code Help [command]}: every command available right now, grouped by scope (the phone's first,
 * by their bare name), one command's detail ({@code help makecall}, {@code help cm:status}), or the
 * commands of one scope ({@code help vtgo}, {@code help cm}).
 */
@Component(service = HelpCommand.class, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=Help"})
public class HelpCommand {
    /** Columns of a command's detail, indented by two, so that it reads on an 80-column terminal. */
    static final int DETAIL_WIDTH = 76;

    private final CommandCatalog catalog;

    @Activate
    public HelpCommand(@Reference CommandCatalog catalog) {
        this.catalog = catalog;
    }

    @Descriptor("Request help. If no command is specified, will list all commands that VTGOConnect recognizes. "
            + "If command is specified (e.g. help makecall), more detailed description of the requested command will be shown.")
    public void help(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        Map<String, List<CommandSpec>> byScope = catalog.commands().stream()
                .collect(Collectors.groupingBy(CommandSpec::scope, LinkedHashMap::new, Collectors.toList()));
        byScope.forEach((scope, commands) -> list(output, scope, commands));
    }

    public void help(CommandSession session, @Descriptor("command") String command) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            Optional<CommandSpec> doc = catalog.find(command);
            List<CommandSpec> scope = catalog.scope(command);
            if (doc.isPresent()) {
                detail(output, doc.get());
            } else if (!scope.isEmpty()) {
                list(output, scope.get(0).scope(), scope);
            } else {
                throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                        "\"" + command + "\" is not a command; type help for the list.");
            }
        });
    }

    /** The commands of one scope: a heading, then each command's usage and summary. */
    static void list(SessionOutput output, String scope, List<CommandSpec> commands) {
        output.println(scope.equals(ShellSession.SCOPE) ? "Commands (type help <command> for its detail):"
                : "Commands of scope " + scope + " (typed with their scope):");
        int width = commands.stream().mapToInt(doc -> doc.usage().length()).max().orElse(0) + 2;
        commands.forEach(doc -> output.println("  " + pad(doc.usage(), width) + doc.summary()));
    }

    /** A command's usage, then its description wrapped to the detail's width. */
    static void detail(SessionOutput output, CommandSpec doc) {
        output.println(doc.usage());
        wrap(doc.description(), DETAIL_WIDTH).forEach(line -> output.println("  " + line));
    }

    /** Splits text into lines of at most {@code width} characters, at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
