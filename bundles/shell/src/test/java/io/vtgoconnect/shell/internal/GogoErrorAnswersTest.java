package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.CommandSpec;
import java.util.List;
import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.EOFError;
import org.junit.jupiter.api.Test;

class GogoErrorAnswersTest {
    private static final CommandSpec MAKE_CALL = new CommandSpec("vtgo", "MakeCall", "Initiates call.", List.of(), List.of("destination"), 1);
    private static final CommandSpec DTMF = new CommandSpec("vtgo", "DTMF", "Sends DTMF tones.", List.of(), List.of("dtmf"), 1);
    private static final CommandSpec WAIT_FOR = new CommandSpec("vtgo", "WaitFor", "Waits.", List.of("-r"), List.of("text", "seconds"), 1);

    private final GogoErrorAnswers answers = new GogoErrorAnswers(name -> List.of(MAKE_CALL, DTMF, WAIT_FOR).stream()
            .filter(doc -> doc.name().equalsIgnoreCase(name.replaceFirst("^vtgo:", ""))).findFirst(), scope -> List.of());

    private static IllegalArgumentException coercion() {
        return new IllegalArgumentException("Cannot coerce makecall() to any of [(CommandSession, String)]");
    }

    @Test
    void unknownCommand() {
        assertEquals("Error : ERROR_INVALID_COMMAND(3) - \"dial\" is not a command; type help for the list.",
                answers.answer("dial 2004", new CommandNotFoundException("dial")));
    }

    @Test
    void aPlugInCommandsRefusalIsItsOwnLine() {
        assertEquals("Error : ERROR_EM_UNKNOWN_DEVICE(17) - The EM service does not know device SEP1.",
                answers.answer("emlogin jsmith 123456", new CommandException(ErrorCode.ERROR_EM_UNKNOWN_DEVICE,
                        "The EM service does not know device SEP1.")));
    }

    @Test
    void missingDestination() {
        assertEquals("Error : ERROR_NO_DESTINATION(4) - MakeCall needs a destination: MakeCall destination.",
                answers.answer("MAKECALL", coercion()));
    }

    @Test
    void missingParameter() {
        assertEquals("Error : ERROR_MISSING_PARAMETER(9) - DTMF needs a dtmf: DTMF dtmf.", answers.answer("vtgo:dtmf", coercion()));
        assertEquals("Error : ERROR_MISSING_PARAMETER(9) - WaitFor needs a text: WaitFor [-r] text [seconds].",
                answers.answer("waitfor -r", coercion()));
    }

    @Test
    void tooManyArguments() {
        assertEquals("Error : ERROR_INVALID_COMMAND(3) - MakeCall takes at most 1 argument, 2 given: MakeCall destination.",
                answers.answer("makecall \"20 04\" 5", coercion()));
    }

    @Test
    void aLineThatDoesNotParse() {
        assertEquals("Error : ERROR_INVALID_COMMAND(3) - The command line does not parse (unclosed quote); "
                + "check its quotes and brackets.", answers.answer("makecall \"2004", new EOFError(1, 9, "unclosed quote", "quote", "\"")));
    }

    @Test
    void anythingElseIsOnePlainLine() {
        assertEquals("Error : ERROR_INVALID_COMMAND(3) - bundle 42 is not installed",
                answers.answer("gogo:start 42", new IllegalStateException("bundle 42 is not installed\n\tat x.y.Z")));
    }

    @Test
    void dashDashHelpToACommandThatTakesNoArgumentsStillPrintsItsHelp() {
        FakeSession session = new FakeSession();

        answers.beforeExecute(session, "dtmf --help");
        answers.afterExecute(session, "dtmf --help", coercion());

        assertEquals(List.of("DTMF dtmf", "  Sends DTMF tones."), session.lines());
        assertEquals(0, SessionOutput.of(session).failures());
    }
}
