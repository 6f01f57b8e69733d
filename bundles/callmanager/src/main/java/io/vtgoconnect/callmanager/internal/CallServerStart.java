package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryWanted;
import io.vtgoconnect.callmanager.internal.registrar.BindingStore;
import io.vtgoconnect.sipstack.FeatureCodes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Starts the call server ({@link SipServer}) and offers it to {@link CallManager}, unless the runtime runs only
 * for its commands' list: building its SIP stack and the components that use it takes about half a second,
 * which a run of help alone need not spend. While a service with the property {@value #COMMANDS_ONLY} is
 * registered (the console registers one while its statements so far need only the commands), the server waits;
 * once that service is withdrawn, it starts on the thread that withdrew it, before anything else starts.
 * Otherwise it starts at once, on the framework's thread, as any component. Just before, this registers
 * {@link DirectoryWanted}, which builds the directory's entries on the same thread, so that the server finds
 * every line and device from its first request, and a run of help builds none. A server that cannot start (a port
 * taken, a setting wrong) or is turned off ({@code enabled=false}) says so in one log line and offers nothing,
 * so that {@link CallManager} and the components that need it stay unsatisfied, quietly, instead of each
 * failing in turn. This owns the server: it stops it when it ends, after withdrawing it.
 */
@Component(immediate = true, service = {}, configurationPid = ServerSettings.PID)
@Designate(ocd = ServerSettings.class)
public class CallServerStart {
    /** The property of a service that says the runtime runs only for its commands' list, for now. */
    static final String COMMANDS_ONLY = "vtgoconnect.commands.only";
    private static final String COMMANDS_ONLY_FILTER = "(" + COMMANDS_ONLY + "=*)";

    /** The registrar's bindings, in the configured folder or the bundle's data area. */
    static final String BINDINGS_FILE = "registrations.txt";

    private final BundleContext context;
    private final ServerSettings settings;
    private final Directory directory;
    private final LoggerFactory logs;
    /** Set once the server started (written under this). */
    private volatile SipServer server;
    /** Whether this ended, so that a late start opens nothing; guarded by this. */
    private boolean ended;
    /** This service once the server started; withdrawn as this ends (a new configuration makes a new one). */
    private ServiceRegistration<CallServerStart> registration;
    /** Registered as the server starts, withdrawn after it stopped; guarded by this. */
    private ServiceRegistration<DirectoryWanted> directoryWanted;
    private final ServiceListener commandsOnlyGone = event -> {
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            start();
        }
    };

    @Activate
    public CallServerStart(BundleContext context, ServerSettings settings, @Reference Directory directory,
            @Reference LoggerFactory logs) throws InvalidSyntaxException {
        this.context = context;
        this.settings = settings;
        this.directory = directory;
        this.logs = logs;
        if (!settings.enabled()) {
            logs.getLogger(CallManager.class).warn("The call server is turned off (enabled=false in {}.cfg): it opens no port.",
                    ServerSettings.PID);
            return;
        }
        context.addServiceListener(commandsOnlyGone, COMMANDS_ONLY_FILTER);
        if (context.getAllServiceReferences(null, COMMANDS_ONLY_FILTER) == null) {
            start();
        }
    }

    /**
     * Builds the directory's entries, then starts the server and offers it, once, on this thread; a server that
     * cannot start has said why.
     */
    private synchronized void start() {
        if (server != null || ended) {
            return;
        }
        try {
            // The entries' components activate and bind to the directory within this call.
            directoryWanted = context.registerService(DirectoryWanted.class, new DirectoryWanted(), null);
        } catch (IllegalStateException bundleStopped) {
            return;
        }
        try {
            server = open(settings, directory, logs, bindings(settings, context, logs));
        } catch (ComponentException cannotStart) {
            ended = true;
            return;
        }
        try {
            registration = context.registerService(CallServerStart.class, this, null);
        } catch (IllegalStateException bundleStopped) {
            // The bundle stopped meanwhile: the server goes with it.
        }
    }

    /**
     * Binds the server's ports and starts it.
     * @throws ComponentException saying why, in the one line it also logs, when it cannot start
     */
    static SipServer open(ServerSettings settings, Directory directory, LoggerFactory logs, BindingStore bindings) {
        Logger log = logs.getLogger(CallManager.class);
        FeatureCodes codes;
        NumberRange park;
        try {
            codes = FeatureCodes.parse(settings.feature_codes());
            NumberRange.parse("meetme.numbers", settings.meetme_numbers());
            park = NumberRange.parse("park.range", settings.park_range());
        } catch (IllegalArgumentException e) {
            throw stayDown(log, "a setting is wrong: " + e.getMessage());
        }
        try {
            return SipServer.start(settings, codes, park, directory, bindings, logs);
        } catch (IllegalArgumentException e) {
            throw stayDown(log, "a setting is wrong: " + e.getMessage());
        } catch (Exception e) {
            throw stayDown(log, "cannot listen on " + settings.sip_address() + " (SIP " + settings.sip_port() + "): "
                    + rootMessage(e));
        }
    }

    /** The store in {@code registrations.folder}, else in the bundle's data area; none without either. */
    private static BindingStore bindings(ServerSettings settings, BundleContext context, LoggerFactory logs) {
        Logger log = logs.getLogger(BindingStore.class);
        String folder = settings.registrations_folder().strip();
        if (!folder.isEmpty()) {
            try {
                return BindingStore.in(Files.createDirectories(Path.of(folder)).resolve(BINDINGS_FILE), log);
            } catch (IOException | InvalidPathException e) {
                log.warn("The registrations folder {} cannot be made ({}): registrations are kept in the bundle's data area.",
                        folder, e.getMessage());
            }
        }
        File dataFile = context.getDataFile(BINDINGS_FILE);
        return dataFile == null ? BindingStore.NONE : BindingStore.in(dataFile.toPath(), log);
    }

    private static ComponentException stayDown(Logger log, String why) {
        log.error("The call server is not running: {}.", why);
        return new ComponentException("The call server is not running: " + why + ".");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The server this started; only once it is offered. */
    SipServer server() {
        return server;
    }

    @Deactivate
    public void deactivate() {
        try {
            context.removeServiceListener(commandsOnlyGone);
        } catch (IllegalStateException bundleStopped) {
            // Its listeners went with it.
        }
        SipServer stopping;
        ServiceRegistration<DirectoryWanted> entries;
        synchronized (this) {
            ended = true;
            stopping = server;
            entries = directoryWanted;
            withdraw(registration);
        }
        if (stopping != null) {
            stopping.close();
        }
        // The directory's entries go once the server that read them has stopped.
        withdraw(entries);
    }

    private static void withdraw(ServiceRegistration<?> service) {
        if (service != null) {
            try {
                service.unregister();
            } catch (IllegalStateException bundleStopped) {
                // Its services went with it, and what used them first.
            }
        }
    }
}
