package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.testing.config.ConfigAnnotations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The phone's and its lines' configurations as DS would hand them over: the given values, else the defaults. */
final class Configs {
    private Configs() {
    }

    /** A file holding the password, removed when the tests end. */
    static Path passwordFile(String password) {
        try {
            Path file = Files.createTempFile("line", ".password");
            file.toFile().deleteOnExit();
            return Files.writeString(file, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The phone listening on the loopback port; {@code keyValues} are pairs of method name and value. */
    static PhoneSettings phone(int sipPort, Object... keyValues) {
        Map<String, Object> values = ConfigAnnotations.pairs(keyValues);
        values.put("sip_port", sipPort);
        return ConfigAnnotations.of(PhoneSettings.class, values);
    }

    /** A line registering at the loopback port, with its password in a file of its own. */
    static ConfiguredLine line(String number, String password, int registrarPort, Object... keyValues) {
        return line(number, password, "127.0.0.1:" + registrarPort, keyValues);
    }

    /** A line registering at the registrar given as the setting writes it ({@code [::1]:5060}). */
    static ConfiguredLine line(String number, String password, String registrar, Object... keyValues) {
        Map<String, Object> values = ConfigAnnotations.pairs(keyValues);
        values.put("number", number);
        values.put("password_file", passwordFile(password).toString());
        values.put("registrar", registrar);
        return new ConfiguredLine(ConfigAnnotations.of(LineSettings.class, values));
    }
}
