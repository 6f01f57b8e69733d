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
     * The HTTP Whiteboard the call server's servlets run on (Felix HTTP Jetty) on 127.0.0.1:{@code port},
     * closing a connection idle for {@code idleMillis}.
     */
    static Option[] http(int port, int idleMillis) {
        return options(mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.http.jetty").versionAsInProject(),
                systemProperty("org.osgi.service.http.port").value(Integer.toString(port)),
                systemProperty("org.apache.felix.http.host").value("127.0.0.1"),
                systemProperty("org.apache.felix.http.timeout").value(Integer.toString(idleMillis)));
    }

    /** A bundle of this build, from the file the pom names: the reactor's bundles are not in a repository yet. */
    static UrlProvisionOption reactorBundle(String name) {
        return bundle(new File(System.getProperty("vtgo.bundle." + name)).toURI().toString());
    }
}
