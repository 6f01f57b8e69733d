package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipdns.SipTransport;
import io.vtgoconnect.sipstack.SipTransportKind;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pure parts: status to state, refresh timing, speed dials, a line's registrar and text. */
class SmallPartsTest {
    @Test
    void finalStatusesMapToTheManualsStates() {
        assertEquals(LineState.BUSY, FinalResponses.stateOf(486));
        assertEquals(LineState.BUSY, FinalResponses.stateOf(600));
        assertEquals(LineState.INVALID_NUMBER, FinalResponses.stateOf(404));
        assertEquals(LineState.INVALID_NUMBER, FinalResponses.stateOf(484));
        assertEquals(LineState.CONGESTION, FinalResponses.stateOf(503));
        assertEquals(LineState.CONGESTION, FinalResponses.stateOf(408));
        assertEquals(LineState.CONGESTION, FinalResponses.stateOf(500));
    }

    @Test
    void registrationsAreRefreshedBeforeTheyExpire() {
        assertEquals(1000, Registration.refreshDelayMillis(2));
        assertEquals(60_000, Registration.refreshDelayMillis(120));
        assertEquals(3_540_000, Registration.refreshDelayMillis(3600));
    }

    @Test
    void keepAlivesFollowEachOtherAfter80To100PercentOfTheIntervalSoThatAFarmsLinesSpreadOut() {
        Random random = new Random(5626);
        List<Long> delays = IntStream.range(0, 1000).mapToObj(i -> Registration.keepAliveDelayMillis(30, random)).toList();
        assertTrue(delays.stream().allMatch(delay -> delay >= 24_000 && delay <= 30_000), delays.toString());
        assertTrue(delays.stream().anyMatch(delay -> delay < 25_000) && delays.stream().anyMatch(delay -> delay > 29_000),
                "spread over the whole range: " + delays);
    }

    @Test
    void speedDialsTakeTheButtonsAfterTheLinesAndABlankOneIsAnUnassignedButton() {
        assertEquals(List.of(new SpeedDialUpdate(1, "2004", "Reception", 3), new SpeedDialUpdate(2, "", "", 4),
                new SpeedDialUpdate(3, "9000", "", 5)), SpeedDials.of(new String[] {"2004|Reception", " ", "9000"}, 2));
    }

    @Test
    void aSipsRegistrarIsReachedOverTlsOnPort5061WhateverTheTransportSetting() {
        SipLine line = Configs.line("2001", "", "SIPS:127.0.0.1", "transport", SipTransportKind.UDP).line();

        assertTrue(line.secure());
        assertEquals(SipTransportKind.TLS, line.transport());
        assertEquals(5061, line.registrarPort().getAsInt());
        assertFalse(Configs.line("2001", "", "127.0.0.1", "transport", SipTransportKind.TLS).line().secure());
    }

    @Test
    void anOutboundProxyIsAHostNameOrAddressWithAPortAndTheLinesTransport() {
        assertEquals(Optional.of(new SipDestination("edge.test", 5070, SipTransport.TCP, false)),
                SipLine.outboundProxy(" edge.test:5070;transport=tcp ", SipTransportKind.TCP));
        assertEquals(Optional.of(new SipDestination("127.0.0.1", 0, SipTransport.UDP, false)),
                SipLine.outboundProxy("127.0.0.1", SipTransportKind.UDP));
        assertEquals(Optional.empty(), SipLine.outboundProxy(" ", SipTransportKind.UDP));
        IllegalArgumentException otherTransport = assertThrows(IllegalArgumentException.class,
                () -> SipLine.outboundProxy("edge.test;transport=tcp", SipTransportKind.UDP));
        assertEquals("the outbound proxy's transport, tcp, is not the line's, udp", otherTransport.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SipLine.outboundProxy("edge test:99999", SipTransportKind.UDP));
    }

    @Test
    void aLineNeverShowsItsPassword() {
        SipLine line = Configs.line("2001", "hunter2", 5060).line();

        assertFalse(line.toString().contains("hunter2"), line.toString());
        assertEquals("2001", line.authUser());
    }
}
