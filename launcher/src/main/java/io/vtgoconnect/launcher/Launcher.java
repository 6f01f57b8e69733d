package io.vtgoconnect.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts the runtime as bnd's launcher does, from what bnd exported into the runtime jar on the
 * class path: its {@code launcher.properties} (framework properties, system packages and
 * capabilities, the bundles) and the bundles under {@code jar/}. It registers the command-line
 * arguments as a service with property {@code launcher.arguments}, runs the
 * {@code Callable<Integer>} service with property {@code main.thread=true} (the console) on the
 * main thread, and exits with its result. Each bundle gets the start level the bndrun gives it, so
 * that the console's prompt shows before the rest has started, as with bnd's launcher. Unlike bnd's, it sets no security policy, which Java
 * 24 and later refuse, so the release runs on any Java from 17.
 *
 * <p>The framework keeps its storage where system property {@code launch.storage.dir} says (the
 * release's launcher script gives each process a folder of its own in the data folder), else in a
 * temporary folder removed at exit. With system property {@code vtgoconnect.keep.running=true} (a service), the runtime goes on
 * after the console's commands succeed, until the process is stopped (SIGTERM, as systemd
 * stops a service); the framework then stops cleanly. Failed commands still end it with code 1.
 */
public final class Launcher {
    static final String PROPERTIES = "launcher.properties";
    static final String KEEP_RUNNING = "vtgoconnect.keep.running";
    private static final String MAIN_THREAD = "(&(" + Constants.OBJECTCLASS + "=" + Callable.class.getName()
            + ")(main.thread=true))";
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    /** One bundle of {@code launch.runbundles.attrs}, as bnd writes it: {@code bsn;version="...";startlevel=N}. */
    private static final Pattern RUN_BUNDLE_LEVEL = Pattern.compile("([^;,\\s]+)(?:;[^,;]*)*?;startlevel=(\\d+)");

    private final Properties launch;
    private final PrintStream err;

    Launcher(Properties launch, PrintStream err) {
        this.launch = launch;
        this.err = err;
    }

