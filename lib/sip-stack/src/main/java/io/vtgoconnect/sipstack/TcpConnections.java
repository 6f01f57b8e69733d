package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ListeningPoint;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * The TCP connections peers open to the endpoint, and how long each may stay without sending a
 * whole message. JAIN-SIP's TCP reader waits for a connection's first byte for ever and, at its
 * connection limit, stops accepting: so a peer that opens connections and sends nothing, or sends
 * a message a byte at a time, would lock everyone else out. Here a connection is closed when it has
 * brought no complete message within {@link TcpLimits#firstMessageMillis()} of opening, or within
 * {@link TcpLimits#idleMillis()} of its last one; and when {@link TcpLimits#maxConnections()} are
 * open, a new one closes the one that has waited longest for a message, so a new client is always
 * taken. Messages are counted as the stack hands them on (a valve), so a trickle of bytes does not
 * count. Connections the endpoint opens itself, and TLS ones, are the stack's alone.
 */
final class TcpConnections implements SIPMessageValve {
    private static final long SWEEP_MILLIS = 250;

    /** One accepted connection: when it last brought a message (or opened), and whether it has brought one. */
    private static final class Connection {
        final Socket socket;
        long lastMessageNanos;
        boolean spoken;

        Connection(Socket socket, long now) {
            this.socket = socket;
            this.lastMessageNanos = now;
        }
    }

    private final TcpLimits limits;
    private final Map<String, Connection> open = new HashMap<>();
    private final ScheduledExecutorService sweeper;

    TcpConnections(TcpLimits limits, ThreadGroup threads, String name) {
        this.limits = limits;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(threads, task, name + "-tcp-connections");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::closeSilent, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A listening socket whose accepted connections are counted and timed here. */
    ServerSocket serverSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress) {
            @Override
            public Socket accept() throws IOException {
                Socket socket = super.accept();
                admit(socket);
                return socket;
            }
        };
    }

    /** How many accepted connections are open. */
    synchronized int count() {
        forgetClosed();
        return open.size();
    }

    private synchronized void admit(Socket socket) {
        forgetClosed();
        while (open.size() >= limits.maxConnections()) {
            Connection longestWaiting = open.values().stream()
                    .min(Comparator.comparingLong((Connection connection) -> connection.lastMessageNanos)).orElseThrow();
            close(longestWaiting);
        }
        open.put(key(socket.getInetAddress().getHostAddress(), socket.getPort()), new Connection(socket, System.nanoTime()));
    }

    private void closeSilent() {
        long now = System.nanoTime();
        synchronized (this) {
            forgetClosed();
            List<Connection> late = open.values().stream().filter(connection -> now - connection.lastMessageNanos
                    > TimeUnit.MILLISECONDS.toNanos(connection.spoken ? limits.idleMillis() : limits.firstMessageMillis())).toList();
            late.forEach(this::close);
        }
    }

    /** Closing the socket ends the stack's reader of it, which lets go of the connection as if the peer had closed it. */
    private void close(Connection connection) {
        open.remove(key(connection.socket.getInetAddress().getHostAddress(), connection.socket.getPort()));
        try {
            connection.socket.close();
        } catch (IOException alreadyGone) {
            // closed either way
        }
    }

    private void forgetClosed() {
        open.values().removeIf(connection -> connection.socket.isClosed());
    }

    private void heard(MessageChannel channel) {
        if (!ListeningPoint.TCP.equalsIgnoreCase(channel.getTransport())) {
            return;
        }
        synchronized (this) {
            Connection connection = open.get(key(channel.getPeerAddress(), channel.getPeerPort()));
            if (connection != null) {
                connection.lastMessageNanos = System.nanoTime();
                connection.spoken = true;
            }
        }
    }

    /** Sends the bytes on the connection the channel reads, then closes it. */
    synchronized void answerAndClose(MessageChannel channel, byte[] answer) {
        Connection connection = open.get(key(channel.getPeerAddress(), channel.getPeerPort()));
        if (connection == null) {
            channel.close();
            return;
        }
        try {
            connection.socket.getOutputStream().write(answer);
        } catch (IOException peerGone) {
            // closed below either way
        }
        close(connection);
    }

    private static String key(String address, int port) {
        return address + ":" + port;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        heard(channel);
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        heard(channel);
        return true;
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }

    /** Stops timing connections; the stack closes them as it stops. */
    void stop() {
        sweeper.shutdownNow();
    }
}
