package io.vtgoconnect.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/** What a bundle's manifest says it offers and needs, as far as the features file cares. */
record BundleManifest(String symbolicName, Set<String> exports, Set<String> imports, boolean hasComponents,
        boolean postsEvents) {
    private static final String EVENT_PACKAGE = "org.osgi.service.event";
    private static final String DS_EXTENDER = "osgi.extender=osgi.component";

    /** The manifest of a bundle jar, or of a classes folder that bnd wrote one into; empty for anything else. */
    static Optional<BundleManifest> of(Path jarOrFolder) {
        try {
            Manifest manifest;
            if (Files.isDirectory(jarOrFolder)) {
                Path file = jarOrFolder.resolve(JarFile.MANIFEST_NAME);
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    manifest = new Manifest(in);
                }
            } else {
                try (JarFile jar = new JarFile(jarOrFolder.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            return manifest == null ? Optional.empty() : of(manifest.getMainAttributes());
        } catch (IOException e) {
            throw new UncheckedIOException(jarOrFolder + ": " + e.getMessage(), e);
        }
    }

    private static Optional<BundleManifest> of(Attributes headers) {
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
        return Optional.of(new BundleManifest(name(symbolicName), exports, imports,
                requirements != null && requirements.contains(DS_EXTENDER), imports.contains(EVENT_PACKAGE)));
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
