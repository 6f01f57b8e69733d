package io.vtgoconnect.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.command.Phone;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.event.AudioLevelUpdate;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.secret.PasswordHash;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.websocket.CloseReason;
import javax.websocket.RemoteEndpoint.Async;
import javax.websocket.SendHandler;
import javax.websocket.SendResult;
import javax.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;

/** The request window, and HideProgram closing the connections of the pages that show a phone. */
class WindowConnectionsTest {
    private static final String PASSWORD = "panel-password";
    /** The event handlers the endpoint has registered and not withdrawn: their topics and event filters. */
    private final Map<Object, String> handlers = new ConcurrentHashMap<>();
    private final RemoteEndpoint endpoint = new RemoteEndpoint(commands(), settings(), bundleContext());
    private final List<String> closes = new ArrayList<>();

    @AfterEach
    void stop() {
        endpoint.deactivate();
    }

    /** A client's session: what it is sent, in a queue; how it was closed, in {@link #closes}. */
    private final class Client {
        final String id;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final Session session;

        Client(String id) {
            this.id = id;
            Async remote = (Async) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Async.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            received.add((String) args[0]);
                            ((SendHandler) args[1]).onResult(new SendResult());
                        }
                        return null;
                    });
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getId" -> id;
                        case "getAsyncRemote" -> remote;
                        case "close" -> {
                            closes.add(id + " " + ((CloseReason) args[0]).getCloseCode().getCode() + " "
                                    + ((CloseReason) args[0]).getReasonPhrase());
                            yield null;
                        }
                        default -> null;
                    });
            endpoint.open(session);
        }

        /** Sends a request and returns the reply to it. */
        String request(String json) throws InterruptedException {
            endpoint.message(session, json);
            while (true) {
                String message = received.poll(10, TimeUnit.SECONDS);
                assertTrue(message != null, "no reply to " + json);
                if (message.contains("\"kind\":\"reply\"")) {
                    return message;
                }
            }
        }

        void logIn() throws InterruptedException {
            assertTrue(request("{\"id\":0,\"command\":\"login\",\"user\":\"panel\",\"password\":\"" + PASSWORD + "\"}")
                    .contains("\"user\":\"panel\""));
        }
    }

    private static Commands commands() {
        CallControl control = (CallControl) Proxy.newProxyInstance(WindowConnectionsTest.class.getClassLoader(),
                new Class<?>[] {CallControl.class}, (proxy, method, args) -> null);
        List<Phone> phones = List.of(new Phone("phone1", "", control), new Phone("phone2", "", control));
        return (Commands) Proxy.newProxyInstance(WindowConnectionsTest.class.getClassLoader(), new Class<?>[] {Commands.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "phones" -> phones;
                    case "find", "phone" -> Optional.empty();
                    default -> null;
                });
    }

    /** A bundle context that keeps, in {@link #handlers}, the handlers registered and not withdrawn. */
    private BundleContext bundleContext() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        return null;
                    }
                    Object registration = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (self, call, callArgs) -> {
                                switch (call.getName()) {
                                    case "unregister" -> handlers.remove(self);
                                    case "setProperties" -> handlers.put(self, handler((Dictionary<?, ?>) callArgs[0]));
                                    case "hashCode" -> {
                                        return System.identityHashCode(self);
                                    }
                                    case "equals" -> {
                                        return self == callArgs[0];
                                    }
                                    default -> { }
                                }
                                return null;
                            });
                    handlers.put(registration, handler((Dictionary<?, ?>) args[2]));
                    return registration;
                });
    }

    private static String handler(Dictionary<?, ?> properties) {
        Object filter = properties.get(EventConstants.EVENT_FILTER);
        return properties.get(EventConstants.EVENT_TOPIC) + (filter == null ? "" : " " + filter);
    }

    private List<String> handlers() {
        return List.copyOf(handlers.values());
    }

    /** The settings' defaults, as ConfigAdmin gives them when nothing is configured. */
    private static RemoteSettings settings() {
        return (RemoteSettings) Proxy.newProxyInstance(WindowConnectionsTest.class.getClassLoader(),
                new Class<?>[] {RemoteSettings.class}, (proxy, method, args) -> method.getDefaultValue());
    }

    @Test
    void hideProgramClosesOnlyThePagesShowingThePhoneAndFarmViews() throws Exception {
        endpoint.addUser(new RemoteUser("panel", PasswordHash.of(PASSWORD), "", List.of("phone1")));
        Client before = new Client("before");
        assertTrue(before.request("{\"id\":1,\"command\":\"window\",\"phone\":\"phone1\"}").contains("ERROR_ACCESS_DENIED"));

        Client first = new Client("first");
        first.logIn();
        assertEquals("{\"kind\":\"reply\",\"id\":2,\"result\":{\"window\":\"phone1\"}}",
                first.request("{\"id\":2,\"command\":\"window\",\"phone\":\"phone1\"}"));
        assertTrue(first.request("{\"id\":3,\"command\":\"window\",\"phone\":\"phone2\"}")
                .contains("\"error\":\"ERROR_ACCESS_DENIED\""), "a phone the user may not use is refused");
        Client farm = new Client("farm");
        farm.logIn();
        assertEquals("{\"kind\":\"reply\",\"id\":4,\"result\":{\"window\":\"*\"}}",
                farm.request("{\"id\":4,\"command\":\"window\"}"));
        Client other = new Client("other");
        other.logIn();

        // A farm view shows every phone: any phone's HideProgram closes it; the container then reports it closed.
        assertEquals(1, endpoint.close("phone2", "HideProgram: the softphone window was hidden."));
        assertEquals(List.of("farm 1000 HideProgram: the softphone window was hidden."), closes);
        endpoint.close(farm.session, null);
        assertEquals(1, endpoint.close("phone1", "HideProgram: the softphone window was hidden."));
        assertEquals(List.of("farm 1000 HideProgram: the softphone window was hidden.",
                "first 1000 HideProgram: the softphone window was hidden."), closes);
    }

    /** More requests in flight than run in one turn, from two clients at once: each client's are answered in order. */
    @Test
    void requestsKeptInFlightAreAnsweredInTheOrderSentOnEveryConnection() throws Exception {
        endpoint.addUser(new RemoteUser("panel", PasswordHash.of(PASSWORD), "", List.of("phone1")));
        Client first = new Client("first");
        first.logIn();
        Client second = new Client("second");
        second.logIn();
        int requests = 100;
        for (int id = 1; id <= requests; id++) {
            endpoint.message(first.session, "{\"id\":" + id + ",\"command\":\"window\",\"phone\":\"phone1\"}");
            endpoint.message(second.session, "{\"id\":" + id + ",\"command\":\"window\"}");
        }

        for (int id = 1; id <= requests; id++) {
            assertEquals("{\"kind\":\"reply\",\"id\":" + id + ",\"result\":{\"window\":\"phone1\"}}",
                    first.received.poll(10, TimeUnit.SECONDS));
            assertEquals("{\"kind\":\"reply\",\"id\":" + id + ",\"result\":{\"window\":\"*\"}}",
                    second.received.poll(10, TimeUnit.SECONDS));
        }
    }

    private void post(VtgoEvent event) {
        endpoint.handleEvent(new Event(event.topic(), EventProperties.of(event, System.currentTimeMillis(), "phone1")));
    }

    /** A user of phone1 logs in and subscribes to every event of the manual; returns that client. */
    private Client subscribedToTheManualsEvents() throws InterruptedException {
        endpoint.addUser(new RemoteUser("panel", PasswordHash.of(PASSWORD), "", List.of("phone1")));
        Client plain = new Client("plain");
        plain.logIn();
        plain.request("{\"id\":1,\"command\":\"subscribe\",\"filter\":{}}");
        return plain;
    }

    @Test
    void audioLevelReadingsReachOnlyASubscriptionNamingThemAndNeverCrowdOutWhatAWaitforLooksFor() throws Exception {
        Client plain = subscribedToTheManualsEvents();
        Client meter = new Client("meter");
        meter.logIn();
        meter.request("{\"id\":2,\"command\":\"subscribe\",\"filter\":{\"events\":[\"AudioLevelUpdate\"],\"phones\":[\"phone1\"]}}");

        CallRef call = new CallRef(84419251);
        post(new LineUpdate(1, "2001", "", 1, LineState.CONNECTED, call, Direction.OUTGOING, "2004"));
        // More readings than the events kept for a waitfor: four minutes of one call's.
        for (int i = 0; i < 1200; i++) {
            post(new AudioLevelUpdate(call, -96, -12.5));
        }

        List<String> toPlain = new ArrayList<>(plain.received);
        assertEquals(1, toPlain.size(), "the manual's events only: " + toPlain.stream().limit(3).toList());
        assertTrue(toPlain.get(0).contains("\"event\":\"LineUpdate\""));
        List<String> toMeter = new ArrayList<>(meter.received);
        assertEquals(1200, toMeter.size());
        assertTrue(toMeter.stream().allMatch(reading -> reading.contains("\"event\":\"AudioLevelUpdate\"")
                && reading.contains("\"sent\":-96.0,\"received\":-12.5")), toMeter.get(0));
        assertTrue(plain.request("{\"id\":3,\"command\":\"waitfor\",\"filter\":{\"states\":[\"TsConnected\"]},\"timeout\":1}")
                .contains("\"event\":\"LineUpdate\""), "the LineUpdate is still kept for a waitfor");
    }

    @Test
    void theReadingsAreAskedForOnlyWhileASubscriptionOrAWaitforNamesThem() throws Exception {
        Client plain = subscribedToTheManualsEvents();
        assertEquals(List.of(), handlers(), "every manual event, but no reading, is subscribed to");

        // A panel asks for its phone's readings: only that phone's are taken.
        Client meter = new Client("meter");
        meter.logIn();
        String subscribed = meter.request("{\"id\":2,\"command\":\"subscribe\",\"filter\":{\"events\":[\"AudioLevelUpdate\"],"
                + "\"phones\":[\"phone1\"]}}");
        assertEquals(List.of("io/vtgoconnect-meter/* (|(vtgo.phone=phone1))"), handlers());
        Client second = new Client("second");
        second.logIn();
        second.request("{\"id\":3,\"command\":\"subscribe\",\"filter\":{\"events\":[\"AudioLevelUpdate\"],"
                + "\"phones\":[\"phone2\",\"a*(b)\"]}}");
        assertEquals(List.of("io/vtgoconnect-meter/* (|(vtgo.phone=a\\*\\(b\\))(vtgo.phone=phone1)(vtgo.phone=phone2))"), handlers(),
                "one handler for every connection that asks, for the phones any asks for");
        Client every = new Client("every");
        every.logIn();
        every.request("{\"id\":4,\"command\":\"subscribe\",\"filter\":{\"events\":[\"AudioLevelUpdate\"]}}");
        assertEquals(List.of("io/vtgoconnect-meter/*"), handlers(), "a subscription of every phone's readings");
        endpoint.close(every.session, null);
        endpoint.close(second.session, null);
        assertEquals(List.of("io/vtgoconnect-meter/* (|(vtgo.phone=phone1))"), handlers(), "still asked for by the first connection");
        assertTrue(subscribed.contains("\"subscription\":\"s1\""), subscribed);
        meter.request("{\"id\":5,\"command\":\"unsubscribe\",\"subscription\":\"s1\"}");
        assertEquals(List.of(), handlers(), "nobody asks any longer");

        // A waitfor for a reading asks for them until it is answered.
        endpoint.message(meter.session, "{\"id\":6,\"command\":\"waitfor\",\"filter\":{\"events\":[\"AudioLevelUpdate\"]},"
                + "\"timeout\":30}");
        waitUntil(() -> handlers().equals(List.of("io/vtgoconnect-meter/*")), "the waitfor asks for the readings");
        post(new AudioLevelUpdate(new CallRef(84419251), -96, -20));
        String answer = meter.received.poll(10, TimeUnit.SECONDS);
        assertTrue(answer != null && answer.contains("\"id\":6") && answer.contains("\"event\":\"AudioLevelUpdate\""), answer);
        waitUntil(handlers::isEmpty, "the answered waitfor no longer asks");
    }

    private void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + "; handlers: " + handlers());
            Thread.sleep(5);
        }
    }
}
