package io.vtgoconnect.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vtgoconnect.api.CallRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A received DTMF digit: a phone event of its own, one digit at a time. */
class DtmfReceivedTest {
    private static final CallRef CALL = new CallRef(28058446);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "5", "9", "*", "#", "A", "D"})
    void isAPhoneEventOnItsOwnTopic(String digit) {
        DtmfReceived received = new DtmfReceived(CALL, digit);

        assertEquals("io/vtgoconnect/phone/DtmfReceived", received.topic());
        assertEquals("DtmfReceived", received.typeName());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "55", "a", "E", "+"})
    void holdsExactlyOneDtmfDigit(String digit) {
        assertThrows(IllegalArgumentException.class, () -> new DtmfReceived(CALL, digit));
    }
}
