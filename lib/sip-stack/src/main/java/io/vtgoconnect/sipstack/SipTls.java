package io.vtgoconnect.sipstack;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * SIP over TLS for one endpoint: the port its TLS listener binds, and the context its connections
 * to call servers use. The context is the endpoint's own, so that nothing JVM-wide
 * ({@code javax.net.ssl.*} system properties, the default context) is read or changed.
 *
 * @param port TCP port of the TLS listener, next to the UDP and TCP one
 */
public record SipTls(int port, SSLContext context) {

    /**
     * Trusts the certificates of a trust store file (PKCS12 or JKS), or the JDK's own CAs when
     * {@code trustStore} is empty. The password is only read, never kept.
     *
     * @throws IOException naming the file, when it cannot be read or its password is wrong
     */
    public static SipTls trusting(int port, Optional<Path> trustStore, char[] password) throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore.isPresent() ? load(trustStore.get(), password) : null);
            X509ExtendedTrustManager trusted = Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new CallServerTrust(trusted)}, null);
            return new SipTls(port, context);
        } catch (GeneralSecurityException e) {
            throw new IOException("The TLS trust store cannot be used: " + e.getMessage());
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException {
        try {
            return KeyStore.getInstance(file.toFile(), password.length == 0 ? null : password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("The TLS trust store " + file + " cannot be read (wrong password, or neither PKCS12 "
                    + "nor JKS)");
        }
    }
}
