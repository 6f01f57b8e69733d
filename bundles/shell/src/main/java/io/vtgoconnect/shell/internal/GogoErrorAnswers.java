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

    @Activate
    public GogoErrorAnswers(@Reference CommandCatalog catalog) {
        this(catalog::find);
    }

    /** @param commands finds a command's doc by the name typed */
    GogoErrorAnswers(Function<String, Optional<CommandSpec>> commands) {
        this.commands = commands;
    }

    /**
     * Marks where the output a wait may match begins, and takes {@code command --help} (what
     * Apache Karaf's help runs) as a request for the command's help, which the command then prints.
     */
    @Override
    public void beforeExecute(CommandSession session, CharSequence commandline) {
        SessionOutput output = SessionOutput.of(session);
        output.commandStarted(commandline);
        List<String> words = words(commandline);
        output.requestHelp(words.size() == 2 && HELP_FLAG.equals(words.get(1)) ? commands.apply(words.get(0)) : Optional.empty());
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Object result) {
        SessionOutput.of(session).requestHelp(Optional.empty());
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Exception exception) {
        SessionOutput output = SessionOutput.of(session);
        Optional<CommandSpec> help = output.takeHelpRequest();
        if (help.isPresent()) {
            // A command whose arguments could not take --help.
            HelpCommand.detail(output, help.get());
            output.answered();
        } else if (!output.hasReported(exception)) {
            output.fail(answer(commandline, exception));
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
