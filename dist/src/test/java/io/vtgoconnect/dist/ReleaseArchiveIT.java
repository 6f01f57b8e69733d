package io.vtgoconnect.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The release archive as a user gets it: unpacked, run with nothing but a Java runtime (no Maven,
 * no source tree), on Java 17 and on Java 25, through a call to the embedded call server's
 * answering extension; as a service kept running until stopped; its scripts clean under shellcheck.
 */
class ReleaseArchiveIT {
    private static final String CALL = "runprogram; waitfor \"Connected to CallManager\"; makecall 2004; "
            + "waitfor TsConnected; callstats; endcall; waitfor TsIdle";

    @TempDir
    static Path unpacked;
    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("vtgoconnect.archive"));
        Result tar = run(List.of("tar", "xzf", archive.toString(), "-C", unpacked.toString()), Map.of(), 60);
        assertEquals(0, tar.exitCode(), tar.toString());
        // The archive holds one folder, named as the archive (the commands' outputs are kept beside it).
        try (Stream<Path> folders = Files.list(unpacked).filter(Files::isDirectory)) {
            List<Path> all = folders.toList();
            assertEquals(1, all.size(), all.toString());
            home = all.get(0);
        }
        assertEquals(archive.getFileName().toString().replace(".tar.gz", ""), home.getFileName().toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void callsThroughTheEmbeddedCallServerOnThisJava(int major) throws Exception {
        Path javaHome = javaHome(major);
        Result version = launcher(List.of("--version"), javaHome, 30);
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.output().contains("Java " + major + ": " + javaHome.resolve("bin/java")), version.toString());

        Result call = launcher(List.of("-c", CALL), javaHome, 120);
        assertEquals(0, call.exitCode(), call.toString());
        assertTrue(call.output().contains("State=5(TsConnected)"), call.toString());
        assertTrue(call.output().contains("Event : CallStatsUpdate, CallRef="), call.toString());
        assertTrue(call.output().contains("Codec=G711u:20ms"), call.toString());
        assertFalse(call.output().contains("WARNING"), "no warning from the JVM: " + call);
        assertFalse(call.output().contains("Exception"), call.toString());
        assertTrue(Files.isRegularFile(home.resolve("data/log/vtgoconnect.log")), "the log is in the release's data folder");
        // The first run on a Java writes its archive under a name of its own; the next start takes it.
        try (var data = Files.list(home.resolve("data"))) {
            assertTrue(data.anyMatch(file -> file.getFileName().toString().startsWith("classes-java" + major + ".jsa")),
                    "a start-up archive per Java");
        }
    }

    @Test
    void startsTheConsoleFirstTheCommandsNextAndTheHttpServiceLastAsTheSourceTreesLauncherDoes() throws Exception {
        Result levels = launcher(List.of("-c", "felix:bundlelevel io.vtgoconnect.console; "
                + "felix:bundlelevel io.vtgoconnect.callmanager; felix:bundlelevel org.ops4j.pax.web.pax-web-jetty"),
                javaHome(17), 60);
        assertEquals(0, levels.exitCode(), levels.toString());
        assertTrue(levels.output().matches("(?s).*io\\.vtgoconnect\\.console \\[\\d+\\] is level 5\\R.*"), levels.toString());
        assertTrue(levels.output().matches("(?s).*io\\.vtgoconnect\\.callmanager \\[\\d+\\] is level 10\\R.*"), levels.toString());
        assertTrue(levels.output().matches("(?s).*pax-web-jetty \\[\\d+\\] is level 20\\R.*"), levels.toString());
    }

    @Test
    void picksTheFirstJavaOfSeventeenOrLaterOnThePath() throws Exception {
        Path java25 = javaHome(25);
        Result version = run(List.of(home.resolve("bin/vtgoconnect").toString(), "--version"),
                Map.of("PATH", java25.resolve("bin") + ":/usr/bin:/bin"), 30);
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.output().contains("Java 25: "), version.toString());
        Result help = launcher(List.of("--help"), javaHome(17), 60);
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.output().startsWith("Usage: vtgoconnect"), help.toString());
        Result misuse = launcher(List.of("--keep-running"), javaHome(17), 30);
        assertEquals(2, misuse.exitCode(), misuse.toString());
        assertTrue(misuse.output().contains("--keep-running takes one script file"), misuse.toString());
    }

    @Test
    void theJvmRunsWithTheOptionsOfLibJvmOptionsAndTheHeapCapOfVtgoconnectHeap() throws Exception {
        Map<String, String> printFlags = Map.of("JAVA_HOME", javaHome(17).toString(), "HOME", unpacked.toString(),
                "VTGOCONNECT_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        String launcher = home.resolve("bin/vtgoconnect").toString();
        Result options = run(List.of(launcher, "-c", "help"), printFlags, 120);
        assertEquals(0, options.exitCode(), options.toString());
        for (String option : List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:ThreadStackSize=512", "-XX:InitialHeapSize=8388608", "-XX:MaxHeapSize=201326592",
                "-XX:TrimNativeHeapInterval=5000")) {
            assertTrue(options.output().contains(option), option + " from lib/jvm.options: " + options);
        }
        Map<String, String> biggerHeap = new HashMap<>(printFlags);
        biggerHeap.put("VTGOCONNECT_HEAP", "256m");
        Result bigger = run(List.of(launcher, "-c", "help"), biggerHeap, 120);
        assertEquals(0, bigger.exitCode(), bigger.toString());
        assertTrue(bigger.output().contains("-XX:MaxHeapSize=268435456"), bigger.toString());
    }

    @Test
    void anOptionOfLibJvmOptionsForSomeJavasOnlyIsGivenToThoseAlone() throws Exception {
        String launcher = home.resolve("bin/vtgoconnect").toString();
        Result on25 = run(List.of(launcher, "-c", "help"), Map.of("JAVA_HOME", javaHome(25).toString(), "HOME",
                unpacked.toString(), "VTGOCONNECT_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), 120);
        assertEquals(0, on25.exitCode(), on25.toString());
        assertTrue(on25.output().contains("-XX:TrimNativeHeapInterval=5000"), on25.toString());
        // Java 19 does not know the option: Java 17's JVM in a folder whose release file says 19.0.2 stands for it.
        Path jdk19 = Files.createDirectories(unpacked.resolve("jdk-19/bin")).getParent();
        Files.writeString(jdk19.resolve("release"), "JAVA_VERSION=\"19.0.2\"\n");
        Path java19 = jdk19.resolve("bin/java");
        Files.writeString(java19, "#!/bin/sh\nexec '" + javaHome(17).resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java19, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result on19 = run(List.of(launcher, "-c", "help"), Map.of("JAVA_HOME", jdk19.toString(),
                "HOME", unpacked.toString(), "VTGOCONNECT_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), 120);
        assertEquals(0, on19.exitCode(), on19.toString());
        assertTrue(on19.output().contains("-XX:MaxHeapSize=201326592"), on19.toString());
        assertFalse(on19.output().contains("TrimNativeHeapInterval"), on19.toString());
    }

    @Test
    void asAServiceItKeepsRunningAfterItsCommandsAndStopsCleanlyOnSigterm() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/vtgoconnect").toString(), "--keep-running",
                home.resolve("contrib/service.vtgo").toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome(25).toString());
        builder.environment().put("HOME", unpacked.toString());
        Process service = builder.start();
        try {
            StringBuffer output = new StringBuffer();
            CountDownLatch registered = new CountDownLatch(1);
            Thread reader = new Thread(() -> read(service, output, registered), "service-output");
            reader.start();
            assertTrue(registered.await(60, TimeUnit.SECONDS), "the phone registered: " + output);
            // The JVM's temporary files are in the release's data folder, not /tmp (the launcher execs the JVM: same pid).
            Path temporary = home.resolve("data/tmp/" + service.pid());
            try (Stream<Path> files = Files.list(temporary)) {
                assertTrue(files.anyMatch(file -> file.getFileName().toString().startsWith("fileinstall-")),
                        "FileInstall's work folders in " + temporary);
            }
            // The script's commands are done; the runtime goes on until it is stopped.
            assertFalse(service.waitFor(3, TimeUnit.SECONDS), "still running after its commands: " + output);
            service.destroy();
            assertTrue(service.waitFor(20, TimeUnit.SECONDS), "stopped within 20 s of SIGTERM");
            assertEquals(143, service.exitValue(), output.toString());
            reader.join(5000);
            assertFalse(output.toString().contains("Exception"), output.toString());
        } finally {
            service.destroyForcibly();
        }
    }

    @Test
    void theLauncherScriptsAndCompletionPassShellcheck() throws Exception {
        Result check = run(List.of("shellcheck", "-x", "-s", "bash", home.resolve("bin/vtgoconnect").toString(),
                home.resolve("lib/jvm-options.sh").toString(), home.resolve("contrib/vtgoconnect.bash-completion").toString()),
                Map.of(), 60);
        assertEquals(0, check.exitCode(), check.toString());
        Result completion = run(List.of("bash", "-c", "source " + home.resolve("contrib/vtgoconnect.bash-completion")
                + "; COMP_WORDS=(vtgoconnect --k); COMP_CWORD=1; _vtgoconnect; echo \"${COMPREPLY[@]}\""), Map.of(), 30);
        assertEquals("--keep-running", completion.output().strip(), completion.toString());
    }

    private static void read(Process process, StringBuffer output, CountDownLatch registered) {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.equals("Event : Connected to CallManager")) {
                    registered.countDown();
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** A JDK of this major version in /usr/lib/jvm; the test fails where there is none (CI has 17 and 25). */
    private static Path javaHome(int major) throws IOException {
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            List<Path> found = homes.filter(h -> Files.isExecutable(h.resolve("bin/java")))
                    .filter(h -> h.getFileName().toString().matches(".*\\D" + major + "(\\D.*)?")).sorted().toList();
            if (found.isEmpty()) {
                fail("no Java " + major + " in /usr/lib/jvm");
            }
            return found.get(0);
        }
    }

    private static Result launcher(List<String> arguments, Path javaHome, int seconds) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/vtgoconnect").toString());
        command.addAll(arguments);
        return run(command, Map.of("JAVA_HOME", javaHome.toString(), "HOME", unpacked.toString()), seconds);
    }

    /** Runs the command with its output in a file, so that a process that hangs cannot hang the test. */
    private static Result run(List<String> command, Map<String, String> environment, int seconds) throws Exception {
        Path output = Files.createTempFile(unpacked, "output", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within " + seconds + " s: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    private record Result(int exitCode, String output) {
    }
}
