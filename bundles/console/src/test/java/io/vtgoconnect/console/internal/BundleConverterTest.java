package io.vtgoconnect.console.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class BundleConverterTest {
    private final Bundle em = bundle(12, "io.vtgoconnect.em");
    private final BundleConverter converter = new BundleConverter(context(em, bundle(3, "io.vtgoconnect.api")));

    @Test
    void aBundleIsTypedByItsIdOrItsSymbolicName() {
        assertSame(em, converter.convert(Bundle.class, "12"));
        assertSame(em, converter.convert(Bundle.class, "io.vtgoconnect.em"));
    }

    @Test
    void anythingElseIsLeftToGogo() {
        assertNull(converter.convert(Bundle.class, "99"));
        assertNull(converter.convert(Bundle.class, "io.example.none"));
        assertNull(converter.convert(String.class, "12"));
    }

    private static Bundle bundle(long id, String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> symbolicName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BundleContext context(Bundle... bundles) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundles" -> bundles;
                    case "getBundle" -> Arrays.stream(bundles).filter(b -> b.getBundleId() == (long) args[0])
                            .findFirst().orElse(null);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
