package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.sip.ListeningPoint;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * The TCP and TLS connections peers open to the endpoint, and how long each may stay without
 * sending a whole message. JAIN-SIP's reader waits for a connection's first byte for ever and, at
 * its connection limit, stops accepting: so a peer that opens connections and sends nothing, or
 * sends a message a byte at a time, would lock everyone else out. Here a connection is closed when
 * it has brought no complete message within {@link TcpLimits#firstMessageMillis()} of opening (for
 * TLS, the handshake included), or within {@link TcpLimits#idleMillis()} of its last one; and when
 * {@link TcpLimits#maxConnections()} are open to a listener, a new one closes the one that has
 * waited longest for a message, so a new client is always taken. Messages are counted as the stack
 * hands them on (a valve), so a trickle of bytes does not count. What a TCP connection brings is
 * read through a {@link HeaderBlockLimit}, whose header blocks over the size limit are answered 513
 * here. Connections the endpoint opens itself are the stack's alone.
 */
final class TcpConnections implements SIPMessageValve {
    private static final long SWEEP_MILLIS = 250;

    /**
     * One accepted connection: the socket under it (closing it ends the stack's reader), the one
     * the stack speaks on (the same for TCP, the TLS layer for TLS), the listener's port, when it
     * last brought a message (or opened), and whether it has brought one. Once it has, any bytes it
     * sends count as well: an RFC 5626 keep-alive (CRLFCRLF, every 30 s from a phone) is no message,
     * and a registered phone's connection, which the server may need to reach it, must stay open.
     */
    private static final class Connection {
        final Socket transport;
        final Socket speaking;
        final int listener;
        long lastMessageNanos;
        boolean spoken;

        Connection(Socket transport, Socket speaking, long now) {
            this.transport = transport;
            this.speaking = speaking;
            this.listener = transport.getLocalPort();
            this.lastMessageNanos = now;
        }
    }

    private final TcpLimits limits;
    private final int maxMessageBytes;
    private final int headerMillis;
    private final PeerFaults faults;
    private final Map<String, Connection> open = new HashMap<>();
    private final ScheduledExecutorService sweeper;
    /**
     * The sweep, scheduled only while an accepted connection is open: a phone of a farm speaks UDP
     * and would otherwise wake its sweeper four times a second for nothing (2,000 wake-ups a second
     * for 500 phones, each a context switch taken from the RTP clock). Null when none is open.
     */
    private ScheduledFuture<?> sweep;

    /**
     * @param maxMessageBytes the longest header block a TCP connection may send
     * @param headerMillis the time a TCP connection may take to send a header block, from its first byte
     */
    TcpConnections(TcpLimits limits, int maxMessageBytes, int headerMillis, PeerFaults faults, ThreadGroup threads,
            String name) {
        this.limits = limits;
        this.maxMessageBytes = maxMessageBytes;
        this.headerMillis = headerMillis;
        this.faults = faults;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(threads, task, name + "-tcp-connections");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A TCP listening socket whose accepted connections are counted, timed, and read through a {@link HeaderBlockLimit}. */
    ServerSocket serverSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress) {
            @Override
            public Socket accept() throws IOException {
                LimitedSocket socket = new LimitedSocket();
                implAccept(socket);
                admit(socket, socket);
                return socket;
            }
        };
    }

    /** A TLS listening socket whose accepted connections are counted and timed, handshake included. */
    SSLServerSocket tlsServerSocket(SSLContext context, int port, int backlog, InetAddress bindAddress) throws IOException {
        return new TlsListener(context, port, backlog, bindAddress, WatchedSocket::new, this::admit);
    }

    /** An accepted connection that notes when it last read a byte. */
    static class WatchedSocket extends Socket {
        volatile long lastReadNanos;
        private InputStream watched;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (watched == null) {
                watched = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read(byte[] into, int offset, int length) throws IOException {
                        int count = super.read(into, offset, length);
                        if (count > 0) {
                            lastReadNanos = System.nanoTime();
                        }
                        return count;
                    }

                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            lastReadNanos = System.nanoTime();
                        }
                        return b;
                    }
                };
            }
            return watched;
        }
    }

    /** An accepted TCP connection, read through a {@link HeaderBlockLimit}. */
    private final class LimitedSocket extends WatchedSocket {
        private HeaderBlockLimit limited;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new HeaderBlockLimit(super.getInputStream(), this, maxMessageBytes, headerMillis,
                        headers -> refuseHeaders(this, headers));
            }
            return limited;
        }

        synchronized void parsed() {
            if (limited != null) {
                limited.parsed();
            }
        }
    }

    /** The stack's parser took a header block from the channel's connection: more may be read from it. */
    void parsed(MessageChannel channel) {
        Connection connection = find(channel.getPeerAddress(), channel.getPeerPort());
        if (connection != null && connection.transport instanceof LimitedSocket limited) {
            limited.parsed();
        }
    }

    /** How many accepted connections are open. */
    synchronized int count() {
        forgetClosed();
        return open.size();
    }

    private synchronized void admit(Socket transport, Socket speaking) {
        forgetClosed();
        int listener = transport.getLocalPort();
        while (open.values().stream().filter(connection -> connection.listener == listener).count() >= limits.maxConnections()) {
            Connection longestWaiting = open.values().stream().filter(connection -> connection.listener == listener)
                    .min(Comparator.comparingLong((Connection connection) -> connection.lastMessageNanos)).orElseThrow();
            close(longestWaiting);
        }
        open.put(key(transport.getInetAddress().getHostAddress(), transport.getPort()),
                new Connection(transport, speaking, System.nanoTime()));
        if (sweep == null && !sweeper.isShutdown()) {
            sweep = sweeper.scheduleWithFixedDelay(this::closeSilent, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void closeSilent() {
        long now = System.nanoTime();
        synchronized (this) {
            forgetClosed();
            List<Connection> late = open.values().stream().filter(connection -> connection.spoken
                    ? now - Math.max(connection.lastMessageNanos, lastRead(connection)) > TimeUnit.MILLISECONDS.toNanos(limits.idleMillis())
                    : now - connection.lastMessageNanos > TimeUnit.MILLISECONDS.toNanos(limits.firstMessageMillis())).toList();
            late.forEach(this::close);
            if (open.isEmpty() && sweep != null) {
                sweep.cancel(false);
                sweep = null;
            }
        }
    }

    private static long lastRead(Connection connection) {
        return connection.transport instanceof WatchedSocket watched ? watched.lastReadNanos : 0;
    }

    /** Closing the socket under the connection ends the stack's reader of it, which lets go of the connection as if the peer had closed it. */
    private void close(Connection connection) {
        open.remove(key(connection.transport.getInetAddress().getHostAddress(), connection.transport.getPort()));
        try {
            connection.transport.close();
        } catch (IOException alreadyGone) {
            // closed either way
        }
    }

    private void forgetClosed() {
        open.values().removeIf(connection -> connection.transport.isClosed());
    }

    private void heard(MessageChannel channel) {
        if (!channel.isReliable()) {
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
    void answerAndClose(MessageChannel channel, byte[] answer) {
        Connection connection = find(channel.getPeerAddress(), channel.getPeerPort());
        if (connection == null) {
            channel.close();
            return;
        }
        answerAndClose(connection, answer);
    }

    private synchronized Connection find(String address, int port) {
        return open.get(key(address, port));
    }

    /** Writes outside the lock: a peer that reads nothing must not hold up the others' connections. */
    private void answerAndClose(Connection connection, byte[] answer) {
        try {
            connection.speaking.getOutputStream().write(answer);
        } catch (IOException peerGone) {
            // closed below either way
        }
        synchronized (this) {
            close(connection);
        }
    }

    /** A TCP connection sent a header block over the limit, of which these are the first whole lines: answered 513 if it can be. */
    private void refuseHeaders(Socket socket, byte[] headers) {
        Optional<SIPResponse> answer = TooLargeAnswer.toStartOf(headers, Response.MESSAGE_TOO_LARGE);
        faults.dropped(socket.getInetAddress().getHostAddress() + " over TCP", "its header block passed the limit of "
                + maxMessageBytes + " bytes without ending; " + answer.map(response -> "answered " + TooLargeAnswer.status(response))
                .orElse("unanswered") + " and closed the connection");
        Connection connection = find(socket.getInetAddress().getHostAddress(), socket.getPort());
        answerAndClose(connection != null ? connection : new Connection(socket, socket, System.nanoTime()),
                answer.map(response -> response.encodeAsBytes(ListeningPoint.TCP)).orElse(new byte[0]));
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

    /** Stops timing connections; the stack closes them as it stops. Holds the lock: a connection admitted meanwhile schedules no sweep after it. */
    synchronized void stop() {
        sweeper.shutdownNow();
    }
}
