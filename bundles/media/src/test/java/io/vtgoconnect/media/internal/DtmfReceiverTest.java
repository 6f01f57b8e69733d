package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.media.MediaEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfReceiverTest {
    private final StringBuilder digits = new StringBuilder();
    private final DtmfReceiver receiver = new DtmfReceiver(digits::append);

    @Test
    void reportsEachEventOnceThroughDuplicatesAndRetransmittedEnds() {
        for (DtmfSender.Step step : stepsOf("2004#")) {
            receiver.accept(step.timestamp(), step.event());
            receiver.accept(step.timestamp(), step.event());
        }
        assertEquals("2004#", digits.toString());
    }

    @Test
    void reportsAnEventWhoseFirstPacketsWereLost() {
        List<DtmfSender.Step> steps = stepsOf("7");
        steps.subList(4, steps.size()).forEach(step -> receiver.accept(step.timestamp(), step.event()));
        assertEquals("7", digits.toString());
    }

    @Test
    void ignoresAPacketOfAnEarlierEventArrivingLate() {
        receiver.accept(1000, new TelephoneEvent(1, false, 10, 160));
        receiver.accept(2000, new TelephoneEvent(2, false, 10, 160));
        receiver.accept(1000, new TelephoneEvent(1, true, 10, 800));
        assertEquals("12", digits.toString());
    }

    @Test
    void followsTimestampsAcrossTheirWrapAround() {
        receiver.accept(0xFFFFFF00L, new TelephoneEvent(3, false, 10, 160));
        receiver.accept(0x00000100L, new TelephoneEvent(4, false, 10, 160));
        assertEquals("34", digits.toString());
    }

    @Test
    void startsOverForANewStream() {
        receiver.accept(500, new TelephoneEvent(9, false, 10, 160));
        receiver.reset();
        receiver.accept(500, new TelephoneEvent(9, false, 10, 160));
        assertEquals("99", digits.toString());
    }

    private static List<DtmfSender.Step> stepsOf(String sent) {
        DtmfSender sender = new DtmfSender(MediaEngine.FRAME_SAMPLES);
        sender.enqueue(sent);
        List<DtmfSender.Step> steps = new ArrayList<>();
        for (long timestamp = 0; timestamp < 100 * 160; timestamp += 160) {
            DtmfSender.Step step = sender.next(timestamp);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }
}
