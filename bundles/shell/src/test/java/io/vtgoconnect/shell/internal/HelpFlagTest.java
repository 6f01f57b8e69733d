package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.command.CommandSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code command --help} and {@code vtgo --help} through a real Gogo command processor with the
 * shell's answers, as Karaf's shell runs them for its {@code help command} and {@code help vtgo}:
 * the help is printed and nothing fails, whatever arguments the command takes.
 */
class HelpFlagTest {
    private static final List<CommandSpec> PHONE = List.of(
            new CommandSpec(CommandSpec.PHONE_SCOPE, "Hold", "Puts active call on hold.", List.of(), 0),
            new CommandSpec(CommandSpec.PHONE_SCOPE, "Resume", "Resumes a held call.", List.of("lineID", "callRefID"), 0),
            new CommandSpec(CommandSpec.PHONE_SCOPE, "MakeCall", "Calls a destination.", List.of("destination"), 1),
            new CommandSpec(CommandSpec.PHONE_SCOPE, "Mute", "Mutes the microphone.", List.of("state"), 0));
    private final List<String> calls = new ArrayList<>();
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final CommandSession session;

    HelpFlagTest() {
        threadIO.start();
        // The phone's commands reach Gogo as functions of any arguments, as RegistryCommands offers
        // them; the registry refuses a wrong count of arguments as the command's spec says.
        PHONE.forEach(spec -> processor.addCommand(spec.scope(), (Function) (commandSession, arguments) -> {
            SessionOutput.of(commandSession).answer(() -> {
                spec.checkArgumentCount(arguments.size());
                calls.add(spec.name());
            });
            return null;
        }, spec.name()));
        OutputCommands output = new OutputCommands();
        List<String> outputFunctions = List.of("WaitFor", "Events");
        outputFunctions.forEach(function -> processor.addCommand("vtgo", output, function));
        List<CommandSpec> docs = new ArrayList<>(PHONE);
        docs.addAll(CommandCatalog.document(output, outputFunctions));
        processor.addListener(new GogoErrorAnswers(name -> docs.stream().filter(doc -> doc.isNamed(name)).findFirst(),
                scope -> scope.equalsIgnoreCase("vtgo") ? docs : List.of()));
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), printed, printed);
    }

    @AfterEach
    void close() {
        session.close();
        threadIO.stop();
    }

    private List<String> lines() {
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        printed.reset();
        return lines;
    }

    @Test
    void aCommandWithoutArgumentsPrintsItsHelpAndSucceeds() throws Exception {
        session.execute("vtgo:hold --help");
        List<String> help = lines();
        assertEquals("Hold", help.get(0), help::toString);
        assertTrue(help.get(1).equals("  Puts active call on hold."), help::toString);
        assertEquals(List.of(), calls);
    }

    @Test
    void aCommandWithArgumentsPrintsItsHelpAndRunsNot() throws Exception {
        for (String command : List.of("vtgo:resume --help", "vtgo:mute --help", "vtgo:makecall --help", "vtgo:waitfor --help")) {
            session.execute(command);
            List<String> help = lines();
            assertTrue(help.size() > 1 && help.get(1).startsWith("  "), command + ": " + help);
        }
        assertEquals(List.of(), calls);
        assertEquals(Optional.of("Events are printed as text."), execute("vtgo:events").stream().findFirst());
    }

    @Test
    void theScopeListsItsCommands() throws Exception {
        // Karaf runs its subshell command for "vtgo"; Gogo alone finds no such command.
        assertThrows(Exception.class, () -> session.execute("vtgo --help"));
        List<String> list = lines();
        assertEquals("Commands (type help <command> for its detail):", list.get(0), list::toString);
        assertTrue(list.stream().anyMatch(line -> line.startsWith("  Hold ")) && list.stream().anyMatch(line -> line.startsWith("  MakeCall destination ")),
                list::toString);
    }

    @Test
    void argumentsThatFitNoMethodAreRefusedWithTheManualsLine() {
        assertThrows(Exception.class, () -> session.execute("vtgo:hold 1 2"));
        assertEquals(List.of("Error : ERROR_INVALID_COMMAND(3) - Hold takes at most 0 arguments, 2 given: Hold."), lines());
        assertThrows(Exception.class, () -> session.execute("vtgo:makecall"));
        assertEquals(List.of("Error : ERROR_NO_DESTINATION(4) - MakeCall needs a destination: MakeCall destination."), lines());
        assertEquals(List.of(), calls);
    }

    @Test
    void aCommandThatFitsRunsAsBefore() throws Exception {
        session.execute("vtgo:hold");
        assertEquals(List.of("Hold"), calls);
    }

    private List<String> execute(String command) throws Exception {
        session.execute(command);
        return lines();
    }
}
