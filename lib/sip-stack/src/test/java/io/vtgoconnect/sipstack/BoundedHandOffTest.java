package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.message.Message;
import org.junit.jupiter.api.Test;

/** Messages handed to a worker that has not yet taken any (its tasks wait in a queue until the test runs them). */
class BoundedHandOffTest {
    private final Queue<Runnable> workerQueue = new ArrayDeque<>();
    private final AtomicInteger handled = new AtomicInteger();
    private final BoundedHandOff handOff = new BoundedHandOff(20, workerQueue::add, "127.0.0.1:5060");

    @Test
    void newRequestsTakeThreeQuartersOfTheRoomAndWhatIsUnderWayTheRest() throws ParseException {
        offer(40, request("OPTIONS"));
        assertEquals(15, handOff.waiting(), "new requests are let wait up to three quarters of 20");
        offer(3, request("BYE"));
        offer(10, response());
        assertEquals(20, handOff.waiting(), "responses and in-dialog requests fill the last quarter");
        offer(5, request("ACK"));
        assertEquals(25 + 8 + 5, handOff.dropped(), "25 OPTIONS, 8 responses and 5 ACKs found no room");
        assertEquals(20, workerQueue.size());
    }

    @Test
    void aMessageHandledMakesRoomForTheNext() throws ParseException {
        offer(15, request("INVITE"));
        offer(1, request("INVITE"));
        assertEquals(1, handOff.dropped());
        workerQueue.poll().run();
        assertEquals(14, handOff.waiting());
        offer(1, request("INVITE"));
        assertEquals(15, handOff.waiting());
        assertEquals(1, handOff.dropped());
        while (!workerQueue.isEmpty()) {
            workerQueue.poll().run();
        }
        assertEquals(0, handOff.waiting());
        assertEquals(16, handled.get());
    }

    @Test
    void aTaskThatFailsStillMakesRoom() throws ParseException {
        handOff.handOff(request("OPTIONS"), () -> {
            throw new IllegalStateException("handling failed");
        });
        assertThrows(IllegalStateException.class, () -> workerQueue.poll().run());
        assertEquals(0, handOff.waiting());
    }

    @Test
    void fewerThanTheIntakesFewestIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BoundedHandOff(BoundedUdpIntake.FEWEST_WAITING - 1, workerQueue::add, "127.0.0.1:5060"));
    }

    private void offer(int times, Message message) {
        for (int i = 0; i < times; i++) {
            handOff.handOff(message, handled::incrementAndGet);
        }
    }

    private static Message request(String method) throws ParseException {
        return new MessageFactoryImpl().createRequest(method + " sip:2001@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <sip:peer@127.0.0.1>;tag=1\r\nTo: <sip:2001@127.0.0.1>\r\nCall-ID: c1\r\n"
                + "CSeq: 1 " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    private static Message response() throws ParseException {
        return new MessageFactoryImpl().createResponse("SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK2\r\n"
                + "From: <sip:2001@127.0.0.1>;tag=2\r\nTo: <sip:peer@127.0.0.1>;tag=3\r\nCall-ID: c2\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    }
}
