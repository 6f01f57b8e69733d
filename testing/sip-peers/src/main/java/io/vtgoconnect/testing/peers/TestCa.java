package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A throwaway certificate authority made with openssl when a test runs, and certificates it issues
 * for loopback addresses: what a TLS peer serves and what a phone trusts.
 */
public final class TestCa {
    private final Path dir;
    public final Path certificate;
    private final Path key;
    private final Path config;

    /** A new CA in the folder, named {@code name}. */
    public TestCa(Path dir, String name) {
        this.dir = dir;
        certificate = dir.resolve(name + ".pem");
        key = dir.resolve(name + ".key");
        config = dir.resolve(name + ".cnf");
        Path issued = dir.resolve(name + ".index");
        try {
            Files.writeString(issued, "");
            Files.writeString(config, String.join("\n", "[ca]", "default_ca = test", "[test]",
                    "database = " + issued, "new_certs_dir = " + dir, "certificate = " + certificate,
                    "private_key = " + key, "serial = " + dir.resolve(name + ".serial"), "default_md = sha256",
                    "policy = any", "unique_subject = no", "[any]", "commonName = supplied", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(name + "-ca", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", key.toString(), "-out", certificate.toString());
    }

    /** A certificate (a server's, or a client's) and its key (PEM files), naming the IP address in its subjectAltName. */
    public record Issued(Path certificate, Path key) {
    }

    /** A certificate valid from now for two days. */
    public Issued issue(String name, String ipAddress) {
        return issue(name, ipAddress, "-days", "2");
    }

    /** A certificate that expired years ago (valid on 1 January 2020 only). */
    public Issued issueExpired(String name, String ipAddress) {
        return issue(name, ipAddress, "-startdate", "20200101000000Z", "-enddate", "20200102000000Z");
    }

    private Issued issue(String name, String ipAddress, String... validity) {
        Path serverKey = dir.resolve(name + ".key");
        Path request = dir.resolve(name + ".csr");
        Path serverCertificate = dir.resolve(name + ".pem");
        Path extensions = dir.resolve(name + ".ext");
        try {
            Files.writeString(extensions, "subjectAltName=IP:" + ipAddress + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(name + "-request", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + ipAddress,
                "-keyout", serverKey.toString(), "-out", request.toString());
        List<String> sign = new ArrayList<>(List.of("ca", "-batch", "-config", config.toString(), "-rand_serial", "-notext",
                "-in", request.toString(), "-extfile", extensions.toString(), "-out", serverCertificate.toString()));
        sign.addAll(List.of(validity));
        openssl(name + "-sign", sign.toArray(String[]::new));
        return new Issued(serverCertificate, serverKey);
    }

    /** A PKCS12 trust store holding this CA's certificate only, under the password. */
    public Path trustStore(Path file, char[] password) {
        return store(file, password, (store) -> store.setCertificateEntry("ca", certificate(certificate)));
    }

    /** A PKCS12 key store of the issued certificate (with this CA's after it) and its key, both under the password: what a TLS server serves, or a TLS client presents. */
    public Path keyStore(Issued issued, Path file, char[] password) {
        return store(file, password, (store) -> {
            String pem = Files.readString(issued.key());
            byte[] pkcs8 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            store.setKeyEntry("issued", key, password, new Certificate[] {certificate(issued.certificate()), certificate(certificate)});
        });
    }

    private interface Entries {
        void add(KeyStore store) throws IOException, GeneralSecurityException;
    }

    private static Path store(Path file, char[] password, Entries entries) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            entries.add(store);
            store.store(out, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void openssl(String what, String... arguments) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.binary("openssl", "openssl")));
        command.addAll(List.of(arguments));
        try (PeerProcess process = new PeerProcess("openssl-" + what, command)) {
            process.awaitSuccess("openssl " + what);
        }
    }
}
