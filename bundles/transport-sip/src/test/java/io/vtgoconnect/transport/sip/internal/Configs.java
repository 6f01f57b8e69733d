package io.vtgoconnect.transport.sip.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Configuration annotations as DS would hand them over: the given values, else the defaults. */
final class Configs {
    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + values : method.invoke(values, args);
            }
            Object value = values.get(method.getName());
            return value != null ? value : method.getDefaultValue();
        });
        return type.cast(proxy);
    }

    /** The phone listening on the loopback port; {@code keyValues} are pairs of method name and value. */
    static PhoneSettings phone(int sipPort, Object... keyValues) {
        Map<String, Object> values = pairs(keyValues);
        values.put("sip_port", sipPort);
        return of(PhoneSettings.class, values);
    }

    /** A line registering at the loopback port. */
    static ConfiguredLine line(String number, String password, int registrarPort, Object... keyValues) {
        Map<String, Object> values = pairs(keyValues);
        values.put("number", number);
        values.put("_password", password);
        values.put("registrar", "127.0.0.1:" + registrarPort);
        return new ConfiguredLine(of(LineSettings.class, values));
    }

    private static Map<String, Object> pairs(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return values;
    }
}
