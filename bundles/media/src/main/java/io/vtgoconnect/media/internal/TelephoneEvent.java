package io.vtgoconnect.media.internal;

/**
 * The payload of an RFC 4733 telephone-event packet: event code, end bit, volume (dBm0 below
 * zero) and duration in timestamp units.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    /** The DTMF digits in event-code order: code 0 is '0', 10 is '*', 11 is '#', 12 to 15 are A to D. */
    private static final String DIGITS = "0123456789*#ABCD";
    private static final int LENGTH = 4;

    public TelephoneEvent {
        if (event < 0 || event > 0xFF || volume < 0 || volume > 0x3F || duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("telephone event out of range: " + event + "/" + volume + "/" + duration);
        }
    }

    /**
     * Parses the first four bytes of a payload; any more (RFC 4733 allows none without RFC 2198
     * redundancy) are ignored.
     */
    public static TelephoneEvent parse(byte[] payload) throws MalformedPacketException {
        if (payload.length < LENGTH) {
            throw new MalformedPacketException("telephone event of " + payload.length + " bytes");
        }
        return new TelephoneEvent(payload[0] & 0xFF, (payload[1] & 0x80) != 0, payload[1] & 0x3F,
                (payload[2] & 0xFF) << 8 | (payload[3] & 0xFF));
    }

    /** The event code of a DTMF digit (0-9, *, #, A-D, case-insensitive), or -1 when it is none. */
    public static int eventCode(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /** Whether this event is a DTMF digit (codes 0 to 15). */
    public boolean isDigit() {
        return event < DIGITS.length();
    }

    /** The DTMF digit of this event; only meaningful when {@link #isDigit()}. */
    public char digit() {
        return DIGITS.charAt(event);
    }

    public byte[] toBytes() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }
}
