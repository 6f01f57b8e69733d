package io.vtgoconnect.api;

import java.util.Objects;

/**
 * A command that could not be carried out: the manual's error code and one plain sentence that
 * says why. The message is the sentence alone; {@link #line()} is what the shell prints.
 */
public class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public CommandException(ErrorCode code, String sentence) {
        super(Objects.requireNonNull(sentence, "sentence"));
        this.code = Objects.requireNonNull(code, "code");
    }

    public CommandException(ErrorCode code, String sentence, Throwable cause) {
        super(Objects.requireNonNull(sentence, "sentence"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** The error line, e.g. {@code Error : ERROR_NO_CALL(6) - There is no connected call to end.} */
    public String line() {
        return code.format(getMessage());
    }
}
