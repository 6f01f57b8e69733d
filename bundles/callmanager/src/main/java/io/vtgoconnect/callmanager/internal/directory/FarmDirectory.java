package io.vtgoconnect.callmanager.internal.directory;

import io.vtgoconnect.callmanager.internal.acd.AcdAgent;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(n|line)(?::0(\\d+))?}");

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
        String passwordPattern = firstLine(farm.password_file());
        for (int i = 0; i < farm.count(); i++) {
            int n = farm.first() + i;
            int firstLine = farm.line_first() + i * farm.lines_per_phone();
            List<String> lines = new ArrayList<>();
            for (int j = 0; j < farm.lines_per_phone(); j++) {
                String number = Integer.toString(firstLine + j);
                lines.add(number);
                register(context, line(number, expand(passwordPattern, n, firstLine + j)));
            }
            register(context, new DirectoryDevice(expand(farm.device_name(), n, firstLine), lines, List.of(), true, Secret.NONE));
            if (!farm.agent().isBlank()) {
                register(context, new AcdAgent(expand(farm.agent(), n, firstLine), Secret.of(expand(passwordPattern, n,
                        firstLine)), "", farm.team().strip()));
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

    /** The first line of the file, or nothing when none is named; an unreadable file fails the farm, saying why. */
    private static String firstLine(String file) {
        if (file.isBlank()) {
            return "";
        }
        try (BufferedReader reader = Files.newBufferedReader(Path.of(file.strip()), StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            return first == null ? "" : first.strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("The farm's password file " + file.strip() + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** The pattern with {n}, {n:0W}, {line} and {line:0W} replaced, as the farm's phones read it. */
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
