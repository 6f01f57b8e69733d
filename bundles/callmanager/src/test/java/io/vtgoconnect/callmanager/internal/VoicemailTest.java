package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.ToneMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callers leave messages in the voicemail of the line they were meant for; its owner hears them and its phones are told. */
class VoicemailTest {
    /** What the caller says, and the server's greeting. */
    private static final int VOICE_HZ = 1000;
    private static final int GREETING_HZ = 440;
    /** One second of G.711 audio. */
    private static final int SECOND_BYTES = 8000;

    @TempDir
    Path mailboxes;
    @TempDir
    Path recordings;

    @Test
    void aCallDivertedToVoicemailLeavesAMessageThatTheOwnerHears() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer("voicemail_folder", mailboxes.toString());
                RegisteredPhone a = server.phone("2001", "media_source", "tone:" + VOICE_HZ, "recording_folder",
                        recordings.resolve("2001").toString());
                RegisteredPhone b = server.phone("2002", "voicemail_pilot", "6000", "recording_folder",
                        recordings.resolve("2002").toString())) {
            CallRef call = a.phone.dial(1, "2002");
            IncomingCall ringing = b.events.await(IncomingCall.class);
            b.phone.softkey(Softkey.IDIVERT, 1, ringing.callRef());
            a.await(call, LineState.CONNECTED);
            leaveMessage(a, call);

            String waiting = server.awaitMessageWaiting("2002", "Messages-Waiting: yes");
            assertTrue(waiting.contains("Voice-Message: 1/0 (0/0)"), waiting);
            ToneMeter heardByA = ToneMeter.of(recordings.resolve("2001").resolve("call-" + call + ".wav"));
            assertTrue(heardByA.somewhereHolds(200, 0.5, GREETING_HZ), "2001 heard the greeting");
            Path message = mailboxes.resolve("2002").resolve("msg0001.wav");
            assertTrue(ToneMeter.of(message).somewhereHolds(500, 0.5, VOICE_HZ), "the message holds what 2001 said");

            CallRef listening = b.phone.dial(1, "6000");
            b.await(listening, LineState.CONNECTED);
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(listening));
            ToneMeter heardByB = ToneMeter.of(recordings.resolve("2002").resolve("call-" + listening + ".wav"));
            assertTrue(heardByB.somewhereHolds(500, 0.5, VOICE_HZ), "2002 heard the message");
            waiting = server.awaitMessageWaiting("2002", "Messages-Waiting: no");
            assertTrue(waiting.contains("Voice-Message: 0/1 (0/0)"), waiting);
            assertEquals(List.of("msg0001-heard.wav"), messagesOf("2002"));
        }
    }

    @Test
    void aCallTransferredToVoicemailLeavesTheMessageForTheTransferor() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer("voicemail_folder", mailboxes.toString());
                RegisteredPhone a = server.phone("2001", "media_source", "tone:" + VOICE_HZ);
                RegisteredPhone b = server.phone("2002", "voicemail_pilot", "6000")) {
            CallRef[] call = a.callAndAnswer(b);
            b.phone.softkey(Softkey.TRANSFERVMAIL, 1, call[1]);
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call[1]));
            leaveMessage(a, call[0]);

            server.awaitMessageWaiting("2002", "Messages-Waiting: yes");
            assertTrue(ToneMeter.of(mailboxes.resolve("2002").resolve("msg0001.wav")).somewhereHolds(500, 0.5, VOICE_HZ));
        }
    }

    @Test
    void hangingUpDuringTheGreetingLeavesNoMessage() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer("voicemail_folder", mailboxes.toString());
                RegisteredPhone a = server.phone("2001", "media_source", "tone:" + VOICE_HZ);
                RegisteredPhone b = server.phone("2002", "voicemail_pilot", "6000")) {
            CallRef hungUp = a.phone.dial(1, "2002");
            b.phone.softkey(Softkey.IDIVERT, 1, b.events.await(IncomingCall.class).callRef());
            a.await(hungUp, LineState.CONNECTED);
            CallStatistics.await(a.phone, hungUp, stats -> stats.received() >= SECOND_BYTES / 10);
            a.phone.hangUp(hungUp);
            a.await(LineState.IDLE);

            CallRef message = a.phone.dial(1, "2002");
            b.phone.softkey(Softkey.IDIVERT, 1, b.events.await(IncomingCall.class).callRef());
            a.await(message, LineState.CONNECTED);
            leaveMessage(a, message);

            server.awaitNoCalls();
            assertEquals(List.of("msg0001.wav"), messagesOf("2002"));
            assertTrue(ToneMeter.of(mailboxes.resolve("2002").resolve("msg0001.wav")).somewhereHolds(500, 0.5, VOICE_HZ));
        }
    }

    /** The caller waits out the greeting, speaks for two seconds and hangs up. */
    private static void leaveMessage(RegisteredPhone caller, CallRef call) {
        CallStatistics.await(caller.phone, call, stats -> stats.received() >= SECOND_BYTES && stats.sent() >= 3 * SECOND_BYTES);
        caller.phone.hangUp(call);
        caller.await(LineState.IDLE);
    }

    private List<String> messagesOf(String mailbox) throws Exception {
        try (Stream<Path> files = Files.list(mailboxes.resolve(mailbox))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
