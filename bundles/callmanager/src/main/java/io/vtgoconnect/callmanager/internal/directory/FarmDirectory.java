package io.vtgoconnect.callmanager.internal.directory;

import io.vtgoconnect.api.farm.FarmTemplate;
import io.vtgoconnect.api.secret.SecretFile;
import io.vtgoconnect.callmanager.internal.acd.AcdAgent;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The directory of a phone farm, from the same configuration as its phones ({@value #FACTORY_PID}):
 * each phone's device with its lines, each line with the password its pattern gives, and, when an
 * agent pattern is set, an ACD agent a phone, so that a farm registers, calls and takes queue calls
 * with the embedded server with no file a phone.
 */
@Component(service = {}, configurationPid = FarmDirectory.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class FarmDirectory {
    static final String FACTORY_PID = "io.vtgoconnect.farm";

    @ObjectClassDefinition(name = "VTGOConnect phone farm (call server)", description = "The keys of the phone farm that "
            + "the call server's directory follows.")
    @interface Settings {
        int count() default 1;

        int first() default 1;

        String device_name() default "SEP{n:012}";

        int line_first() default 3000;

        int lines_per_phone() default 1;

        String password_file() default "";

        @AttributeDefinition(name = "Agent", description = "Each phone's ACD agent ID, a pattern such as agent{n}, whose "
                + "password is the line's (of the password file); empty: no agents.")
        String agent() default "";

        @AttributeDefinition(name = "Team", description = "The agents' team.")
        String team() default "";
    }

    private final List<ServiceRegistration<DirectoryEntry>> entries = new ArrayList<>();

    @Activate
    public FarmDirectory(Settings farm, BundleContext context) {
        FarmTemplate template = new FarmTemplate(farm.first(), farm.count(), farm.line_first(), farm.lines_per_phone());
        String passwordPattern = SecretFile.firstLine(farm.password_file());
        for (int n : template.numbers()) {
            List<String> lines = new ArrayList<>();
            for (int number : template.lines(n)) {
                lines.add(Integer.toString(number));
                register(context, line(Integer.toString(number), FarmTemplate.expand(passwordPattern, n, number)));
            }
            register(context, new DirectoryDevice(template.expand(farm.device_name(), n), lines, List.of(), true, Secret.NONE));
            if (!farm.agent().isBlank()) {
                register(context, new AcdAgent(template.expand(farm.agent(), n), Secret.of(template.expand(passwordPattern, n)),
                        "", farm.team().strip()));
            }
        }
    }

    private void register(BundleContext context, DirectoryEntry entry) {
        entries.add(context.registerService(DirectoryEntry.class, entry, new Hashtable<>()));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<DirectoryEntry> entry : entries) {
            try {
                entry.unregister();
            } catch (IllegalStateException gone) {
                // The bundle stops: its services go with it.
            }
        }
        entries.clear();
    }

    /** A line as its configuration would make it: the number and password, the rest defaults. */
    private static DirectoryLine line(String number, String password) {
        Map<String, Object> values = Map.of("number", number, "_password", password);
        return new DirectoryLine((DirectoryLine.Settings) Proxy.newProxyInstance(DirectoryLine.Settings.class.getClassLoader(),
                new Class<?>[] {DirectoryLine.Settings.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue()));
    }
}
