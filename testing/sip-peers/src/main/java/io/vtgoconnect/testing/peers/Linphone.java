package io.vtgoconnect.testing.peers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * linphone-daemon (Debian package linphone-cli) as a far end: a real SIP phone registered with the
 * test's registrar (Kamailio, or the embedded call server), on loopback, driven through its standard input (resource peers/linphonerc).
 * Calls are named by the daemon's call ids (1, 2, ...). It sends back the audio it receives.
 *
 * <p>Standard input rather than the daemon's {@code --pipe} socket: with a socket client it only
 * queues events (to be fetched with pop-event) and prints no call-stats events.
 */
public final class Linphone implements AutoCloseable {
    /** Away from the softphones under test, which use 16000-17998. */
    private static final String RTP_PORTS = "18000-18998";
    private static final int ANSWER_SECONDS = 30;
    /** A start takes well under a second on a quiet machine (media and sound setup), and a few on a loaded one. */
    private static final int STARTED_SECONDS = 20;
    private static final int STARTS = 2;
    private static final Pattern SIP_USER = Pattern.compile("sip:([^@;>]+)@");

    private final String user;
    private final BlockingQueue<DaemonMessage> responses = new LinkedBlockingQueue<>();
    private final DaemonEvents events = new DaemonEvents();
    private final AtomicInteger starts = new AtomicInteger();
    private final PeerProcess process;

    /** Starts linphone-daemon and registers the user, with password "secret-" + user, at the registrar's loopback port. */
    public Linphone(String user, int registrarPort) {
        this(user, registrarPort, Media.ANY);
    }

    /**
     * What linphone offers and accepts: one audio codec as linphone names it ({@code G722/8000/1},
     * {@code opus/48000/2}; null: all it has, the echo in PCMU), and SRTP (SDES) off, optional or mandatory.
     */
    public record Media(String codec, Encryption encryption) {
        public static final Media ANY = new Media(null, Encryption.NONE);
    }

    /** linphone's media encryption policy, as its [sip] media_encryption and media_encryption_mandatory say. */
    public enum Encryption {
        NONE("none", 0), SRTP("srtp", 0), SRTP_MANDATORY("srtp", 1);

        private final String policy;
        private final int mandatory;

        Encryption(String policy, int mandatory) {
            this.policy = policy;
            this.mandatory = mandatory;
        }
    }

