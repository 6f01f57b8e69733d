package io.vtgoconnect.api;

/**
 * A call reference id, unique while the phone runs. {@link #NONE} (0) stands for "no call", as
 * in the manual's {@code CallRef=0}.
 */
public record CallRef(long value) {
    public static final CallRef NONE = new CallRef(0);

    public CallRef {
        if (value < 0) {
            throw new IllegalArgumentException("A call reference is not negative: " + value);
        }
    }

    public boolean isNone() {
        return value == 0;
    }

    /** Reads a callRefID typed by a user. */
    public static CallRef parse(String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value > 0) {
                return new CallRef(value);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                "\"" + text + "\" is not a call reference; it is a positive number such as 28058446.");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
