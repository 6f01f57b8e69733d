package io.vtgoconnect.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Karaf features file of the runtime's features. Each fragment's bundles of this build become
 * {@code mvn:} bundles, with the bundles of this build they import packages from; SCR and
 * EventAdmin come from Karaf's own features; what every Karaf has is left out; and a fragment that
 * needs the Gogo shell has its bundles installed only when Karaf's shell is.
 */
final class KarafFeatures {
    static final String GROUP_ID = "io.vtgoconnect";
    static final String PREFIX = "vtgoconnect-";
    private static final String NAMESPACE = "http://karaf.apache.org/xmlns/features/v1.6.0";
    /** The standalone runtime's parts that Karaf has its own of: its console, ConfigAdmin, and etc/ and deploy/ watched. */
    private static final Set<String> IN_KARAF = Set.of("io.vtgoconnect.console", "org.apache.felix.configadmin",
            "org.apache.felix.fileinstall");
    /** Bundles that a Karaf feature provides, by the feature's name: the condition of the bundles that need them. */
    private static final Map<String, String> CONDITIONS = Map.of("org.apache.felix.gogo.command", "shell");

    private final String mavenVersion;
    private final Map<String, BundleManifest> bundles = new HashMap<>();
    private final Map<String, String> exporters = new HashMap<>();

    /**
     * @param mavenVersion the version of this build's bundles
     * @param ours the bundles of this build
     */
    KarafFeatures(String mavenVersion, Collection<BundleManifest> ours) {
        this.mavenVersion = mavenVersion;
        for (BundleManifest bundle : ours) {
            bundles.put(bundle.symbolicName(), bundle);
            bundle.exports().forEach(pkg -> exporters.putIfAbsent(pkg, bundle.symbolicName()));
        }
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
        Set<String> members = new LinkedHashSet<>();
        for (String identity : fragment.identities()) {
            if (CONDITIONS.containsKey(identity)) {
                conditions.add(CONDITIONS.get(identity));
            } else if (bundles.containsKey(identity) && !IN_KARAF.contains(identity)) {
                addWithDependencies(identity, members);
            } else if (!IN_KARAF.contains(identity)) {
                throw new IllegalArgumentException("features/" + fragment.name() + ".bnd requires " + identity
                        + ", which is neither a bundle of this build nor one that Karaf has.");
            }
        }
        if (members.isEmpty()) {
            return;
        }
        xml.append("    <feature name=\"").append(PREFIX).append(fragment.name()).append("\" version=\"")
                .append(mavenVersion.replace('-', '.')).append("\" description=\"").append(escape(fragment.description()))
                .append("\">\n");
        if (members.stream().map(bundles::get).anyMatch(BundleManifest::hasComponents)) {
            xml.append("        <feature>scr</feature>\n");
        }
        if (members.stream().map(bundles::get).anyMatch(BundleManifest::postsEvents)) {
            xml.append("        <feature>eventadmin</feature>\n");
        }
        String indent = "        ";
        if (!conditions.isEmpty()) {
            xml.append(indent).append("<conditional>\n");
            indent += "    ";
            for (String condition : conditions) {
                xml.append(indent).append("<condition>").append(condition).append("</condition>\n");
            }
        }
        for (String member : members) {
            xml.append(indent).append("<bundle>mvn:").append(GROUP_ID).append('/').append(member).append('/')
                    .append(mavenVersion).append("</bundle>\n");
        }
        if (!conditions.isEmpty()) {
            xml.append("        </conditional>\n");
        }
        xml.append("    </feature>\n");
    }

    /** Adds the bundles of this build that the bundle imports from, then the bundle: dependencies first. */
    private void addWithDependencies(String symbolicName, Set<String> members) {
        if (members.contains(symbolicName)) {
            return;
        }
        BundleManifest bundle = bundles.get(symbolicName);
        for (String pkg : bundle.imports()) {
            String exporter = exporters.get(pkg);
            if (exporter != null && !exporter.equals(symbolicName)) {
                addWithDependencies(exporter, members);
            }
        }
        members.add(symbolicName);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