    /** Starts linphone-daemon with the media given and registers the user, as {@link #Linphone(String, int)} does. */
    public Linphone(String user, int registrarPort, Media media) {
        this.user = user;
        process = startDaemon(media);
        try {
            if (media.codec() != null) {
                command("audio-codec-disable ALL");
                command("audio-codec-enable " + media.codec());
            }
            register(registrarPort);
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
    }

    /**
     * Starts the daemon and waits until it answers a first command. Once in many starts (seen in CI)
     * the daemon answered nothing at all, before it had sent or received anything over SIP: such a
     * start is ended and the daemon started again, once.
     */
    private PeerProcess startDaemon(Media media) {
        List<Path> logs = new ArrayList<>();
        for (int attempt = 1; attempt <= STARTS; attempt++) {
            int start = starts.incrementAndGet();
            Path home = home(user);
            PeerProcess daemon = new PeerProcess("linphone-" + user, List.of(PeerProcess.binary("linphone-daemon", "linphone-cli"),
                    "--config", config(home, media).toString(), "--log", home.resolve("linphone.log").toString()),
                    // Its history and data files go to HOME.
                    Map.of("HOME", home.toString()),
                    // What an abandoned start prints late must not be taken for the next one's answers.
                    new DaemonOutput(message -> {
                        if (starts.get() == start) {
                            received(message);
                        }
                    }));
            // A command whose answer ends with a blank line, so it is read before another command is sent.
            daemon.send("audio-codec-get");
            if (nextResponse(STARTED_SECONDS) != null) {
                return daemon;
            }
            daemon.close();
            logs.add(daemon.log());
        }
        return fail("linphone-daemon answered nothing within " + STARTED_SECONDS + " s of starting, " + STARTS
                + " times; see " + logs);
    }

    private static Path home(String user) {
        try {
            Files.createDirectories(PeerProcess.OUTPUT);
            return Files.createTempDirectory(PeerProcess.OUTPUT, "linphone-" + user + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path config(Path home, Media media) {
        try (InputStream template = Linphone.class.getResourceAsStream("/peers/linphonerc")) {
            String text = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@MEDIA_ENCRYPTION@", media.encryption().policy)
                    .replace("@MEDIA_ENCRYPTION_MANDATORY@", Integer.toString(media.encryption().mandatory))
                    .replace("@RTP_MAP@", media.codec() == null ? "pcmu/8000/1" : media.codec())
                    .replace("@SIP_PORT@", Integer.toString(FreePorts.udpAndTcp()))
                    .replace("@RTP_PORTS@", RTP_PORTS)
                    .replace("@ECHO_PORT@", Integer.toString(FreePorts.udpAndTcp()));
            return Files.writeString(home.resolve("linphonerc"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void received(DaemonMessage message) {
        if (message.isResponse()) {
            responses.add(message);
        } else {
            events.add(message);
        }
    }

    private void register(int registrarPort) {
        // Identity, proxy, password, authentication user and realm (NULL: any).
        String account = command("register sip:" + user + "@127.0.0.1 sip:127.0.0.1:" + registrarPort + " "
                + Kamailio.password(user) + " " + user + " NULL").get("Id");
        // The daemon reports no registration events: its status is asked until it shows.
        process.awaitReady("linphone-daemon's registration of " + user,
                () -> command("register-status " + account).get("State").equals("LinphoneRegistrationOk"));
    }

    /** Calls the number through the registrar it registered with. @return the new call's id */
    public int call(String number) {
        return Integer.parseInt(command("call " + address(number)).get("Id"));
    }

    public void answer(int call) {
        command("answer " + call);
    }

    public void hangUp(int call) {
        command("terminate " + call);
    }

    /** Holds the call (re-INVITE with the media sendonly). */
    public void pause(int call) {
        command("call-pause " + call);
    }

    public void resume(int call) {
        command("call-resume " + call);
    }

    /** One-step transfer: sends the far end a REFER to the number. */
    public void transfer(int call, String number) {
        command("call-transfer " + call + " " + address(number));
    }

    /** Sends the digit (0-9, *, #, A-D) on the current call, as an RFC 4733 telephone event. */
    public void sendDtmf(char digit) {
        command("dtmf " + digit);
    }

    /** The user part of the call's remote address, e.g. the number a referred call went to. */
    public String otherParty(int call) {
        String remote = command("call-status " + call).get("From");
        Matcher user = SIP_USER.matcher(remote);
        return user.find() ? user.group(1) : fail("No SIP user in the remote address \"" + remote + "\" of call " + call);
    }

    /** Waits for any call to reach the state, e.g. an incoming call or a call started by a REFER. @return its id */
    public int awaitCall(CallState state) {
        return Integer.parseInt(awaitEvent("call reaching " + state, state::isIn).get("Id"));
    }

    public void awaitState(int call, CallState state) {
        awaitEvent("call " + call + " reaching " + state, event -> state.isIn(event) && isOfCall(event, call));
    }

    /** Waits for the next digits received, one event each (RFC 4733 or SIP INFO). */
    public String awaitDigits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(awaitEvent("received DTMF digit " + (i + 1) + " of " + count + " (after \"" + digits + "\")",
                    event -> event.isEvent("receiving-tone")).get("Tone"));
        }
        return digits.toString();
    }

    /**
     * Waits until the call's audio statistics show received audio in the jitter buffer. The daemon
     * prints them as call-stats events when RTCP comes or goes; its call-stats command crashes it.
     */
    public void awaitAudioReceived(int call) {
        awaitEvent("audio received on call " + call, event -> event.isEvent("call-stats") && isOfCall(event, call)
                && event.get("Type").equals("Audio") && Double.parseDouble(event.get("JitterBufferSizeMs")) > 0);
    }

    private DaemonMessage awaitEvent(String what, Predicate<DaemonMessage> matching) {
        return events.await(what + " (see " + process.log() + ")", matching);
    }

    private static boolean isOfCall(DaemonMessage event, int call) {
        return event.get("Id").equals(Integer.toString(call));
    }

    private static String address(String number) {
        return "sip:" + number + "@127.0.0.1";
    }

    /**
     * Sends a command to the started daemon and returns its response, which must be Ok. Commands are
     * answered in turn; a loaded 2-core machine can delay one by seconds: hence the generous deadline.
     */
    private synchronized DaemonMessage command(String line) {
        process.send(line);
        DaemonMessage response = nextResponse(ANSWER_SECONDS);
        if (response == null) {
            return fail("linphone-daemon did not answer \"" + line + "\" within " + ANSWER_SECONDS + " s; see " + process.log());
        }
        if (!response.get(DaemonMessage.STATUS).equals("Ok")) {
            return fail("linphone-daemon refused \"" + line + "\": " + response.get("Reason"));
        }
        return response;
    }

    /** The next response, or null if none comes within the time. */
    private DaemonMessage nextResponse(int seconds) {
        try {
            return responses.poll(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("Interrupted");
        }
    }

    /** Ends the daemon at once, calls and all (by signal: the end of its input would make it abort). */
    @Override
    public void close() {
        process.close();
    }

    /** The call states of the daemon's call-state-changed events, which name them LinphoneCall + name. */
    public enum CallState {
        INCOMING_RECEIVED("IncomingReceived"),
        OUTGOING_RINGING("OutgoingRinging"),
        STREAMS_RUNNING("StreamsRunning"),
        PAUSED("Paused"),
        PAUSED_BY_REMOTE("PausedByRemote"),
        /** Sic: the daemon spells it so. */
        REFERRED("Refered"),
        END("End");

        private final String daemonName;

        CallState(String name) {
            this.daemonName = "LinphoneCall" + name;
        }

        boolean isIn(DaemonMessage event) {
            return event.isEvent("call-state-changed") && event.get("Event").equals(daemonName);
        }
    }
}
