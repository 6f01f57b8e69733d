package io.vtgoconnect.console.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * The runtime starts in two steps. The launcher starts every command, the phone and the call server
 * up to the framework's beginning start level, the console last; the HTTP service and what it
 * serves (the remote API, the panel) wait at a higher start level: Jetty costs more CPU than all the
 * rest, and {@code help} needs none of it. The console raises the framework to that level, in the
 * background, once a command other than help is run, or as soon as it has a terminal or standard
 * input to read (someone may use the panel meanwhile). A run that ends before then stops a framework
 * that never started Jetty.
 */
final class RuntimeStart {
    private final BundleContext context;
    private final Duration atMost;
    private final AtomicBoolean raising = new AtomicBoolean();
    private final CountDownLatch raised = new CountDownLatch(1);
    private volatile boolean ready;

    /** @param atMost how long a command waits for the runtime's services before it runs all the same */
    RuntimeStart(BundleContext context, Duration atMost) {
        this.context = context;
        this.atMost = atMost;
    }

    /** Raises the framework to the highest start level of its bundles, in the background; once only. */
    void startRest() {
        if (!raising.compareAndSet(false, true)) {
            return;
        }
        FrameworkStartLevel framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class);
        int highest = highestBundleStartLevel();
        if (highest <= framework.getStartLevel()) {
            raised.countDown();
            return;
        }
        framework.setStartLevel(highest, event -> raised.countDown());
    }

    /**
     * Before a statement other than help runs, starts the rest if it has not started and waits for
     * it, and for the HTTP service to serve the servlets registered so far.
     */
    void beforeStatement(CharSequence statement) {
        if (ready || isHelp(statement)) {
            return;
        }
        long deadline = System.nanoTime() + atMost.toNanos();
        startRest();
        try {
            raised.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        HttpWhiteboardReady.await(context, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        ready = true;
    }

    /** Help reads only the command catalog, complete once the console runs (its bundle starts last). */
    static boolean isHelp(CharSequence statement) {
        String command = statement.toString().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return command.equals("help") || command.endsWith(":help");
    }

    private int highestBundleStartLevel() {
        int highest = 0;
        for (Bundle bundle : context.getBundles()) {
            BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
            if (level != null) {
                highest = Math.max(highest, level.getStartLevel());
            }
        }
        return highest;
    }
}
