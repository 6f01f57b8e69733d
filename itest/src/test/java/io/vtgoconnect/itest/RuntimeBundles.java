package io.vtgoconnect.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/** The runtime's bundles for a Pax Exam framework: SCR, ConfigAdmin, EventAdmin, the Log Service, Gogo and ours. */
final class RuntimeBundles {
    private RuntimeBundles() {
    }

    /** The runtime with api, core and shell, plus the named bundles of this build (e.g. "media"). */
    static Option[] with(String... moreOfOurs) {
        List<Option> bundles = new ArrayList<>(List.of(
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.eventadmin").versionAsInProject(),
                // The Log Service: the SIP phone and the call server log through it.
                mavenBundle("org.apache.felix", "org.apache.felix.log").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.command").versionAsInProject(),
                reactorBundle("api"),
                reactorBundle("core"),
                reactorBundle("shell")));
        for (String name : moreOfOurs) {
            bundles.add(reactorBundle(name));
        }
        bundles.add(junitBundles());
        return options(bundles.toArray(Option[]::new));
    }

    /**
     * The HTTP Whiteboard the call server's servlets run on (Pax Web on Jetty, as the runtime's) on
     * 127.0.0.1:{@code port}, closing a connection idle for {@code idleMillis}.
     */
    static Option[] http(int port, int idleMillis) {
        List<Option> bundles = new ArrayList<>(List.of(
                mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
                mavenBundle("jakarta.websocket", "jakarta.websocket-api").versionAsInProject()));
        for (String paxWeb : List.of("api", "spi", "runtime", "jetty", "tomcat-common", "extender-whiteboard", "websocket")) {
            bundles.add(mavenBundle("org.ops4j.pax.web", "pax-web-" + paxWeb).versionAsInProject());
        }
        for (String jetty : List.of("util", "util-ajax", "io", "http", "xml", "server", "servlet", "security", "client", "jaas")) {
            bundles.add(mavenBundle("org.eclipse.jetty", "jetty-" + jetty).versionAsInProject());
        }
        for (String webSocket : List.of("websocket-api", "websocket-common", "websocket-client", "websocket-server",
                "websocket-servlet", "javax-websocket-client-impl", "javax-websocket-server-impl")) {
            bundles.add(mavenBundle("org.eclipse.jetty.websocket", webSocket).versionAsInProject());
        }
        bundles.add(systemProperty("org.osgi.service.http.port").value(Integer.toString(port)));
        bundles.add(systemProperty("org.ops4j.pax.web.listening.addresses").value("127.0.0.1"));
        bundles.add(systemProperty("org.ops4j.pax.web.server.connector.idleTimeout").value(Integer.toString(idleMillis)));
        // The runtime's own Jetty additions: its connection limit.
        bundles.add(systemProperty("org.ops4j.pax.web.config.file").value(System.getProperty("vtgo.runtime.etc") + "/jetty.xml"));
        return options(bundles.toArray(Option[]::new));
    }

    /** A bundle of this build, from the file the pom names: the reactor's bundles are not in a repository yet. */
    static UrlProvisionOption reactorBundle(String name) {
        return bundle(new File(System.getProperty("vtgo.bundle." + name)).toURI().toString());
    }
}
