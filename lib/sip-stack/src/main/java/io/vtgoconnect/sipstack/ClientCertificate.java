package io.vtgoconnect.sipstack;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The certificate an endpoint presents, from its key store, or none. When a call server asks for a
 * client certificate and there is none, it remembers the server: its refusal (an alert, or a closed
 * connection, perhaps after the handshake with TLS 1.3) then names the missing certificate.
 */
public final class ClientCertificate extends X509ExtendedKeyManager {
    private final Optional<X509ExtendedKeyManager> keys;
    private final Set<InetSocketAddress> askedWithoutOne = ConcurrentHashMap.newKeySet();

    ClientCertificate(Optional<X509ExtendedKeyManager> keys) {
        this.keys = keys;
    }

    /** Whether this end has a certificate to present. */
    public boolean present() {
        return keys.isPresent();
    }

    /** Whether the server at the IP address and port asked for a client certificate, at its last handshake, and got none. */
    public boolean missingFor(String address, int port) {
        return askedWithoutOne.stream().anyMatch(server -> server.getPort() == port && server.getAddress() != null
                && server.getAddress().getHostAddress().equals(address));
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        String alias = keys.map(manager -> manager.chooseClientAlias(keyTypes, issuers, socket)).orElse(null);
        if (socket != null) {
            asked(new InetSocketAddress(socket.getInetAddress(), socket.getPort()), alias);
        }
        return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        String alias = keys.map(manager -> manager.chooseEngineClientAlias(keyTypes, issuers, engine)).orElse(null);
        if (engine.getPeerHost() != null) {
            asked(InetSocketAddress.createUnresolved(engine.getPeerHost(), engine.getPeerPort()), alias);
        }
        return alias;
    }

    private void asked(InetSocketAddress server, String alias) {
        if (alias == null) {
            askedWithoutOne.add(server);
        } else {
            askedWithoutOne.remove(server);
        }
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return keys.map(manager -> manager.chooseServerAlias(keyType, issuers, socket)).orElse(null);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return keys.map(manager -> manager.chooseEngineServerAlias(keyType, issuers, engine)).orElse(null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys.map(manager -> manager.getClientAliases(keyType, issuers)).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys.map(manager -> manager.getServerAliases(keyType, issuers)).orElse(null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return keys.map(manager -> manager.getCertificateChain(alias)).orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keys.map(manager -> manager.getPrivateKey(alias)).orElse(null);
    }
}
