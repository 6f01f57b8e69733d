package io.vtgoconnect.callmanager.internal.acd;

/**
 * A request the agent API refuses: its HTTP status and the ApiError that says why, with Finesse's
 * fields (ErrorType, ErrorData: the element at fault, ErrorMessage).
 */
final class AcdRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String type;
    final String data;

    AcdRefusal(int status, String type, String data, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.data = data;
    }

    /** A change the agent's state does not allow now. */
    static AcdRefusal invalidState(String message) {
        return new AcdRefusal(400, "Invalid State", "state", message);
    }

    static AcdRefusal invalidInput(String element, String message) {
        return new AcdRefusal(400, "Invalid Input", element, message);
    }

    static AcdRefusal missing(String element, String message) {
        return new AcdRefusal(400, "Parameter Missing", element, message);
    }
}
