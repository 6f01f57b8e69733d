package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.control.CallControl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code command --help} and {@code vtgo --help} through a real Gogo command processor with the
 * shell's answers, as Karaf's shell runs them for its {@code help command} and {@code help vtgo}:
 * the help is printed and nothing fails, whatever arguments the command takes.
 */
class HelpFlagTest {
    private final List<String> calls = new ArrayList<>();
    private final CallControl control = (CallControl) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {CallControl.class}, (proxy, method, args) -> {
                calls.add(method.getName());
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final CommandSession session;

    HelpFlagTest() {
        threadIO.start();
        PhoneCommands phone = new PhoneCommands(control);
        OutputCommands output = new OutputCommands();
        List<String> phoneFunctions = List.of("Hold", "Resume", "MakeCall", "Mute");
        List<String> outputFunctions = List.of("WaitFor", "Events");
        phoneFunctions.forEach(function -> processor.addCommand("vtgo", phone, function));
        outputFunctions.forEach(function -> processor.addCommand("vtgo", output, function));
        List<CommandDoc> docs = new ArrayList<>(CommandCatalog.document(phone, phoneFunctions));
        docs.addAll(CommandCatalog.document(output, outputFunctions));
        processor.addListener(new GogoErrorAnswers(name -> docs.stream()
                .filter(doc -> doc.name().equalsIgnoreCase(name.replaceFirst("(?i)^vtgo:", ""))).findFirst(),
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
        assertEquals(List.of("hold"), calls);
    }

    private List<String> execute(String command) throws Exception {
        session.execute(command);
        return lines();
    }
}
