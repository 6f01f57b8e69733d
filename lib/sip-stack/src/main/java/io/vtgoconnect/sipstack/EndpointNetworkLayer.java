package io.vtgoconnect.sipstack;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The stack's sockets: TCP and TLS listeners whose connections {@link TcpConnections} times and
 * counts, and TLS sockets from the endpoint's own context when it has one. A TLS connection to a call
 * server must find the server's certificate naming the host name it was located under through DNS
 * (RFC 5922), or else its address (the check HTTPS makes), and it is given the time a TCP peer has
 * to answer.
 */
final class EndpointNetworkLayer implements NetworkLayer {
    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private final TcpConnections connections;
    private final Optional<SSLContext> tls;
    private final int connectTimeoutMillis;
    private final LocatedHosts located;
    private final Consumer<InetSocketAddress> tlsClosed;

    /** {@code tlsClosed} hears of every TLS connection to a server that closes, on the thread that closes it. */
    EndpointNetworkLayer(TcpConnections connections, Optional<SSLContext> tls, int connectTimeoutMillis,
            LocatedHosts located, Consumer<InetSocketAddress> tlsClosed) {
        this.connections = connections;
        this.tlsClosed = tlsClosed;
        this.tls = tls;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.located = located;
    }

    private SSLContext context() throws IOException {
        return tls.orElseThrow(() -> new IOException("This SIP endpoint has no TLS"));
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return connections.tlsServerSocket(context(), port, backlog, bindAddress);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        InetSocketAddress server = new InetSocketAddress(address, port);
        // A fatal alert from the server closes the TLS layer's socket, and this one beneath it.
        Socket socket = new Socket() {
            @Override
            public synchronized void close() throws IOException {
                super.close();
                tlsClosed.accept(server);
            }
        };
        try {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(server, connectTimeoutMillis);
            String name = located.nameOf(server).orElse(address.getHostAddress());
            SSLSocket secure = (SSLSocket) context().getSocketFactory().createSocket(socket, name, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            return secure;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return connections.serverSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return plain.createSocket(address, port, localAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return plain.createSocket(address, port, localAddress, localPort);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        return plain.createDatagramSocket(port, bindAddress);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        plain.setSipStack(stack);
    }
}
