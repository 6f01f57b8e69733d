package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework's cache that {@code ./vtgoconnect} keeps from one run to the next: a start copies no bundle
 * that has not changed, and still begins as with a fresh cache.
 */
class FrameworkCacheIT {
    private static final Path FRAMEWORK = Vtgoconnect.HOME.resolve("data/framework");
    private static final String TEST_BUNDLE = "io.vtgoconnect.test.cached";

    @TempDir
    Path home;

    @Test
    void aBundleInstalledInOneRunIsGoneAtTheNextStart() throws Exception {
        Path bundle = bundle(home.resolve("cached.jar"));
        Vtgoconnect.Result installed = Vtgoconnect.run(home, "", "-c", "felix:install file:" + bundle + "; lb " + TEST_BUNDLE);
        assertEquals(0, installed.exitCode(), installed::toString);
        assertTrue(installed.lines().stream().anyMatch(line -> line.contains("Cached test bundle")), installed::toString);

        Vtgoconnect.Result next = Vtgoconnect.run(home, "", "-c", "lb " + TEST_BUNDLE);
        assertEquals(0, next.exitCode(), next::toString);
        assertTrue(next.lines().contains("No matching bundles found."), next::toString);
    }

    @Test
    void aSecondStartCopiesNoBundleIntoTheCacheAndListsTheSameCommands() throws Exception {
        Vtgoconnect.Result first = Vtgoconnect.run(home, "", "-c", "help");
        assertEquals(0, first.exitCode(), first::toString);
        // File times have a coarse grain on some file systems: a copy made now must show as later than this.
        Instant secondStarts = Instant.now().minusMillis(10);
        Vtgoconnect.Result second = Vtgoconnect.run(home, "", "-c", "help");
        assertEquals(commands(first), commands(second));

        List<Path> cached = cachedBundles();
        assertFalse(cached.isEmpty(), "no bundle in a kept cache under " + FRAMEWORK);
        for (Path jar : cached) {
            FileTime written = Files.getLastModifiedTime(jar);
            assertTrue(written.toInstant().isBefore(secondStarts), jar + " was written again by the second start, at " + written);
        }
    }

    @Test
    void aStartKeepsTheComponentDescriptionsScrReadAndNoOtherBundlesData() throws Exception {
        Vtgoconnect.Result first = Vtgoconnect.run(home, "", "-c", "help");
        assertEquals(0, first.exitCode(), first::toString);
        Path scr = scrDescriptions().getParent();
        Path callManager = dataFolder(scr.getParent().getParent(), "jar/io.vtgoconnect.callmanager-");
        Files.createDirectories(callManager);
        Path leftByScr = Files.writeString(scr.resolve("left"), "");
        Path leftByCallManager = Files.writeString(callManager.resolve("left"), "");

        Vtgoconnect.Result second = Vtgoconnect.run(home, "", "-c", "help");
        assertEquals(commands(first), commands(second));
        assertTrue(Files.exists(leftByScr), "the start removed SCR's data folder " + scr);
        assertFalse(Files.exists(leftByCallManager), "the start kept " + callManager);
    }

    @Test
    void aStartAfterABuildCopiesEveryBundleIntoTheCacheAgain() throws Exception {
        Vtgoconnect.Result before = Vtgoconnect.run(home, "", "-c", "help");
        assertEquals(0, before.exitCode(), before::toString);
        // As a build leaves it: the jar newer than the cache's stamp.
        Instant built = Instant.now();
        Files.setLastModifiedTime(Vtgoconnect.HOME.resolve("target/vtgoconnect.jar"), FileTime.from(built));
        Vtgoconnect.Result after = Vtgoconnect.run(home, "", "-c", "help");
        assertEquals(commands(before), commands(after));

        // The cache the run took is the one whose stamp it made after the build.
        Path used = newestStamp();
        assertTrue(Files.getLastModifiedTime(used).toInstant().isAfter(built), used + " is older than the build");
        Path cache = used.resolveSibling(used.getFileName().toString().replace(".stamp", ""));
        List<Path> copied = cachedBundles().stream().filter(jar -> jar.startsWith(cache)).toList();
        assertFalse(copied.isEmpty(), "no bundle in " + cache);
        for (Path jar : copied) {
            assertTrue(Files.getLastModifiedTime(jar).toInstant().isAfter(built), jar + " is a copy from before the build");
        }
    }

    /** The component descriptions SCR wrote as the latest run ended, in the data folder of its bundle in that run's cache. */
    private static Path scrDescriptions() throws IOException {
        try (Stream<Path> files = Files.walk(FRAMEWORK, 4)) {
            return files.filter(file -> file.getFileName().toString().equals("componentMetadataStore"))
                    .max(Comparator.comparing(FrameworkCacheIT::lastModified))
                    .orElseThrow(() -> new AssertionError("SCR kept no component descriptions under " + FRAMEWORK));
        }
    }

    /** The data folder of the bundle whose location begins so, in the cache. */
    private static Path dataFolder(Path cache, String location) throws IOException {
        try (Stream<Path> bundles = Files.list(cache)) {
            return bundles.filter(bundle -> location(bundle).startsWith(location)).findFirst()
                    .orElseThrow(() -> new AssertionError("no bundle " + location + "* in " + cache)).resolve("data");
        }
    }

    /** Felix's bundle.info names the bundle's location on its second line. */
    private static String location(Path bundle) {
        Path info = bundle.resolve("bundle.info");
        try {
            List<String> lines = Files.isRegularFile(info) ? Files.readAllLines(info) : List.of();
            return lines.size() > 1 ? lines.get(1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path newestStamp() throws IOException {
        try (Stream<Path> files = Files.list(FRAMEWORK)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".stamp"))
                    .max(Comparator.comparing(FrameworkCacheIT::lastModified)).orElseThrow();
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The commands a help listing names, in order. Not the whole lines: Gogo describes an overloaded
     * command (scr:info) by whichever method reflection lists first, which differs between a run
     * that makes the class-data archive (the first after a build) and one that uses it.
     */
    private static List<String> commands(Vtgoconnect.Result help) {
        assertFalse(help.lines().isEmpty(), help::toString);
        return help.lines().stream().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+", 2)[0]).toList();
    }

    /** The bundles' jars in every kept cache (cache-1, cache-2, ...). */
    private static List<Path> cachedBundles() throws IOException {
        try (Stream<Path> files = Files.walk(FRAMEWORK)) {
            return files.filter(file -> FRAMEWORK.relativize(file).getName(0).toString().startsWith("cache-"))
                    .filter(file -> file.getFileName().toString().equals("bundle.jar")).toList();
        }
    }

    /** A bundle with a manifest and nothing else, which no run of the runtime installs by itself. */
    private static Path bundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", TEST_BUNDLE);
        main.putValue("Bundle-Name", "Cached test bundle");
        main.putValue("Bundle-Version", "1.0.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
