package io.vtgoconnect.transport.sip.internal;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The Log Service as the phone's tests see it: each warning and error is kept, as the line the log
 * file would hold, and printed on standard error.
 */
final class TestLogs {
    /** Every warning or error logged by the phones of this test run, as {@code LEVEL logger: message}. */
    static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
    static final LoggerFactory FACTORY = (LoggerFactory) Proxy.newProxyInstance(TestLogs.class.getClassLoader(),
            new Class<?>[] {LoggerFactory.class}, (factory, method, args) -> {
                if (!method.getName().equals("getLogger")) {
                    return method.invoke(TestLogs.class, args);
                }
                String name = args[0] instanceof Class<?> type ? type.getSimpleName() : String.valueOf(args[0]);
                return logger(name);
            });

    private TestLogs() {
    }

    private static Logger logger(String name) {
        return (Logger) Proxy.newProxyInstance(TestLogs.class.getClassLoader(), new Class<?>[] {Logger.class},
                (logger, method, args) -> {
                    switch (method.getName()) {
                        case "warn", "error" -> {
                            String line = method.getName().toUpperCase() + " " + name + ": " + format(args);
                            WARNINGS.add(line);
                            System.err.println(line);
                            return null;
                        }
                        case "getName" -> {
                            return name;
                        }
                        case "isTraceEnabled", "isDebugEnabled", "isInfoEnabled" -> {
                            return false;
                        }
                        case "isWarnEnabled", "isErrorEnabled" -> {
                            return true;
                        }
                        default -> {
                            return null;
                        }
                    }
                });
    }

    /**
     * The message with each {} replaced by the next argument, as the Log Service formats it: the
     * arguments are given one by one, or as one array (the varargs form, three or more).
     */
    private static String format(Object[] args) {
        String message = String.valueOf(args[0]);
        List<Object> values = args.length == 2 && args[1] instanceof Object[] many ? Arrays.asList(many)
                : Arrays.asList(args).subList(1, args.length);
        StringBuilder line = new StringBuilder();
        int next = 0;
        int at = 0;
        for (int brace = message.indexOf("{}"); brace >= 0; brace = message.indexOf("{}", at)) {
            line.append(message, at, brace).append(next < values.size() ? String.valueOf(values.get(next++)) : "{}");
            at = brace + 2;
        }
        return line.append(message.substring(at)).toString();
    }
}
