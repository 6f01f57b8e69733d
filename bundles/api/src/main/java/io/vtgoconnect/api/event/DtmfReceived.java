package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/**
 * The far end of the call sent a DTMF digit: one of {@code 0-9 * #}, or {@code A-D}, which a far
 * end may send though the {@code DTMF} command does not. There is one event per digit, as each
 * arrives: the far end sends its digits one key press at a time with nothing that ends a sequence,
 * so the phone reports each digit without delay, and a script follows them in order with
 * {@code waitfor Digit=5} just as it follows the line states.
 */
public record DtmfReceived(CallRef callRef, String digit) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "DtmfReceived";
    private static final String DIGITS = "0123456789*#ABCD";

    public DtmfReceived {
        Objects.requireNonNull(callRef, "callRef");
        Objects.requireNonNull(digit, "digit");
        if (digit.length() != 1 || DIGITS.indexOf(digit.charAt(0)) < 0) {
            throw new IllegalArgumentException("A DTMF digit is one of 0-9, *, # and A-D: \"" + digit + "\"");
        }
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
