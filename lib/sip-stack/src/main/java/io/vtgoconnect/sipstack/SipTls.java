package io.vtgoconnect.sipstack;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * SIP over TLS for one endpoint: the port its TLS listener binds, and the context its connections
 * use. The context is the endpoint's own, so that nothing JVM-wide ({@code javax.net.ssl.*} system
 * properties, the default context) is read or changed.
 *
 * @param port TCP port of the TLS listener, next to the UDP and TCP one
 * @param certificate what this end presents: a phone's client certificate, when a call server asks
 *        for one, and the certificate its TLS listener serves
 */
public record SipTls(int port, SSLContext context, ClientCertificate certificate) {

    /**
     * Trusts the certificates of a trust store file (PKCS12 or JKS), or the JDK's own CAs when
     * {@code trustStore} is empty, and presents no certificate. The password is only read, never kept.
     *
     * @throws IOException naming the file, when it cannot be read or its password is wrong
     */
    public static SipTls trusting(int port, Optional<Path> trustStore, char[] password) throws IOException {
        return of(port, trustStore, password, Optional.empty(), new char[0]);
    }

    /**
     * As {@link #trusting}, presenting the certificate and key of a key store file (PKCS12 or JKS)
     * when {@code keyStore} is given: its one key entry, the key under the store's password.
     * Neither password is kept.
     *
     * @throws IOException naming the file, when it cannot be read, its password is wrong or it holds no key
     */
    public static SipTls of(int port, Optional<Path> trustStore, char[] trustPassword, Optional<Path> keyStore,
            char[] keyPassword) throws IOException {
        X509ExtendedTrustManager trusted = trustManager(trustStore, trustPassword);
        ClientCertificate certificate = new ClientCertificate(keyStore.isPresent()
                ? Optional.of(keyManager(keyStore.get(), keyPassword)) : Optional.empty());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {certificate}, new TrustManager[] {new CallServerTrust(trusted)}, null);
            return new SipTls(port, context, certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS cannot be set up: " + e.getMessage());
        }
    }

    private static X509ExtendedTrustManager trustManager(Optional<Path> trustStore, char[] password) throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore.isPresent() ? load("trust store", trustStore.get(), password) : null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new IOException("The TLS trust store cannot be used: " + e.getMessage());
        }
    }

    private static X509ExtendedKeyManager keyManager(Path keyStore, char[] password) throws IOException {
        KeyStore store = load("key store", keyStore, password);
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IOException("The TLS key store " + keyStore + " holds no private key and certificate");
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return Arrays.stream(factory.getKeyManagers())
                    .filter(X509ExtendedKeyManager.class::isInstance).map(X509ExtendedKeyManager.class::cast)
                    .findFirst().orElseThrow(() -> new GeneralSecurityException("no X.509 key manager"));
        } catch (GeneralSecurityException e) {
            throw new IOException("The TLS key store " + keyStore + " cannot be used (its key is not under the store's "
                    + "password)");
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore load(String what, Path file, char[] password) throws IOException {
        try {
            return KeyStore.getInstance(file.toFile(), password.length == 0 ? null : password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("The TLS " + what + " " + file + " cannot be read (wrong password, or neither PKCS12 "
                    + "nor JKS)");
        }
    }
}
