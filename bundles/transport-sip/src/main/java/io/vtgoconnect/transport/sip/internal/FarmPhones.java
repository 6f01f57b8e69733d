package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.farm.FarmTemplate;
import io.vtgoconnect.api.secret.SecretFile;
import io.vtgoconnect.sipdns.SipDestination;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The phones of a farm as its template makes them: each one's settings (the farm's, with its own
 * name, device and SIP port) and lines (with the password the pattern gives, which is read from the
 * farm's password file and kept nowhere else).
 */
final class FarmPhones {

    private final FarmSettings farm;
    private final FarmTemplate template;
    private final String passwordPattern;

    FarmPhones(FarmSettings farm) {
        this.farm = farm;
        this.template = new FarmTemplate(farm.first(), farm.count(), farm.line_first(), farm.lines_per_phone());
        this.passwordPattern = SecretFile.firstLine(farm.password_file());
    }

    /** The numbers {n} of the farm's phones. */
    List<Integer> numbers() {
        return template.numbers();
    }

    /** Phone {n}'s settings: the farm's, with its own name, device name and SIP port. */
    PhoneSettings settings(int n) {
        Map<String, Object> own = Map.of("name", template.expand(farm.name(), n), "device_name",
                template.expand(farm.device_name(), n), "sip_port", farm.sip_port_first() + n - farm.first());
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
        List<Integer> numbers = template.lines(n);
        for (int i = 0; i < numbers.size(); i++) {
            int number = numbers.get(i);
            lines.add(new SipLine(i, Integer.toString(number), "", "", "", LineSecret.password(FarmTemplate.expand(passwordPattern,
                    n, number)), registrar, farm.transport(), farm.expiry(), farm.keepalive_interval()));
        }
        return lines;
    }
}
