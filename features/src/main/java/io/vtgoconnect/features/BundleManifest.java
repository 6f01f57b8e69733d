package io.vtgoconnect.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * What a bundle's manifest says it offers and needs, as far as the features file cares, and the
 * Maven coordinates ({@code group/artifact/version}) its jar was published under, when it says.
 */
record BundleManifest(String symbolicName, Set<String> exports, Set<String> imports, boolean hasComponents,
        boolean runsComponents, Optional<String> coordinates) {
    private static final String DS_EXTENDER = "osgi.extender=osgi.component";
    private static final String DS_RUNTIME = "osgi.extender;osgi.extender=\"osgi.component\"";
    private static final String POM_PROPERTIES = "/pom.properties";

    /** The manifest of a bundle jar, or of a classes folder that bnd wrote one into; empty for anything else. */
    static Optional<BundleManifest> of(Path jarOrFolder) {
        try {
            if (Files.isDirectory(jarOrFolder)) {
                Path file = jarOrFolder.resolve(JarFile.MANIFEST_NAME);
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return of(new Manifest(in).getMainAttributes(), Optional.empty());
                }
            }
            try (JarFile jar = new JarFile(jarOrFolder.toFile())) {
                Manifest manifest = jar.getManifest();
                return manifest == null ? Optional.empty() : of(manifest.getMainAttributes(),
                        coordinates(jar, name(String.valueOf(manifest.getMainAttributes().getValue("Bundle-SymbolicName")))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jarOrFolder + ": " + e.getMessage(), e);
        }
    }

    private static Optional<BundleManifest> of(Attributes headers, Optional<String> coordinates) {
        String symbolicName = headers.getValue("Bundle-SymbolicName");
        if (symbolicName == null) {
            return Optional.empty();
        }
        Set<String> imports = clauses(headers.getValue("Import-Package")).stream()
                .filter(clause -> !clause.contains("resolution:=optional")).map(BundleManifest::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> exports = clauses(headers.getValue("Export-Package")).stream().map(BundleManifest::name)
                .collect(Collectors.toSet());
        String requirements = headers.getValue("Require-Capability");
        String capabilities = headers.getValue("Provide-Capability");
        return Optional.of(new BundleManifest(name(symbolicName), exports, imports,
                requirements != null && requirements.contains(DS_EXTENDER),
                capabilities != null && capabilities.contains(DS_RUNTIME), coordinates));
    }

    /**
     * The coordinates that Maven wrote into the jar (META-INF/maven/group/artifact/pom.properties):
     * of the artifact named as the bundle, where the jar embeds others' too (Felix's Servlet API bundle).
     */
    private static Optional<String> coordinates(JarFile jar, String symbolicName) throws IOException {
        List<JarEntry> entries = jar.stream()
                .filter(candidate -> candidate.getName().startsWith("META-INF/maven/") && candidate.getName().endsWith(POM_PROPERTIES))
                .toList();
        Optional<JarEntry> entry = entries.stream()
                .filter(candidate -> candidate.getName().endsWith("/" + symbolicName + POM_PROPERTIES)).findFirst()
                .or(() -> entries.stream().findFirst());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Properties pom = new Properties();
        try (InputStream in = jar.getInputStream(entry.get())) {
            pom.load(in);
        }
        return Optional.of(pom.getProperty("groupId") + '/' + pom.getProperty("artifactId") + '/' + pom.getProperty("version"));
    }

    /** The clauses of a header: split at the commas that are outside quotes (versions and uses:= hold commas). */
    static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().strip());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString().strip());
        return clauses;
    }

    /** The clause's name, before its attributes and directives. */
    private static String name(String clause) {
        int semicolon = clause.indexOf(';');
        return (semicolon < 0 ? clause : clause.substring(0, semicolon)).strip();
    }
}
