package io.vtgoconnect.callmanager.internal.voicemail;

import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.media.WavFileSource;
import io.vtgoconnect.media.WavRecorder;
import io.vtgoconnect.sipstack.SerialWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The voicemail pilot: a call diverted or transferred here leaves a message in the mailbox of the
 * line it was meant for; the owner of a mailbox calling the pilot hears the messages not yet
 * heard, oldest first. Both hear a short tone first. Every directory line has a mailbox. Runs on
 * the server's worker.
 */
public final class Voicemail implements NumberService {
    private static final int GREETING_MILLIS = 1000;
    private static final int GREETING_HZ = 440;
    private static final int TONE_AMPLITUDE = 8000;
    /** The WAV header: a recording no longer than this holds no audio. */
    private static final int EMPTY_WAV_BYTES = 44;

    private final Switchboard board;
    private final SerialWorker worker;
    private final Directory directory;
    private final Mailboxes mailboxes;
    private final MessageWaiting messageWaiting;
    private final String pilot;
    private final long maxMessageMillis;
    private final Logger log;

    /** @throws IllegalArgumentException when the longest message is not at least one second */
    public Voicemail(Switchboard board, SerialWorker worker, Directory directory, Mailboxes mailboxes,
            MessageWaiting messageWaiting, String pilot, int maxMessageSeconds, LoggerFactory logs) {
        if (maxMessageSeconds < 1) {
            throw new IllegalArgumentException("voicemail.max.seconds " + maxMessageSeconds + " must be at least 1 second");
        }
        this.board = board;
        this.worker = worker;
        this.directory = directory;
        this.mailboxes = mailboxes;
        this.messageWaiting = messageWaiting;
        this.pilot = pilot;
        this.maxMessageMillis = maxMessageSeconds * 1000L;
        this.log = logs.getLogger(Voicemail.class);
    }

    @Override
    public boolean handles(String number) {
        return number.equals(pilot);
    }

    @Override
    public void take(Leg caller, String number, Optional<String> divertedFrom) {
        String mailbox = divertedFrom.orElse(caller.number());
        if (directory.line(mailbox).isEmpty()) {
            board.reject(caller, Response.NOT_FOUND);
            return;
        }
        caller.wire(new ToneSource(TONE_AMPLITUDE, GREETING_HZ), AudioSink.discard());
        board.answer(caller);
        Runnable afterGreeting = divertedFrom.isPresent() ? () -> record(caller, mailbox) : () -> playBack(caller, mailbox);
        worker.schedule(() -> {
            if (!caller.isEnded()) {
                afterGreeting.run();
            }
        }, GREETING_MILLIS);
    }

    /** What the caller says goes into a new message until it hangs up, or the longest message is reached. */
    private void record(Leg caller, String mailbox) {
        Path message;
        WavRecorder recorder;
        try {
            message = mailboxes.nextMessage(mailbox);
            recorder = new WavRecorder(message);
        } catch (IOException e) {
            log.warn("No message can be recorded in mailbox {}: {}", mailbox, e.getMessage());
            board.hangUp(caller);
            return;
        }
        caller.wire(AudioSource.silence(), recorder);
        caller.progress(new Leg.Progress() {
            @Override
            public void ended(Leg leg) {
                keep(message, recorder, mailbox);
            }
        });
        worker.schedule(() -> board.hangUp(caller), maxMessageMillis);
    }

    private void keep(Path message, WavRecorder recorder, String mailbox) {
        try {
            recorder.close();
            if (Files.size(message) <= EMPTY_WAV_BYTES) {
                Files.delete(message);
                return;
            }
        } catch (IOException e) {
            log.warn("The message {} could not be kept: {}", message, e.getMessage());
            try {
                Files.deleteIfExists(message);
            } catch (IOException alsoFailed) {
                // A broken file is left behind; it plays as what could be written.
                log.warn("The broken message {} could not be removed: {}", message, alsoFailed.getMessage());
            }
            return;
        }
        messageWaiting.update(mailbox);
    }

    /**
     * Plays the messages not yet heard, then marks them heard and hangs up. A listener who hangs
     * up before the end finds them all still new.
     */
    private void playBack(Leg caller, String mailbox) {
        List<Path> messages;
        List<WavFileSource> sounds = new ArrayList<>();
        try {
            messages = mailboxes.unheard(mailbox);
            for (Path message : messages) {
                sounds.add(WavFileSource.open(message, false));
            }
        } catch (IOException e) {
            log.warn("The messages of mailbox {} cannot be played: {}", mailbox, e.getMessage());
            board.hangUp(caller);
            return;
        }
        caller.wire(new Playlist(sounds, () -> worker.execute(() -> heard(caller, mailbox, messages))), AudioSink.discard());
    }

    private void heard(Leg caller, String mailbox, List<Path> messages) {
        if (caller.isEnded()) {
            return;
        }
        try {
            for (Path message : messages) {
                mailboxes.markHeard(message);
            }
        } catch (IOException e) {
            // What could not be marked stays new, and message waiting says so.
            log.warn("Messages of mailbox {} not marked heard: {}", mailbox, e.getMessage());
        }
        messageWaiting.update(mailbox);
        board.hangUp(caller);
    }
}
