package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the console takes out of a registry command's arguments before it runs it. */
class RegistryCommandsTest {
    @Test
    void dashDashPhoneNamesThePhoneOfThisCommandAlone() {
        List<String> arguments = new ArrayList<>(List.of("--phone", "phone2", "3001"));
        assertEquals(Optional.of("phone2"), RegistryCommands.takePhone(arguments));
        assertEquals(List.of("3001"), arguments);

        arguments = new ArrayList<>(List.of("resume", "-1", "-p", "phone7"));
        assertEquals(Optional.of("phone7"), RegistryCommands.takePhone(arguments));
        assertEquals(List.of("resume", "-1"), arguments);
    }

    @Test
    void withoutItTheArgumentsStayAsTyped() {
        List<String> arguments = new ArrayList<>(List.of("resume", "-1", "1234567", "--phone"));
        assertEquals(Optional.empty(), RegistryCommands.takePhone(arguments));
        assertEquals(List.of("resume", "-1", "1234567", "--phone"), arguments);
    }
}
