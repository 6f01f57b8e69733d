package io.vtgoconnect.api.window;

/** The remote API's connections that pages showing a phone's window hold. */
public interface WindowConnections {
    /**
     * Closes the connections of the pages showing the phone, or every phone (a farm view), with the
     * reason given (at most 100 characters), which the pages show.
     *
     * @return how many were closed
     */
    int close(String phone, String reason);
}
