package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipdns.SipDestination;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phones of a farm as its template makes them: each one's settings (the farm's, with its own
 * name, device and SIP port) and lines (with the password the pattern gives, which is read from the
 * farm's password file and kept nowhere else).
 */
final class FarmTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(n|line)(?::0(\\d+))?}");

    private final FarmSettings farm;
    private final String passwordPattern;

    FarmTemplate(FarmSettings farm) {
        if (farm.count() < 1 || farm.lines_per_phone() < 1) {
            throw new IllegalArgumentException("A farm has one phone or more, each with one line or more.");
        }
        this.farm = farm;
        this.passwordPattern = SipLine.password(farm.password_file());
    }

    /** The numbers {n} of the farm's phones. */
    List<Integer> numbers() {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < farm.count(); i++) {
            numbers.add(farm.first() + i);
        }
        return numbers;
    }

    /** Phone {n}'s settings: the farm's, with its own name, device name and SIP port. */
    PhoneSettings settings(int n) {
        Map<String, Object> own = Map.of("name", expand(farm.name(), n), "device_name", expand(farm.device_name(), n),
                "sip_port", farm.sip_port_first() + n - farm.first());
        return (PhoneSettings) Proxy.newProxyInstance(PhoneSettings.class.getClassLoader(),
                new Class<?>[] {PhoneSettings.class}, (proxy, method, args) -> {
                    if (own.containsKey(method.getName())) {
                        return own.get(method.getName());
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> PhoneSettings.class;
                        case "toString" -> "PhoneSettings[farm phone " + n + "]";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> farmValue(method);
                    };
                });
    }

    /** The farm's own value of a phone setting it has, else the phone setting's default. */
    private Object farmValue(Method phoneSetting) throws ReflectiveOperationException {
        try {
            return FarmSettings.class.getMethod(phoneSetting.getName()).invoke(farm);
        } catch (NoSuchMethodException notAFarmSetting) {
            return phoneSetting.getDefaultValue();
        }
    }

    /** Phone {n}'s lines; none when the phones fetch their configuration from the call server. */
    List<SipLine> lines(int n) {
        if (!farm.provisioning_url().isBlank()) {
            return List.of();
        }
        SipDestination registrar = SipLine.registrar(farm.registrar(), farm.transport());
        List<SipLine> lines = new ArrayList<>();
        for (int i = 0; i < farm.lines_per_phone(); i++) {
            int number = firstLine(n) + i;
            lines.add(new SipLine(i, Integer.toString(number), "", "", "", LineSecret.password(expand(passwordPattern, n, number)), registrar,
                    farm.transport(), farm.expiry(), farm.keepalive_interval()));
        }
        return lines;
    }

    int firstLine(int n) {
        return farm.line_first() + (n - farm.first()) * farm.lines_per_phone();
    }

    String expand(String pattern, int n) {
        return expand(pattern, n, firstLine(n));
    }

    /** The pattern with {n}, {n:0W}, {line} and {line:0W} replaced. */
    static String expand(String pattern, int n, int line) {
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder expanded = new StringBuilder();
        while (placeholder.find()) {
            int value = placeholder.group(1).equals("n") ? n : line;
            String text = placeholder.group(2) == null ? Integer.toString(value)
                    : String.format("%0" + Integer.parseInt(placeholder.group(2)) + "d", value);
            placeholder.appendReplacement(expanded, Matcher.quoteReplacement(text));
        }
        placeholder.appendTail(expanded);
        return expanded.toString();
    }
}
