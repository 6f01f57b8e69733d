package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers what Gogo itself refuses (an unknown command, a wrong number of arguments, a line that
 * does not parse), and the CommandException a command throws, with the manual's error line, in
 * place of a Gogo exception.
 */
@Component(service = CommandSessionListener.class)
public class GogoErrorAnswers implements CommandSessionListener {
    /** Asks a command for its help, as Apache Karaf's commands take it. */
    static final String HELP_FLAG = "--help";
    private static final String GOGO_RUNTIME = "org.apache.felix.gogo.runtime.";
    /** Gogo's message for an unknown command, before the command's name. */
    private static final String NOT_FOUND = "Command not found: ";

    private final Function<String, Optional<CommandSpec>> commands;
    private final Function<String, List<CommandSpec>> scopes;

    @Activate
    public GogoErrorAnswers(@Reference CommandCatalog catalog) {
        this(catalog::find, catalog::scope);
    }

    /**
     * @param commands finds a command's doc by the name typed
     * @param scopes finds the docs of a scope's commands by the scope's name
     */
    GogoErrorAnswers(Function<String, Optional<CommandSpec>> commands, Function<String, List<CommandSpec>> scopes) {
        this.commands = commands;
        this.scopes = scopes;
    }

    /**
     * Marks where the output a wait may match begins, and takes {@code command --help} (what
     * Apache Karaf's help runs) as a request for the command's help, which the command prints, or
     * this does once the command has run without printing it.
     */
    @Override
    public void beforeExecute(CommandSession session, CharSequence commandline) {
        SessionOutput output = SessionOutput.of(session);
        output.commandStarted(commandline);
        output.requestHelp(helpFlagged(commandline).flatMap(commands));
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Object result) {
        SessionOutput output = SessionOutput.of(session);
        output.takeHelpRequest().ifPresentOrElse(help -> HelpCommand.detail(output, help), () -> listScope(output, commandline));
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Exception exception) {
        SessionOutput output = SessionOutput.of(session);
        Optional<CommandSpec> help = output.takeHelpRequest();
        if (help.isPresent()) {
            // A command whose arguments could not take --help.
            HelpCommand.detail(output, help.get());
            output.answered();
        } else if (listScope(output, commandline)) {
            output.answered();
        } else if (!output.hasReported(exception)) {
            output.fail(answer(commandline, exception));
        }
    }

    /** The name before {@code --help} when that is the whole statement. */
    private static Optional<String> helpFlagged(CharSequence commandline) {
        List<String> words = words(commandline);
        return words.size() == 2 && HELP_FLAG.equals(words.get(1)) ? Optional.of(words.get(0)) : Optional.empty();
    }

    /**
     * {@code scope --help} (what Karaf's {@code help scope} runs) lists the scope's commands.
     * @return whether the line asked for that
     */
    private boolean listScope(SessionOutput output, CharSequence commandline) {
        Optional<String> scope = helpFlagged(commandline).filter(name -> commands.apply(name).isEmpty());
        List<CommandSpec> listed = scope.map(scopes).orElse(List.of());
        if (listed.isEmpty()) {
            return false;
        }
        HelpCommand.list(output, listed.get(0).scope(), listed);
        return true;
    }

    /**
     * What a commands class's {@code _main} does, the method Gogo calls when a line fits none of the
     * command's own ({@code hold --help}, {@code hold 1 2}): {@code --help} returns, so that its
     * help is printed and nothing fails (Karaf's help runs it); anything else is refused as Gogo
     * refuses it, and answered from the command's help.
     * @param argv the command's name, then the arguments typed
     */
    static void unfitArguments(String[] argv) {
        if (argv.length != 2 || !HELP_FLAG.equals(argv[1])) {
            throw new IllegalArgumentException("Cannot coerce " + String.join(" ", argv) + " to any of the command's methods");
        }
    }

    String answer(CharSequence commandline, Exception exception) {
        // A command of a plug-in bundle (EM, IPCC, ...) answers a refusal by throwing it.
        if (exception instanceof CommandException refusal) {
            return refusal.line();
        }
        if (isGogos(exception, "CommandNotFoundException") && firstLine(exception).startsWith(NOT_FOUND)) {
            return ErrorCode.ERROR_INVALID_COMMAND.format(
                    "\"" + firstLine(exception).substring(NOT_FOUND.length()) + "\" is not a command; type help for the list.");
        }
        if (isGogos(exception, "SyntaxError")) {
            return ErrorCode.ERROR_INVALID_COMMAND.format(
                    "The command line does not parse (" + firstLine(exception) + "); check its quotes and brackets.");
        }
        if (exception instanceof IllegalArgumentException && firstLine(exception).startsWith("Cannot coerce")) {
            Optional<String> arity = arityAnswer(commandline);
            if (arity.isPresent()) {
                return arity.get();
            }
        }
        return ErrorCode.ERROR_INVALID_COMMAND.format(firstLine(exception));
    }

    /** The answer to a command given too few or too many arguments, from what its help says. */
    private Optional<String> arityAnswer(CharSequence commandline) {
        List<String> words = words(commandline);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return commands.apply(words.get(0)).map(doc -> {
            long given = words.stream().skip(1).filter(word -> !doc.flags().contains(word)).count();
            try {
                doc.checkArgumentCount((int) Math.min(given, Integer.MAX_VALUE));
            } catch (CommandException refusal) {
                return refusal.line();
            }
            return ErrorCode.ERROR_INVALID_COMMAND.format("The arguments do not fit " + doc.usage() + ".");
        });
    }

    /** Whether the exception is, or extends, Gogo's exception of that name. */
    private static boolean isGogos(Exception exception, String simpleName) {
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(GOGO_RUNTIME + simpleName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The words of the first statement of the line, as Gogo splits them: at blanks outside double
     * quotes, up to the first ';' or '|' outside them; quotes are dropped.
     */
    static List<String> words(CharSequence commandline) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < commandline.length(); i++) {
            char c = commandline.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (!quoted && (c == ';' || c == '|')) {
                break;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String firstLine(Exception exception) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            return exception.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
