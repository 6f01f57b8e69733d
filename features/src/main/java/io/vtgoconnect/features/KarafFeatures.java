package io.vtgoconnect.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Karaf features file of the runtime's features. Each fragment's bundles of this build become
 * {@code mvn:} bundles, with the bundles they import packages from; a bundle with components brings
 * the Declarative Services runtime of this build's dependencies (Felix SCR) as a dependency, which
 * Karaf installs only where no SCR is (its own {@code scr} feature, for one); EventAdmin and the HTTP
 * service (Pax Web, as the standalone runtime's, with Jetty's WebSockets) come from Karaf's own
 * features; what every Karaf has is left out; and a fragment that needs the Gogo shell has its
 * bundles installed only when Karaf's shell is.
 */
final class KarafFeatures {
    static final String GROUP_ID = "io.vtgoconnect";
    static final String PREFIX = "vtgoconnect-";
    private static final String NAMESPACE = "http://karaf.apache.org/xmlns/features/v1.6.0";
    /**
     * The standalone runtime's parts that Karaf has its own of: its console, ConfigAdmin, etc/ and deploy/ watched,
     * and its log (Pax Logging: the Log Service, the JVM's logging bridged to it, and the log file).
     */
    private static final Set<String> IN_KARAF = Set.of("io.vtgoconnect.console", "org.apache.felix.configadmin",
            "org.apache.felix.fileinstall", "io.vtgoconnect.log", "org.apache.felix.log", "slf4j.jdk14",
            "org.ops4j.pax.web.pax-web-extender-whiteboard", "org.ops4j.pax.web.pax-web-jetty",
            "org.ops4j.pax.web.pax-web-websocket", "org.eclipse.jetty.websocket.javax.websocket.server",
            "org.apache.felix.http.servlet-api");
    /** The standalone runtime's parts that Karaf may have its own of: they are dependencies, installed only where missing. */
    private static final Set<String> UNLESS_IN_KARAF = Set.of();
    /** Packages that Karaf's own features provide, by the feature: a bundle that imports one brings the feature. */
    private static final Map<String, List<String>> KARAF_FEATURES_BY_PACKAGE = Map.of(
            "org.osgi.service.event", List.of("eventadmin"),
            "javax.servlet", List.of("pax-web-http-whiteboard"),
            "javax.websocket", List.of("pax-web-http-whiteboard", "pax-web-jetty-websockets"));
    /**
     * Karaf features installed and started before ours: with the WebSocket container's bundles starting beside the remote
     * API, Pax Web registered its endpoint a second time as the container bound, refused that, and stopped the context.
     */
    private static final Set<String> PREREQUISITES = Set.of("pax-web-jetty-websockets");
    /** Bundles that a Karaf feature provides, by the feature's name: the condition of the bundles that need them. */
    private static final Map<String, String> CONDITIONS = Map.of("org.apache.felix.gogo.command", "shell");

    private final String mavenVersion;
    private final Map<String, BundleManifest> bundles = new HashMap<>();
    private final Map<String, String> exporters = new HashMap<>();
    private final Optional<String> componentRuntime;

    /**
     * @param mavenVersion the version of this build's bundles
     * @param onPath the bundles of this build and of its dependencies
     */
    KarafFeatures(String mavenVersion, Collection<BundleManifest> onPath) {
        this.mavenVersion = mavenVersion;
        // This build's bundles first: where a dependency exports the same package, ours is the exporter.
        List<BundleManifest> oursFirst = onPath.stream().sorted(Comparator.comparing(bundle -> !isOurs(bundle.symbolicName())))
                .toList();
        for (BundleManifest bundle : oursFirst) {
            bundles.putIfAbsent(bundle.symbolicName(), bundle);
            bundle.exports().forEach(pkg -> exporters.putIfAbsent(pkg, bundle.symbolicName()));
        }
        componentRuntime = oursFirst.stream().filter(BundleManifest::runsComponents).map(BundleManifest::symbolicName)
                .findFirst();
    }

    static boolean isOurs(String symbolicName) {
        return symbolicName.startsWith(GROUP_ID + ".");
    }

