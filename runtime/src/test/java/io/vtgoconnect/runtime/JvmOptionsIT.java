package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.runtime.Vtgoconnect.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * runtime/jvm.options as the launchers read it (runtime/jvm-options.sh): an option that only some Javas know is given to
 * those alone, by the version their release file names. Other Javas than this one are this one's JVM in a JDK folder
 * whose release file names another version, so that the JVM's own flags show what the launcher gave it.
 */
class JvmOptionsIT {
    private static final String TRIM = "-XX:TrimNativeHeapInterval=5000";
    private static final String UNLOCK = "-XX:+UnlockExperimentalVMOptions";
    private static final Path SCRIPT = Vtgoconnect.HOME.resolve("jvm-options.sh");

    @TempDir
    Path directory;

    @ParameterizedTest(name = "Java {0}: trim {1}, unlocked {2}")
    @CsvSource({"17.0.8, false, false", "17.0.9, true, true", "17.0.12, true, true", "17.0.15, true, false",
        "18.0.2.1, false, false", "19.0.2, false, false", "20.0.2, false, false", "21, false, false",
        "21.0.1, true, true", "21.0.5, true, false", "22, true, true", "22.0.2, true, false", "25, true, false",
        "1.8.0_392, false, false"})
    void theNativeHeapTrimGoesToTheJavasThatKnowItUnlockedWhereItIsExperimental(String version, boolean trim,
            boolean unlocked) throws Exception {
        List<String> options = options(javaOf("JAVA_VERSION=\"" + version + "\""));

        assertTrue(options.containsAll(List.of("-XX:+UseSerialGC", "-Xmx192m", "-Xlog:cds*=off")), options::toString);
        assertEquals(trim, options.contains(TRIM), options::toString);
        assertEquals(unlocked, options.contains(UNLOCK), options::toString);
        if (unlocked) {
            assertTrue(options.indexOf(UNLOCK) < options.indexOf(TRIM), "the JVM reads the unlock first: " + options);
        }
    }

    @Test
    void aJavaWhoseVersionCannotBeToldGetsOnlyTheOptionsForEveryJava() throws Exception {
        List<String> options = options(javaOf("IMPLEMENTOR=\"Someone\""));

        assertTrue(options.contains("-Xmx192m"), options::toString);
        assertFalse(options.contains(TRIM), options::toString);
        assertFalse(options.contains(UNLOCK), options::toString);
    }

    @Test
    void theLauncherGivesTheJvmTheTrimOnThisJavaAndLeavesItOutOnOneWithout() throws Exception {
        Result here = help(Path.of(System.getProperty("java.home")));
        assertEquals(0, here.exitCode(), here::toString);
        assertTrue(flags(here).contains(TRIM), here::toString);
        assertFalse(flags(here).contains(UNLOCK), here::toString);

        Result before = help(javaOf("JAVA_VERSION=\"17.0.8\"").getParent().getParent());
        assertEquals(0, before.exitCode(), before::toString);
        assertTrue(flags(before).contains("-XX:MaxHeapSize=201326592"), before::toString);
        assertFalse(flags(before).contains("TrimNativeHeapInterval"), before::toString);

        Result experimental = help(javaOf("JAVA_VERSION=\"17.0.9\"").getParent().getParent());
        assertEquals(0, experimental.exitCode(), experimental::toString);
        assertTrue(flags(experimental).contains(UNLOCK), experimental::toString);
        assertTrue(flags(experimental).contains(TRIM), experimental::toString);
    }

    /** ./vtgoconnect -c help on the Java in {@code javaHome}, the JVM printing its flags (the java command reads JDK_JAVA_OPTIONS). */
    private Result help(Path javaHome) throws Exception {
        Path home = Files.createTempDirectory(directory, "home");
        return Vtgoconnect.run(home, Map.of("JAVA_HOME", javaHome.toString(), "JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags"),
                "", "-c", "help");
    }

    /** The JVM's flags as -XX:+PrintCommandLineFlags printed them. */
    private static String flags(Result result) {
        return result.lines().stream().filter(line -> line.startsWith("-XX:")).findFirst().orElse("");
    }

    /** A JDK folder of its own whose release file says {@code release}; its bin/java runs this test's JVM. */
    private Path javaOf(String release) throws IOException {
        Path home = Files.createTempDirectory(directory, "jdk");
        Files.writeString(home.resolve("release"), release + "\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** The options runtime/jvm-options.sh gives the JVM for {@code java}. */
    private static List<String> options(Path java) throws Exception {
        Process process = new ProcessBuilder("bash", SCRIPT.toString(), java.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }
}
