package io.vtgoconnect.testing.config;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Configuration annotations as Declarative Services hands them over: the given values, else the defaults. */
public final class ConfigAnnotations {
    private ConfigAnnotations() {
    }

    /** An instance of the annotation type answering each method with {@code values}' entry of its name, else its default. */
    public static <A> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + values : method.invoke(values, args);
            }
            Object value = values.get(method.getName());
            return value != null ? value : method.getDefaultValue();
        });
        return type.cast(proxy);
    }

    /** {@code keyValues} as pairs of a method name and its value. */
    public static Map<String, Object> pairs(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return values;
    }
}
