package io.vtgoconnect.sipstack;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks a call server's certificate chain against the trust store, then the name it was reached
 * by, and says in one sentence which of the two failed: the handshake's own errors name neither.
 * This end never accepts TLS clients, so every client certificate is refused.
 */
final class CallServerTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager trusted;

    CallServerTrust(X509ExtendedTrustManager trusted) {
        this.trusted = trusted;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, peerName(socket), () -> trusted.checkServerTrusted(chain, authType, socket));
    }

    /** The name the connection was made to: a host name located through DNS, or the address. */
    private static String peerName(Socket socket) {
        if (socket instanceof SSLSocket tls && tls.getHandshakeSession() != null
                && tls.getHandshakeSession().getPeerHost() != null) {
            return tls.getHandshakeSession().getPeerHost();
        }
        return socket.getInetAddress() == null ? "the call server" : socket.getInetAddress().getHostAddress();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, engine.getPeerHost(), () -> trusted.checkServerTrusted(chain, authType, engine));
    }

    /** The trust store's check with the connection's name (a host name check, when the connection asks for one). */
    private interface NameCheck {
        void run() throws CertificateException;
    }

    private void check(X509Certificate[] chain, String authType, String peer, NameCheck nameCheck)
            throws CertificateException {
        checkChain(chain, authType);
        try {
            nameCheck.run();
        } catch (CertificateException e) {
            throw new CertificateException("the call server's TLS certificate does not name " + peer + " (host name mismatch)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkChain(chain, authType);
    }

    private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            trusted.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new CertificateException(chainFault(chain, e));
        }
    }

    private static String chainFault(X509Certificate[] chain, CertificateException e) {
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity();
            } catch (CertificateExpiredException expired) {
                return "the call server's TLS certificate " + certificate.getSubjectX500Principal().getName()
                        + " expired on " + certificate.getNotAfter().toInstant();
            } catch (CertificateNotYetValidException early) {
                return "the call server's TLS certificate " + certificate.getSubjectX500Principal().getName()
                        + " is not valid before " + certificate.getNotBefore().toInstant();
            }
        }
        String issuer = chain.length == 0 ? "nobody" : chain[chain.length - 1].getIssuerX500Principal().getName();
        return "the call server's TLS certificate is issued by an unknown CA (" + issuer
                + "), not one of the trust store";
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("TLS clients are not accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trusted.getAcceptedIssuers();
    }
}
