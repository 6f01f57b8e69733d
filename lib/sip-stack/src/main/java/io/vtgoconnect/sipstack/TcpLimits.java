package io.vtgoconnect.sipstack;

/**
 * How long a TCP or TLS connection a peer opened may go without sending a whole message, and how
 * many may be open at once to a listener (see {@link TcpConnections}).
 *
 * @param firstMessageMillis from opening (for TLS, the handshake included) to the end of the first message
 * @param idleMillis from the end of one message to the end of the next
 * @param maxConnections connections open at once to a listener; one more closes the one that has waited longest for a message
 */
public record TcpLimits(long firstMessageMillis, long idleMillis, int maxConnections) {
    /**
     * 10 s to the first message, 120 s between messages (Kamailio's {@code tcp_connection_lifetime};
     * a phone's keep-alive comes every 30 s), 256 connections.
     */
    public static final TcpLimits DEFAULT = new TcpLimits(10_000, 120_000, 256);

    /** @throws IllegalArgumentException for a time below 1 ms or fewer than one connection */
    public TcpLimits {
        if (firstMessageMillis < 1 || idleMillis < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("TCP limits must be at least 1 ms and 1 connection, not " + firstMessageMillis
                    + " ms, " + idleMillis + " ms, " + maxConnections + " connections");
        }
    }
}