    public static void main(String[] args) {
        Properties launch = new Properties();
        try (InputStream in = Launcher.class.getClassLoader().getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                System.err.println("vtgoconnect: no " + PROPERTIES + " on the class path: the runtime jar is missing.");
                System.exit(2);
            }
            launch.load(in);
        } catch (IOException e) {
            System.err.println("vtgoconnect: cannot read " + PROPERTIES + ": " + e.getMessage());
            System.exit(2);
        }
        System.exit(new Launcher(launch, System.err).run(args, Boolean.getBoolean(KEEP_RUNNING)));
    }

    /** Runs the framework until the console is done (or, kept running, until it stops), and returns the exit code. */
    int run(String[] args, boolean keepRunning) {
        Path temporaryStorage = null;
        Framework framework = null;
        try {
            Map<String, String> properties = frameworkProperties();
            if (!properties.containsKey(Constants.FRAMEWORK_STORAGE)) {
                temporaryStorage = Files.createTempDirectory("vtgoconnect-felix");
                properties.put(Constants.FRAMEWORK_STORAGE, temporaryStorage.toString());
            }
            framework = ServiceLoader.load(FrameworkFactory.class, Launcher.class.getClassLoader()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                    .newFramework(properties);
            framework.init();
            Framework running = framework;
            Thread stopOnSignal = new Thread(() -> stop(running), "vtgoconnect-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            BundleContext context = framework.getBundleContext();
            Hashtable<String, Object> arguments = new Hashtable<>();
            arguments.put("launcher.arguments", args.clone());
            arguments.put(Constants.SERVICE_RANKING, -1000);
            context.registerService(Object.class.getName(), this, arguments);
            startAll(installAll(context));
            framework.start();
            int code = runMainThread(context);
            if (keepRunning && code == 0) {
                framework.waitForStop(0);
            }
            removeHook(stopOnSignal);
            stop(framework);
            return code;
        } catch (BundleException | IOException | InvalidSyntaxException | RuntimeException e) {
            err.println("vtgoconnect: cannot start: " + e.getMessage());
            if (framework != null) {
                stop(framework);
            }
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        } finally {
            if (temporaryStorage != null) {
                deleteTree(temporaryStorage);
            }
        }
    }

    /**
     * The framework's properties: every launcher property that is not the launcher's own
     * ({@code launch.*}), the system packages and capabilities bnd resolved, and a clean cache
     * unless the bndrun keeps it.
     */
    Map<String, String> frameworkProperties() {
        Map<String, String> properties = new HashMap<>();
        for (String key : launch.stringPropertyNames()) {
            if (!key.startsWith("launch.")) {
                properties.put(key, launch.getProperty(key));
            }
        }
        putIfSet(properties, Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, launch.getProperty("launch.system.packages"));
        putIfSet(properties, Constants.FRAMEWORK_SYSTEMCAPABILITIES_EXTRA,
                launch.getProperty("launch.system.capabilities"));
        // As bnd's launcher: the system property, then the bndrun's.
        putIfSet(properties, Constants.FRAMEWORK_STORAGE,
                System.getProperty("launch.storage.dir", launch.getProperty("launch.storage.dir")));
        if (!Boolean.parseBoolean(launch.getProperty("launch.keep", "false"))) {
            properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        return properties;
    }

    /** The bundles of {@code launch.bundles}, in order, read from the runtime jar. */
    List<String> bundleLocations() {
        List<String> locations = new ArrayList<>();
        for (String location : launch.getProperty("launch.bundles", "").split(",")) {
            if (!location.isBlank()) {
                locations.add(location.strip());
            }
        }
        return locations;
    }

    /**
     * Each bundle's start level from the bndrun ({@code launch.runbundles.attrs}), by symbolic name, as
     * bnd's launcher sets them: the framework starts a level's bundles only once it reaches that level.
     */
    Map<String, Integer> startLevels() {
        Map<String, Integer> levels = new HashMap<>();
        Matcher bundle = RUN_BUNDLE_LEVEL.matcher(launch.getProperty("launch.runbundles.attrs", ""));
        while (bundle.find()) {
            levels.put(bundle.group(1), Integer.valueOf(bundle.group(2)));
        }
        return levels;
    }

    /** Installs the bundles, each at its start level (the framework's default for those the bndrun does not name). */
    private List<Bundle> installAll(BundleContext context) throws BundleException, IOException {
        Map<String, Integer> levels = startLevels();
        List<Bundle> bundles = new ArrayList<>();
        for (String location : bundleLocations()) {
            try (InputStream in = Launcher.class.getClassLoader().getResourceAsStream(location)) {
                if (in == null) {
                    throw new IOException("the runtime jar holds no " + location);
                }
                Bundle bundle = context.installBundle(location, in);
                Integer level = levels.get(bundle.getSymbolicName());
                if (level != null) {
                    bundle.adapt(BundleStartLevel.class).setStartLevel(level);
                }
                bundles.add(bundle);
            }
        }
        return bundles;
    }

    /**
     * As bnd's launcher: every bundle but fragments, by its activation policy (lazy bundles stay lazy);
     * a bundle above the beginning start level starts when the console raises the framework to it.
     */
    private static void startAll(List<Bundle> bundles) throws BundleException {
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
    }

    /** Waits for the console's main-thread service and runs it here; the framework stopping ends the wait. */
    private static int runMainThread(BundleContext context) throws InvalidSyntaxException, InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, context.createFilter(MAIN_THREAD), null);
        tracker.open();
        try {
            Object service;
            while ((service = tracker.waitForService(1000)) == null) {
                if (context.getBundle().getState() != Bundle.ACTIVE) {
                    return 2;
                }
            }
            Object result = ((Callable<?>) service).call();
            return result instanceof Integer code ? code : 0;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("vtgoconnect: the console failed: " + e);
            return 1;
        } finally {
            tracker.close();
        }
    }

    private void stop(Framework framework) {
        try {
            framework.stop();
            FrameworkEvent stopped = framework.waitForStop(STOP_TIMEOUT_MILLIS);
            if (stopped.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                err.println("vtgoconnect: the framework did not stop within " + STOP_TIMEOUT_MILLIS / 1000 + " s.");
            }
        } catch (BundleException e) {
            err.println("vtgoconnect: stopping the framework failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook stops the framework.
        }
    }

    private static void putIfSet(Map<String, String> properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value);
        }
    }

    private void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            err.println("vtgoconnect: could not remove " + root + ": " + e.getMessage());
        }
    }
}
