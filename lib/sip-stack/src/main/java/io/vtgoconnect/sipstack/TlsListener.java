package io.vtgoconnect.sipstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS listening socket that accepts a plain TCP connection, tells {@link TcpConnections} of it
 * (with the TLS layer the stack then speaks on), and only then lays TLS over it: so a connection is
 * counted and timed from its first moment, handshake included, and closing the plain socket ends
 * it however far its handshake got. The settings the stack makes (protocols, cipher suites, client
 * authentication) are kept and given to each connection.
 */
final class TlsListener extends SSLServerSocket {
    private final SSLContext context;
    private final Supplier<Socket> unconnected;
    private final BiConsumer<Socket, SSLSocket> admit;
    private final SSLParameters parameters;
    private boolean sessionCreation = true;

    /**
     * @param unconnected makes the plain socket each connection is accepted into
     * @param admit told of each accepted connection: the plain socket, and the TLS layer over it
     */
    TlsListener(SSLContext context, int port, int backlog, InetAddress bindAddress, Supplier<Socket> unconnected,
            BiConsumer<Socket, SSLSocket> admit) throws IOException {
        super(port, backlog, bindAddress);
        this.context = context;
        this.unconnected = unconnected;
        this.admit = admit;
        this.parameters = context.getDefaultSSLParameters();
    }

    @Override
    public Socket accept() throws IOException {
        Socket plain = unconnected.get();
        implAccept(plain);
        try {
            SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(plain,
                    plain.getInetAddress().getHostAddress(), plain.getPort(), true);
            synchronized (this) {
                secure.setUseClientMode(false);
                secure.setSSLParameters(parameters);
                secure.setEnableSessionCreation(sessionCreation);
            }
            admit.accept(plain, secure);
            return secure;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return parameters.getCipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        parameters.setCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return context.getSupportedSSLParameters().getCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return context.getSupportedSSLParameters().getProtocols();
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return parameters.getProtocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        parameters.setProtocols(protocols);
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        parameters.setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return parameters.getNeedClientAuth();
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        parameters.setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return parameters.getWantClientAuth();
    }

    /** A listener's connections are always the server's end. */
    @Override
    public void setUseClientMode(boolean client) {
        if (client) {
            throw new IllegalArgumentException("A TLS listener's connections are the server's end");
        }
    }

    @Override
    public boolean getUseClientMode() {
        return false;
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean enabled) {
        sessionCreation = enabled;
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return sessionCreation;
    }
}
