package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.testing.config.ConfigAnnotations;
import java.util.Map;

/** The phone's and its lines' configurations as DS would hand them over: the given values, else the defaults. */
final class Configs {
    private Configs() {
    }

    /** The phone listening on the loopback port; {@code keyValues} are pairs of method name and value. */
    static PhoneSettings phone(int sipPort, Object... keyValues) {
        Map<String, Object> values = ConfigAnnotations.pairs(keyValues);
        values.put("sip_port", sipPort);
        return ConfigAnnotations.of(PhoneSettings.class, values);
    }

    /** A line registering at the loopback port. */
    static ConfiguredLine line(String number, String password, int registrarPort, Object... keyValues) {
        Map<String, Object> values = ConfigAnnotations.pairs(keyValues);
        values.put("number", number);
        values.put("_password", password);
        values.put("registrar", "127.0.0.1:" + registrarPort);
        return new ConfiguredLine(ConfigAnnotations.of(LineSettings.class, values));
    }
}
