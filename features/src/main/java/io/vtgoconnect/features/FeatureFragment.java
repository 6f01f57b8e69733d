package io.vtgoconnect.features;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One feature as the standalone runtime defines it: a bnd fragment {@code features/<name>.bnd}
 * whose {@code -runrequires.<name>} names the feature's bundles by identity, and whose first
 * comment, {@code # Feature <name>: what it gives}, describes it.
 */
record FeatureFragment(String name, String description, List<String> identities) {
    private static final String SUFFIX = ".bnd";
    private static final Pattern IDENTITY = Pattern.compile("bnd\\.identity;\\s*id='([^']+)'");

    /** Every fragment in the folder, in the order of their names. */
    static List<FeatureFragment> readAll(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().map(FeatureFragment::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FeatureFragment read(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        try {
            // A bnd file is a properties file: ':' or '=' separates, '\' continues a line, '#' comments.
            Properties instructions = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                instructions.load(reader);
            }
            String requirements = instructions.getProperty("-runrequires." + name);
            if (requirements == null) {
                throw new IllegalArgumentException(file + " has no -runrequires." + name + ": a feature names its bundles there.");
            }
            Matcher identity = IDENTITY.matcher(requirements);
            List<String> identities = identity.results().map(match -> match.group(1)).toList();
            return new FeatureFragment(name, description(file, name), identities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String description(Path file, String name) throws IOException {
        String heading = "# Feature " + name + ":";
        return Files.readAllLines(file).stream().filter(line -> line.startsWith(heading))
                .map(line -> line.substring(heading.length()).strip()).filter(text -> !text.isEmpty())
                .map(text -> Character.toUpperCase(text.charAt(0)) + text.substring(1)).findFirst().orElse("");
    }
}
