package io.vtgoconnect.itest;

import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What an in-framework test works with: the installed bundles, configurations and password files it deletes
 * afterwards, and a recorded Gogo session.
 */
final class FrameworkFixture implements AutoCloseable {
    final RecordedSession session;
    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final List<Configuration> configurations = new ArrayList<>();
    private final List<Path> passwordFiles = new ArrayList<>();

    FrameworkFixture(BundleContext context, ConfigurationAdmin configAdmin, CommandProcessor processor) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.session = new RecordedSession(processor);
    }

    Bundle installed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("No bundle " + symbolicName));
    }

    /** Sets the configuration of the PID, for whichever bundle takes it. */
    void configure(String pid, Map<String, Object> settings) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        configurations.add(configuration);
        configuration.update(new Hashtable<>(settings));
    }

    /** Adds a configuration of the factory, for whichever bundle takes it. */
    void configureFactory(String factoryPid, Map<String, Object> settings) throws IOException {
        Configuration configuration = configAdmin.createFactoryConfiguration(factoryPid, "?");
        configurations.add(configuration);
        configuration.update(new Hashtable<>(settings));
    }

    /** A file that holds the password, as a line's {@code password.file} names it. */
    String passwordFile(String password) throws IOException {
        Path file = Files.writeString(Files.createTempFile("line", ".password"), password);
        passwordFiles.add(file);
        return file.toString();
    }

    /** Runs a command line that must not answer an error. */
    void run(String commandLine) throws Exception {
        String answer = session.run(commandLine);
        assertFalse(commandLine + ": " + answer, answer.contains("Error :"));
    }

    /** Waits (waitfor) for an output line or event that contains the text. */
    void awaitOutput(String text) throws Exception {
        String answer = session.run("waitfor \"" + text + "\" " + Leftovers.WAIT.toSeconds());
        assertFalse("Waiting for " + text + ": " + answer + "\nAll output:\n" + session.printed(),
                answer.contains("Timeout :"));
    }

    /**
     * Deletes the test's configurations and waits until no component still runs on one of them: SCR
     * skips an update whose change count it has already seen, so a PID deleted and created again
     * before SCR hears of the deletion would keep its component on the old settings.
     */
    @Override
    public void close() throws Exception {
        session.close();
        for (Configuration configuration : configurations) {
            String pid = configuration.getPid();
            configuration.delete();
            Leftovers.await("no component configured by " + pid,
                    () -> componentsConfiguredBy(pid) == null);
        }
        for (Path file : passwordFiles) {
            Files.deleteIfExists(file);
        }
    }

    private ServiceReference<?>[] componentsConfiguredBy(String pid) {
        try {
            return context.getAllServiceReferences(null, "(&(component.name=*)(service.pid=" + pid + "))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(pid, e);
        }
    }
}
