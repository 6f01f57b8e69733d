package io.vtgoconnect.console.internal;

import java.time.Duration;
import java.util.Hashtable;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * The runtime starts in steps, so that the prompt shows as soon as the console and Gogo run. The
 * launcher starts the framework's services and the console up to the beginning start level; the
 * commands, the softphone and the call server wait at the next start level, and the HTTP service
 * with what it serves (the remote API, the panel) at the highest: Jetty costs more CPU than all the
 * rest. The console raises the framework in the background: to every level at once as soon as it
 * has a terminal or standard input to read (someone may use the panel meanwhile); for help (and
 * command-name completion) to the commands' level alone; for any other statement to every level.
 * A statement waits for what it needs, so nothing typed early is lost or answered "command not
 * found". While only the commands are wanted, a service with the property {@value #COMMANDS_ONLY}
 * says so, and what their bundles need not start for them (the call server) waits until more is
 * wanted: the service is withdrawn once the commands have started and before the framework is
 * raised further. A run that ends before then stops a framework that never started what it did not need.
 */
final class RuntimeStart {
    /** The property of the service that says the runtime runs only for its commands' list, for now. */
    static final String COMMANDS_ONLY = "vtgoconnect.commands.only";
    private final BundleContext context;
    private final Duration atMost;
    private final AtomicBoolean raisingToCommands = new AtomicBoolean();
    private final AtomicBoolean raisingToAll = new AtomicBoolean();
    private final CountDownLatch commandsStarted = new CountDownLatch(1);
    private final CountDownLatch allStarted = new CountDownLatch(1);
    private volatile boolean ready;
    private volatile boolean commandsWaited;
    private volatile boolean restWanted;
    /** Registered while the framework is raised for the commands alone (help); guarded by this. */
    private ServiceRegistration<Object> commandsOnly;

    /** @param atMost how long a statement waits for the runtime's services before it runs all the same */
    RuntimeStart(BundleContext context, Duration atMost) {
        this.context = context;
        this.atMost = atMost;
    }

    /** Starts the commands, then the rest, in the background; once only. */
    void startRest() {
        restWanted = true;
        startCommands();
        if (commandsStarted.getCount() == 0) {
            raiseToAll();
        }
    }

    /**
     * Before a statement runs: help waits for the commands (their bundles started), any other
     * statement for the whole runtime and for the HTTP service to serve the servlets registered so
     * far; each at most the time given, once.
     * @return whether what the statement needs started in time (false once, after a timeout)
     */
    boolean beforeStatement(CharSequence statement) {
        if (ready) {
            return true;
        }
        if (isHelp(statement)) {
            return awaitCommands();
        }
        long deadline = System.nanoTime() + atMost.toNanos();
        startRest();
        boolean started = await(allStarted, deadline);
        HttpWhiteboardReady.await(context, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        ready = true;
        return started;
    }

    /** Starts the commands if they have not started, and waits for them (not again after a timeout). @return whether they started in time */
    boolean awaitCommands() {
        startCommands();
        if (commandsWaited) {
            return true;
        }
        boolean started = await(commandsStarted, System.nanoTime() + atMost.toNanos());
        commandsWaited = true;
        return started;
    }

    /** Help reads only the command catalog, complete once the commands' start level is reached. */
    static boolean isHelp(CharSequence statement) {
        String command = statement.toString().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return command.equals("help") || command.endsWith(":help");
    }

    private void startCommands() {
        if (raisingToCommands.compareAndSet(false, true)) {
            announceCommandsOnly();
            TreeSet<Integer> above = levels();
            raise(above.isEmpty() ? currentLevel() : above.first(), () -> {
                commandsStarted.countDown();
                if (restWanted) {
                    raiseToAll();
                }
            });
        }
    }

    /**
     * Says, while only the commands are wanted, that the runtime runs for its commands' list alone:
     * what would start in the background at their level (the call server) waits, and a run of help
     * alone ends without starting it.
     */
    private synchronized void announceCommandsOnly() {
        if (!restWanted && commandsOnly == null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(COMMANDS_ONLY, "help");
            try {
                commandsOnly = context.registerService(Object.class, new Object(), properties);
            } catch (IllegalStateException stopped) {
                // The framework stops: nothing starts any more.
            }
        }
    }

    private synchronized void withdrawCommandsOnly() {
        if (commandsOnly != null) {
            try {
                commandsOnly.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The console's bundle stopped, taking its services with it.
            }
            commandsOnly = null;
        }
    }

    /**
     * Raises the framework to its highest level once the commands' level is reached: Felix does not
     * take a second request in the order given while it works on the first.
     */
    private void raiseToAll() {
        if (raisingToAll.compareAndSet(false, true)) {
            // What waited for more than the commands starts now, while nothing else starts.
            withdrawCommandsOnly();
            TreeSet<Integer> above = levels();
            raise(above.isEmpty() ? currentLevel() : above.last(), allStarted::countDown);
        }
    }

    private void raise(int level, Runnable reached) {
        try {
            Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
            FrameworkStartLevel framework = system.adapt(FrameworkStartLevel.class);
            if (level <= framework.getStartLevel() || system.getState() != Bundle.ACTIVE) {
                reached.run();
                return;
            }
            framework.setStartLevel(level, event -> reached.run());
        } catch (IllegalStateException stopped) {
            // The console's run ended and the framework stops: a raise now would start what is being stopped.
            reached.run();
        }
    }

    /** @return whether the latch opened before the deadline */
    private static boolean await(CountDownLatch latch, long deadline) {
        try {
            return latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int currentLevel() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class).getStartLevel();
    }

    /** The start levels of the bundles above the framework's current level, lowest first. */
    private TreeSet<Integer> levels() {
        int current = currentLevel();
        TreeSet<Integer> levels = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
            if (level != null && level.getStartLevel() > current) {
                levels.add(level.getStartLevel());
            }
        }
        return levels;
    }
}
