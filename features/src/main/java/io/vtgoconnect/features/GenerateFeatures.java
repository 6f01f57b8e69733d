package io.vtgoconnect.features;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Writes the Karaf features file from the bnd fragments of features/ and the manifests of this
 * build's bundles and their dependencies. Arguments: the build's version, the features folder, the
 * file to write, and the class path that holds the bundles.
 */
public final class GenerateFeatures {
    private GenerateFeatures() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("Usage: GenerateFeatures version features-folder output-file bundle-path");
        }
        Path output = Path.of(args[2]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, generate(args[0], Path.of(args[1]), bundles(args[3])));
    }

    static String generate(String version, Path featuresFolder, List<BundleManifest> bundles) {
        return new KarafFeatures(version, bundles).xml(FeatureFragment.readAll(featuresFolder));
    }

    /** The bundles on the path: jars or classes folders with a bundle's manifest. */
    static List<BundleManifest> bundles(String path) {
        return Arrays.stream(path.split(File.pathSeparator)).filter(entry -> !entry.isBlank()).map(Path::of)
                .map(BundleManifest::of).flatMap(Optional::stream).toList();
    }
}
