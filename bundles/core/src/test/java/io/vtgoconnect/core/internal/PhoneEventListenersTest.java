package io.vtgoconnect.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.AudioLevelUpdate;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.PhoneEventListener;
import io.vtgoconnect.api.event.VtgoEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The phone event listeners hear a phone's events on its own thread, before EventAdmin, and EventAdmin still gets each. */
class PhoneEventListenersTest {
    private final RecordingEventAdmin eventAdmin = new RecordingEventAdmin();
    private final PhoneEventListeners listeners = new PhoneEventListeners();
    private final FakeSoftphone softphone = new FakeSoftphone();
    private final CallControlImpl control = new CallControlImpl(eventAdmin, listeners, "phone1");

    /** What a listener heard: the event, the phone, the thread, and how many events had been posted by then. */
    private record Heard(VtgoEvent event, String phone, Thread thread, int postedBefore) {
    }

    private List<Heard> listen() {
        List<Heard> heard = new ArrayList<>();
        listeners.add((event, timestamp, phone) -> heard.add(new Heard(event, phone, Thread.currentThread(),
                eventAdmin.events().size())));
        return heard;
    }

    private void start() {
        control.bindTransport(softphone);
        control.runProgram();
        eventAdmin.clear();
    }

    @Test
    void aListenerHearsEachEventInOrderOnTheReportingThreadBeforeItIsPosted() {
        List<Heard> heard = listen();
        start();
        VtgoEvent offHook = softphone.lineUpdate(1, LineState.OFF_HOOK, CallRef.NONE, Direction.NONE, "");
        VtgoEvent ringOut = softphone.lineUpdate(1, LineState.RING_OUT, new CallRef(7), Direction.OUTGOING, "2004");
        heard.clear();

        softphone.report(new CallManagerConnected(), offHook, ringOut);

        assertEquals(List.of(new CallManagerConnected(), offHook, ringOut), heard.stream().map(Heard::event).toList());
        assertEquals(List.of(0, 1, 2), heard.stream().map(Heard::postedBefore).toList());
        heard.forEach(one -> assertEquals(Thread.currentThread(), one.thread()));
        heard.forEach(one -> assertEquals("phone1", one.phone()));
        assertEquals(heard.stream().map(Heard::event).toList(), eventAdmin.records());
        eventAdmin.events().forEach(event -> assertEquals(true, event.getProperty(EventProperties.HEARD)));
    }

    @Test
    void anEventNoListenerHeardIsPostedWithoutTheMark() {
        start();

        softphone.report(new CallManagerConnected());

        Event posted = eventAdmin.events().get(0);
        assertEquals(new CallManagerConnected(), posted.getProperty(EventProperties.EVENT));
        assertNull(posted.getProperty(EventProperties.HEARD));
    }

    @Test
    void aFailingListenerStopsNeitherThePhoneNorTheOtherListeners() {
        listeners.add((event, timestamp, phone) -> {
            throw new IllegalStateException("broken listener");
        });
        List<Heard> heard = listen();
        start();
        heard.clear();

        softphone.report(new CallManagerConnected());

        assertEquals(List.of(new CallManagerConnected()), heard.stream().map(Heard::event).toList());
        assertEquals(List.of(new CallManagerConnected()), eventAdmin.records());
    }

    @Test
    void audioLevelReadingsGoToEventAdminOnly() {
        List<Heard> heard = listen();
        start();
        heard.clear();
        AudioLevelUpdate reading = new AudioLevelUpdate(new CallRef(7), -20, -30);

        softphone.report(reading);

        assertEquals(List.of(), heard);
        assertEquals(List.of(reading), eventAdmin.records());
        assertNull(eventAdmin.events().get(0).getProperty(EventProperties.HEARD));
    }

    @Test
    void aListenerRemovedHearsNoMore() {
        List<Heard> heard = new ArrayList<>();
        PhoneEventListener listener = (event, timestamp, phone) -> heard.add(new Heard(event, phone, null, 0));
        listeners.add(listener);
        start();
        listeners.remove(listener);
        heard.clear();

        softphone.report(new CallManagerConnected());

        assertEquals(List.of(), heard);
        assertNull(eventAdmin.events().get(0).getProperty(EventProperties.HEARD));
    }
}
