package io.vtgoconnect.panel.internal;

import io.vtgoconnect.api.window.SoftphoneWindow;
import io.vtgoconnect.api.window.WindowConnections;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The softphone's window as the runtime serves it: ShowProgram gives the panel's address (and opens
 * it where a desktop is available); HideProgram closes the remote API connections of the pages
 * showing the phone, which then say that the window was hidden.
 */
@Component(configurationPid = PanelSettings.PID)
@Designate(ocd = PanelSettings.class)
public class PanelWindow implements SoftphoneWindow {
    /** What a page shows when HideProgram closes it (a WebSocket close reason: at most 123 bytes). */
    static final String HIDDEN = "HideProgram: the softphone window was hidden.";
    private static final String PAGE = "panel/index.html";

    private final WindowConnections connections;
    /** The HTTP service's osgi.http.endpoint, read when needed: it is "/" until Jetty listens. */
    private final Supplier<Object> endpoint;
    private final Logger logger;
    private final Map<String, String> environment;
    private volatile PanelSettings settings;

    @Activate
    public PanelWindow(@Reference WindowConnections connections, @Reference ServiceReference<HttpServiceRuntime> http,
            @Reference LoggerFactory logs, PanelSettings settings) {
        this(connections, () -> http.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT),
                logs.getLogger(PanelWindow.class), System.getenv(), settings);
    }

    PanelWindow(WindowConnections connections, Supplier<Object> endpoint, Logger logger, Map<String, String> environment,
            PanelSettings settings) {
        this.connections = connections;
        this.endpoint = endpoint;
        this.logger = logger;
        this.environment = environment;
        this.settings = settings;
    }

    @Modified
    void modified(PanelSettings changed) {
        settings = changed;
    }

    /** The HTTP service's first address (a string or a list of them), ending with a slash. */
    static String endpoint(Object property) {
        Object first = property instanceof String[] many && many.length > 0 ? many[0]
                : property instanceof Collection<?> many && !many.isEmpty() ? many.iterator().next() : property;
        String address = first == null ? "http://127.0.0.1:8080/" : first.toString();
        return address.endsWith("/") ? address : address + "/";
    }

    /** The page's address for the phone. */
    String address(String phone) {
        return endpoint(endpoint.get()) + PAGE + "?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8);
    }

    @Override
    public String show(String phone) {
        String address = address(phone);
        browser().ifPresent(browser -> {
            try {
                new ProcessBuilder(browser, address).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                logger.warn("Cannot open the phone panel with {}: {}", browser, e.getMessage());
            }
        });
        return address;
    }

    /** The browser to open, when one is set and a desktop is available. */
    Optional<String> browser() {
        String browser = settings.browser().strip();
        boolean desktop = !environment.getOrDefault("DISPLAY", "").isBlank()
                || !environment.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        return desktop && !browser.isEmpty() ? Optional.of(browser) : Optional.empty();
    }

    @Override
    public int hide(String phone) {
        return connections.close(phone, HIDDEN);
    }
}
