package io.vtgoconnect.sipstack;

/**
 * How long a TCP connection a peer opened may go without sending a whole message, and how many
 * may be open at once (see {@link TcpConnections}).
 *
 * @param firstMessageMillis from opening to the end of the first message
 * @param idleMillis from the end of one message to the end of the next
 * @param maxConnections connections open at once; one more closes the one that has waited longest for a message
 */
record TcpLimits(long firstMessageMillis, long idleMillis, int maxConnections) {
    /**
     * 10 s to the first message, 120 s between messages (Kamailio's {@code tcp_connection_lifetime};
     * a phone's keep-alive comes every 30 s), 256 connections.
     */
    static final TcpLimits DEFAULT = new TcpLimits(10_000, 120_000, 256);
}
