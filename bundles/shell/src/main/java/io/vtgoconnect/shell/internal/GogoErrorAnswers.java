package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.gogo.runtime.SyntaxError;
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
    private static final String DESTINATION = "destination";

    private final Function<String, Optional<CommandDoc>> commands;

    @Activate
    public GogoErrorAnswers(@Reference CommandCatalog catalog) {
        this(catalog::find);
    }

    /** @param commands finds a command's doc by the name typed */
    GogoErrorAnswers(Function<String, Optional<CommandDoc>> commands) {
        this.commands = commands;
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence commandline) {
        // Nothing to check before a command.
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Object result) {
        // The command answered by itself.
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Exception exception) {
        SessionOutput.of(session).fail(answer(commandline, exception));
    }

    String answer(CharSequence commandline, Exception exception) {
        // A command of a plug-in bundle (EM, IPCC, ...) answers a refusal by throwing it.
        if (exception instanceof CommandException refusal) {
            return refusal.line();
        }
        if (exception instanceof CommandNotFoundException notFound) {
            return ErrorCode.ERROR_INVALID_COMMAND.format(
                    "\"" + notFound.getCommand() + "\" is not a command; type help for the list.");
        }
        if (exception instanceof SyntaxError) {
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
            if (given < doc.required()) {
                String missing = doc.parameters().get((int) given);
                ErrorCode code = DESTINATION.equals(missing) ? ErrorCode.ERROR_NO_DESTINATION : ErrorCode.ERROR_MISSING_PARAMETER;
                return code.format(doc.name() + " needs " + article(missing) + missing + ": " + doc.usage() + ".");
            }
            if (given > doc.parameters().size()) {
                return ErrorCode.ERROR_INVALID_COMMAND.format(doc.name() + " takes at most " + doc.parameters().size()
                        + (doc.parameters().size() == 1 ? " argument" : " arguments") + ", " + given + " given: "
                        + doc.usage() + ".");
            }
            return ErrorCode.ERROR_INVALID_COMMAND.format("The arguments do not fit " + doc.usage() + ".");
        });
    }

    /** The words of the first statement of the line, as Gogo splits them. */
    private static List<String> words(CharSequence commandline) {
        try {
            Parser parser = new Parser(commandline);
            parser.program();
            List<Parser.Statement> statements = parser.statements();
            if (!statements.isEmpty()) {
                return statements.get(0).tokens().stream().map(Object::toString).map(GogoErrorAnswers::unquote).toList();
            }
        } catch (RuntimeException unparsable) {
            // answered as a plain invalid command
        }
        return List.of();
    }

    private static String unquote(String word) {
        return word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"") ? word.substring(1, word.length() - 1) : word;
    }

    private static String article(String noun) {
        // "a user", "a userID": a leading u sounds like "you".
        return "aeio".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ";
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
