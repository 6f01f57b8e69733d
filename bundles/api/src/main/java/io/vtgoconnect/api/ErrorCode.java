package io.vtgoconnect.api;

/**
 * The manual's error codes, numbered in its order, then the remote API's own: 24 when a client is not
 * who it says or may not use a phone, 25 when it sends more, or faster, than a connection may.
 */
public enum ErrorCode {
    ERROR_NO_ERROR,
    ERROR_NOT_INITIALIZED,
    ERROR_PHONE_NOT_RUNNING,
    ERROR_INVALID_COMMAND,
    ERROR_NO_DESTINATION,
    ERROR_MAKE_CALL,
    ERROR_NO_CALL,
    ERROR_NO_INCOMING_CALL,
    ERROR_PHONE_NOT_FOUND,
    ERROR_MISSING_PARAMETER,
    ERROR_TRANSFER,
    ERROR_CONFERENCE,
    ERROR_CREATE_XML_OBJECT_FAILED,
    ERROR_CREATE_DOM_OBJECT_FAILED,
    ERROR_EM_REQUEST_FAILED,
    ERROR_EM_ANOTHER_USER_LOGGED_ON,
    ERROR_EM_DEVICE_NOT_CONFIGURED,
    ERROR_EM_UNKNOWN_DEVICE,
    ERROR_EM_INVALID_CREDENTIALS,
    ERROR_EM_UNKNOWN_RESPONSE,
    ERROR_IPCC_LOGIN,
    ERROR_IPCC_LOGOUT,
    ERROR_IPCC_CHANGE_STATE,
    ERROR_IPCC_INVALID_STATE,
    ERROR_ACCESS_DENIED,
    ERROR_LIMIT_EXCEEDED;

    /** The number of the code, e.g. 6 for ERROR_NO_CALL. */
    public int code() {
        return ordinal();
    }

    /** The error line as the shell prints it: {@code Error : ERROR_NO_CALL(6) - <sentence>}. */
    public String format(String sentence) {
        return "Error : " + name() + "(" + code() + ") - " + sentence;
    }
}