    /** The features file; a fragment whose bundles Karaf all has of its own is no feature there. */
    String xml(List<FeatureFragment> fragments) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- Made from features/*.bnd when the project is built: change those, not this file. -->\n")
                .append("<features xmlns=\"").append(NAMESPACE).append("\" name=\"vtgoconnect-").append(mavenVersion)
                .append("\">\n");
        for (FeatureFragment fragment : fragments) {
            feature(fragment, xml);
        }
        return xml.append("</features>\n").toString();
    }

    private void feature(FeatureFragment fragment, StringBuilder xml) {
        List<String> conditions = new ArrayList<>();
        // Each bundle, dependencies first, and whether Karaf may leave it out where something installed does its job.
        Map<String, Boolean> members = new LinkedHashMap<>();
        for (String identity : fragment.identities()) {
            if (CONDITIONS.containsKey(identity)) {
                conditions.add(CONDITIONS.get(identity));
            } else if (bundles.containsKey(identity) && !IN_KARAF.contains(identity)) {
                addWithDependencies(identity, UNLESS_IN_KARAF.contains(identity), members);
            } else if (!IN_KARAF.contains(identity)) {
                throw new IllegalArgumentException("features/" + fragment.name() + ".bnd requires " + identity
                        + ", which is neither a bundle of this build nor one that Karaf has.");
            }
        }
        if (members.isEmpty()) {
            return;
        }
        if (members.keySet().stream().map(bundles::get).anyMatch(BundleManifest::hasComponents)) {
            addWithDependencies(componentRuntime.orElseThrow(() -> new IllegalStateException("features/" + fragment.name()
                    + ".bnd has components, and no dependency of the build runs them (osgi.extender=osgi.component).")),
                    true, members);
        }
        xml.append("    <feature name=\"").append(PREFIX).append(fragment.name()).append("\" version=\"")
                .append(mavenVersion.replace('-', '.')).append("\" description=\"").append(escape(fragment.description()))
                .append("\">\n");
        members.keySet().stream().map(bundles::get).flatMap(bundle -> bundle.imports().stream())
                .flatMap(pkg -> KARAF_FEATURES_BY_PACKAGE.getOrDefault(pkg, List.of()).stream()).distinct().sorted()
                .forEach(karafFeature -> xml.append(PREREQUISITES.contains(karafFeature) ? "        <feature prerequisite=\"true\">"
                        : "        <feature>").append(karafFeature).append("</feature>\n"));
        String indent = "        ";
        if (!conditions.isEmpty()) {
            xml.append(indent).append("<conditional>\n");
            indent += "    ";
            for (String condition : conditions) {
                xml.append(indent).append("<condition>").append(condition).append("</condition>\n");
            }
        }
        for (Map.Entry<String, Boolean> member : members.entrySet()) {
            xml.append(indent).append(member.getValue() ? "<bundle dependency=\"true\">" : "<bundle>")
                    .append(url(bundles.get(member.getKey()))).append("</bundle>\n");
        }
        if (!conditions.isEmpty()) {
            xml.append("        </conditional>\n");
        }
        xml.append("    </feature>\n");
    }

    /**
     * Adds the bundles that the bundle imports from, then the bundle. A bundle of the build's
     * dependencies that one of ours imports from is a dependency too.
     */
    private void addWithDependencies(String symbolicName, boolean dependency, Map<String, Boolean> members) {
        if (members.containsKey(symbolicName)) {
            return;
        }
        for (String pkg : bundles.get(symbolicName).imports()) {
            String exporter = exporters.get(pkg);
            if (exporter != null && !exporter.equals(symbolicName)) {
                addWithDependencies(exporter, dependency || !isOurs(exporter), members);
            }
        }
        members.put(symbolicName, dependency);
    }

    private String url(BundleManifest bundle) {
        if (isOurs(bundle.symbolicName())) {
            return "mvn:" + GROUP_ID + '/' + bundle.symbolicName() + '/' + mavenVersion;
        }
        return "mvn:" + bundle.coordinates().orElseThrow(() -> new IllegalStateException(bundle.symbolicName()
                + " has no Maven coordinates in its jar (META-INF/maven/*/*/pom.properties): Karaf could not fetch it."));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
