package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.media.MediaEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfSenderTest {
    @Test
    void sendsStartUpdatesAndThreeEndPacketsWithOneTimestamp() {
        DtmfSender sender = new DtmfSender(MediaEngine.FRAME_SAMPLES);
        sender.enqueue("5");
        List<DtmfSender.Step> steps = new ArrayList<>();
        for (long timestamp = 1000; steps.size() < 7; timestamp += 160) {
            steps.add(sender.next(timestamp));
        }
        assertTrue(steps.get(0).marker());
        for (int i = 0; i < 7; i++) {
            DtmfSender.Step step = steps.get(i);
            assertEquals(1000, step.timestamp());
            assertEquals(5, step.event().event());
            assertEquals(i == 0, step.marker());
            assertEquals(i >= 4, step.event().end(), "end bit of packet " + i);
            assertEquals(Math.min(i + 1, 5) * 160, step.event().duration());
            assertEquals(10, step.event().volume());
        }
        for (int i = 0; i < 4; i++) {
            assertNull(sender.next(0), "audio between and after digits");
        }
    }

    @Test
    void sendsQueuedDigitsInOrderWithAPauseBetween() {
        DtmfSender sender = new DtmfSender(MediaEngine.FRAME_SAMPLES);
        sender.enqueue("20");
        sender.enqueue("4#d");
        StringBuilder digits = new StringBuilder();
        for (long timestamp = 0; timestamp < 100 * 160; timestamp += 160) {
            DtmfSender.Step step = sender.next(timestamp);
            if (step != null && step.marker()) {
                digits.append(step.event().digit());
            }
        }
        assertEquals("204#D", digits.toString());
    }

    @Test
    void refusesAStringWithANonDigitAndQueuesNothingOfIt() {
        DtmfSender sender = new DtmfSender(MediaEngine.FRAME_SAMPLES);
        assertThrows(IllegalArgumentException.class, () -> sender.enqueue("12x"));
        assertNull(sender.next(0));
    }

    @Test
    void mapsDigitsToEventCodes() throws MalformedPacketException {
        assertEquals(0, TelephoneEvent.eventCode('0'));
        assertEquals(10, TelephoneEvent.eventCode('*'));
        assertEquals(11, TelephoneEvent.eventCode('#'));
        assertEquals(12, TelephoneEvent.eventCode('a'));
        assertEquals(15, TelephoneEvent.eventCode('D'));
        assertEquals(-1, TelephoneEvent.eventCode('E'));
        TelephoneEvent flash = new TelephoneEvent(16, true, 10, 800);
        assertFalse(flash.isDigit());
        assertEquals(flash, TelephoneEvent.parse(flash.toBytes()));
    }
}
