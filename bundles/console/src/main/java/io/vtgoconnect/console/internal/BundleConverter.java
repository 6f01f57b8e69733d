package io.vtgoconnect.console.internal;

import java.util.Arrays;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Turns what a user types where a Gogo command takes a bundle ({@code felix:uninstall 12},
 * {@code felix:headers io.vtgoconnect.em}) into the bundle: its id, or its symbolic name. Gogo's
 * own shell (gogo.jline) brings this conversion; the runtime has this console in its place.
 */
@Component(service = Converter.class)
public class BundleConverter implements Converter {
    private final BundleContext context;

    @Activate
    public BundleConverter(BundleContext context) {
        this.context = context;
    }

    /** The bundle, or null (Gogo's "cannot convert") for another type or a bundle that is not there. */
    @Override
    public Object convert(Class<?> type, Object typed) {
        if (type != Bundle.class || typed == null) {
            return null;
        }
        String text = typed.toString().strip();
        try {
            return context.getBundle(Long.parseLong(text));
        } catch (NumberFormatException notAnId) {
            // a symbolic name
        }
        return Arrays.stream(context.getBundles()).filter(bundle -> text.equals(bundle.getSymbolicName())).findFirst()
                .orElse(null);
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        // Gogo prints bundles as it does without this converter.
        return null;
    }
}
