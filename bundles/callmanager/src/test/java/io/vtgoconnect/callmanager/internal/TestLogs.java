package io.vtgoconnect.callmanager.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The OSGi Log Service as the call server's parts see it outside a framework: every warning and
 * error is kept (as {@code WARN message}, placeholders filled in) for a test to read.
 */
public final class TestLogs {
    private static final Set<String> KEPT = Set.of("warn", "error");
    private final List<String> lines = new ArrayList<>();

    public LoggerFactory factory() {
        return (LoggerFactory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LoggerFactory.class},
                (proxy, method, args) -> method.getName().equals("getLogger") ? logger() : null);
    }

    private Logger logger() {
        return (Logger) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("is")) {
                        return true;
                    }
                    if (KEPT.contains(method.getName()) && args != null && args[0] instanceof String format) {
                        keep(method.getName().toUpperCase(java.util.Locale.ROOT) + " " + fill(format, args));
                    }
                    return null;
                });
    }

    private synchronized void keep(String line) {
        lines.add(line);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private static String fill(String format, Object[] args) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i] instanceof Object[] many) {
                values.addAll(List.of(many));
            } else {
                values.add(args[i]);
            }
        }
        StringBuilder text = new StringBuilder();
        int from = 0;
        for (Object value : values) {
            int at = format.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            text.append(format, from, at).append(value);
            from = at + 2;
        }
        return text.append(format.substring(from)).toString();
    }
}
