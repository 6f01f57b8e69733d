package io.vtgoconnect.em.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replies in a CallManager's format (test/resources/cucm), each read as the manual's answer. */
class EmReplyTest {
    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = EmReplyTest.class.getResourceAsStream("/cucm/" + name)) {
            return in.readAllBytes();
        }
    }

    private static CommandException refusal(String fixture) throws IOException {
        byte[] reply = fixture(fixture);
        return assertThrows(CommandException.class, () -> EmReply.check(reply, "login"));
    }

    @Test
    void successIsNoError() throws IOException {
        byte[] reply = fixture("success.xml");
        assertDoesNotThrow(() -> EmReply.check(reply, "login"));
    }

    @Test
    void eachCodeHasTheManualsError() throws IOException {
        Map<String, ErrorCode> expected = Map.of(
                "failure-11.xml", ErrorCode.ERROR_EM_UNKNOWN_DEVICE,
                "failure-18.xml", ErrorCode.ERROR_EM_ANOTHER_USER_LOGGED_ON,
                "failure-22.xml", ErrorCode.ERROR_EM_DEVICE_NOT_CONFIGURED,
                "failure-2.xml", ErrorCode.ERROR_EM_INVALID_CREDENTIALS,
                "failure-3.xml", ErrorCode.ERROR_EM_INVALID_CREDENTIALS,
                "failure-9.xml", ErrorCode.ERROR_EM_INVALID_CREDENTIALS,
                "failure-23.xml", ErrorCode.ERROR_EM_INVALID_CREDENTIALS);
        for (Map.Entry<String, ErrorCode> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), refusal(entry.getKey()).code(), entry.getKey());
        }
        assertTrue(refusal("failure-18.xml").getMessage().contains("Another user logged in (error 18)"));
    }

    @Test
    void anyOtherCodeOrReplyIsAnUnknownResponseThatSaysWhat() throws IOException {
        CommandException other = refusal("failure-25.xml");
        assertEquals(ErrorCode.ERROR_EM_UNKNOWN_RESPONSE, other.code());
        assertTrue(other.getMessage().contains("error 25 (User logged in to another device)"), other.getMessage());
        assertEquals(ErrorCode.ERROR_EM_UNKNOWN_RESPONSE, refusal("failure-6.xml").code());
        assertEquals(ErrorCode.ERROR_EM_UNKNOWN_RESPONSE, refusal("not-a-response.xml").code());
        assertEquals(ErrorCode.ERROR_EM_UNKNOWN_RESPONSE, refusal("not-xml.txt").code());
    }
}
