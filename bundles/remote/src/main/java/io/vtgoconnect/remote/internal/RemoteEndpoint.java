package io.vtgoconnect.remote.internal;

import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.event.EventJson;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.EventTopics;
import io.vtgoconnect.api.event.PhoneEventListener;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.window.WindowConnections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import javax.websocket.CloseReason;
import javax.websocket.OnClose;
import javax.websocket.OnError;
import javax.websocket.OnMessage;
import javax.websocket.OnOpen;
import javax.websocket.Session;
import javax.websocket.server.ServerEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The remote API: JSON over WebSocket at {@code /vtgo/api} of the runtime's HTTP service (a JSR 356
 * endpoint on the HTTP Whiteboard, put there by {@link RemoteWhiteboard}). The container serves
 * every connection with this one instance; each is a {@link Connection} of its own. Every event is
 * written as JSON at most once, and offered to each connection, which takes it or not without ever
 * waiting. A phone's events come as the phone reports them, on its thread, to this
 * {@link PhoneEventListener}; the others (the IPCC agent's, and any a listener did not hear) through
 * EventAdmin. The audio level readings come too, through a {@link MeterFeed}, while some connection
 * asks for them.
 */
@ServerEndpoint("/api")
@Component(service = {RemoteEndpoint.class, EventHandler.class, PhoneEventListener.class, WindowConnections.class},
        configurationPid = RemoteSettings.PID, immediate = true,
        property = {EventConstants.EVENT_TOPIC + "=" + EventTopics.ALL, EventConstants.EVENT_FILTER + "=" + PhoneEventListener.NOT_HEARD})
@Designate(ocd = RemoteSettings.class)
public class RemoteEndpoint implements EventHandler, PhoneEventListener, WindowConnections {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    /** Threads that run the clients' requests; a request that waits on the phone holds one. */
    private static final int REQUEST_THREADS = 16;

    private final Commands commands;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final List<RemoteUser> users = new CopyOnWriteArrayList<>();
    private final ExecutorService requests = Executors.newFixedThreadPool(REQUEST_THREADS, runnable -> thread(runnable, "vtgo-remote-"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> thread(runnable, "vtgo-remote-timer-"));
    private final MeterFeed meter;
    private volatile RemoteSettings settings;

    @Activate
    public RemoteEndpoint(@Reference Commands commands, RemoteSettings settings, BundleContext context) {
        this.commands = commands;
        this.settings = settings;
        this.meter = new MeterFeed(context, this);
    }

    private static Thread thread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** The container keeps this instance: a new configuration applies to the connections opened from now on. */
    @Modified
    void modified(RemoteSettings changed) {
        settings = changed;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeUser")
    void addUser(RemoteUser user) {
        users.add(user);
    }

    void removeUser(RemoteUser user) {
        users.remove(user);
    }

    @Deactivate
    void deactivate() {
        meter.wanted(Set.of());
        connections.keySet().forEach(id -> connections.remove(id).closed());
        requests.shutdownNow();
        timer.shutdownNow();
    }

    @OnOpen
    public void open(Session session) {
        RemoteSettings now = settings;
        session.setMaxIdleTimeout(now.idle_timeout() * 1000L);
        session.setMaxTextMessageBufferSize(now.max_message_size());
        connections.put(session.getId(), new Connection(new Outbox(session, now.queue_limit()), commands, () -> users, now,
                requests, timer, this::meterDemandChanged));
    }

    @OnMessage
    public void message(Session session, String text) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.received(text);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.closed();
            meterDemandChanged();
        }
    }

    /** A connection began or ceased to ask for audio level readings: those of the phones any asks for are fed. */
    private synchronized void meterDemandChanged() {
        meter.wanted(connections.values().stream().flatMap(connection -> connection.meterPhones().stream())
                .collect(Collectors.toSet()));
    }

    @OnError
    public void error(Session session, Throwable failure) {
        close(session, null);
    }

    @Override
    public int close(String phone, String reason) {
        List<Connection> windows = connections.values().stream().filter(connection -> connection.showsWindowOf(phone)).toList();
        windows.forEach(connection -> connection.close(reason));
        return windows.size();
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(EventProperties.EVENT) instanceof VtgoEvent vtgoEvent) {
            long timestamp = event.getProperty(EventProperties.TIMESTAMP) instanceof Long millis ? millis : System.currentTimeMillis();
            phoneEvent(vtgoEvent, timestamp, event.getProperty(EventProperties.PHONE) instanceof String name ? name : "");
        }
    }

    /** On the phone's thread: each connection only filters the event and queues it (see {@link Outbox}). */
    @Override
    public void phoneEvent(VtgoEvent vtgoEvent, long timestamp, String phone) {
        if (connections.isEmpty()) {
            return;
        }
        // Written once, and only if a connection takes the event: not the audio level readings nobody asked for.
        String[] json = new String[1];
        Supplier<String> written = () -> json[0] == null ? json[0] = EventJson.line(vtgoEvent, timestamp, phone) : json[0];
        connections.values().forEach(connection -> connection.event(vtgoEvent, phone, written));
    }
}
