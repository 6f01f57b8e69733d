package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.LevelListener;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.RtpSessionConfig;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.media.WavFileSource;
import io.vtgoconnect.media.WavRecorder;
import io.vtgoconnect.sipstack.MediaAgreement;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.osgi.service.log.Logger;

/**
 * What the phone's calls share for their audio: the RTP engine and port range, the speaker and
 * microphone volumes and mute, what the phone says (its media source) and where it records. The
 * engine may be the runtime's, shared with other phones: the phone keeps its own calls' media and
 * closes only those.
 */
final class PhoneMedia implements AutoCloseable {
    private static final int TONE_AMPLITUDE = 8000;

    /** Opens the calls' RTP sessions; its threads run only while a call (of any phone sharing it) has media. */
    private final MediaEngine engine;
    /** The media of this phone's calls not closed yet, which {@link #close} ends. */
    private final Set<CallMedia> opened = ConcurrentHashMap.newKeySet();
    private final RtpSessionConfig config;
    private final Callable<AudioSource> voice;
    private final Optional<Path> recordings;
    /**
     * The rate of the phone's voice, recordings and conferences: a file's own, else 16 kHz when a
     * wideband codec is configured (so that nothing is lost to it), else 8 kHz.
     */
    private final int sampleRate;
    private CallMedia.PhoneAudio audio = CallMedia.PhoneAudio.DEFAULT;
    /** The calls' media log here. */
    private final Logger callMediaLog;

    private PhoneMedia(MediaEngine engine, RtpSessionConfig config, Callable<AudioSource> voice, Optional<Path> recordings,
            int sampleRate, Logger callMediaLog) {
        this.engine = engine;
        this.callMediaLog = callMediaLog;
        this.config = config;
        this.voice = voice;
        this.recordings = recordings;
        this.sampleRate = sampleRate;
    }

    /** The media of the configured phone; ERROR_PHONE_NOT_FOUND when its media source or recording folder cannot be used. */
    static PhoneMedia of(PhoneSettings settings, InetAddress local, MediaEngine engine, Logger callMediaLog) {
        RtpSessionConfig config = RtpSessionConfig.defaults().withLocalAddress(local)
                .withPortRange(settings.rtp_port_min(), settings.rtp_port_max());
        int codecRate = Arrays.stream(settings.codecs()).flatMap(name -> AudioCodec.named(name).stream())
                .mapToInt(AudioCodec::sampleRate).max().orElse(MediaEngine.SAMPLE_RATE);
        Callable<AudioSource> voice = voiceOf(settings.media_source().strip(), codecRate);
        int sampleRate;
        try {
            sampleRate = voice.call().sampleRate();
        } catch (Exception e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "The media source \"" + settings.media_source()
                    + "\" cannot be played: " + e.getMessage() + ".");
        }
        Optional<Path> recordings = Optional.of(settings.recording_folder().strip()).filter(folder -> !folder.isEmpty())
                .map(Path::of);
        if (recordings.isPresent()) {
            try {
                Files.createDirectories(recordings.get());
            } catch (IOException e) {
                throw new CommandException(ERROR_PHONE_NOT_FOUND, "The recording folder " + recordings.get()
                        + " cannot be made: " + e.getMessage() + ".");
            }
        }
        return new PhoneMedia(engine, config, voice, recordings, sampleRate, callMediaLog);
    }

    /** silence, tone:F[+F...] (hertz, at the sample rate given), or file:PATH (played in a loop). */
    private static Callable<AudioSource> voiceOf(String setting, int sampleRate) {
        if (setting.isEmpty() || setting.equals("silence")) {
            return () -> AudioSource.silence(sampleRate);
        }
        if (setting.startsWith("tone:")) {
            int[] frequencies = Arrays.stream(setting.substring("tone:".length()).split("\\+")).map(String::strip)
                    .mapToInt(Integer::parseInt).toArray();
            return () -> ToneSource.at(sampleRate, TONE_AMPLITUDE, frequencies);
        }
        if (setting.startsWith("file:")) {
            Path file = Path.of(setting.substring("file:".length()).strip());
            return () -> WavFileSource.open(file, true);
        }
        return () -> {
            throw new IllegalArgumentException("it is none of silence, tone:HZ or file:PATH");
        };
    }

    /**
     * A new RTP session for the call, saying the phone's voice, as agreed so far (an outgoing call's
     * first choice until the answer); {@code failure} is the code when no port is free.
     */
    CallMedia open(CallRef ref, MediaAgreement agreed, DtmfListener digits, LevelListener levels, ErrorCode failure) {
        try {
            WavRecorder recorder = recordings.isEmpty() ? null
                    : new WavRecorder(recordings.get().resolve("call-" + ref + ".wav"), sampleRate);
            CallMedia media = CallMedia.open(engine, config, agreed,
                    new CallMedia.Voice(voice.call(), recorder), digits, levels, callMediaLog, opened::remove);
            opened.add(media);
            media.apply(audio);
            return media;
        } catch (IOException e) {
            throw new CommandException(failure, "No RTP port is free from " + config.minPort() + " to "
                    + config.maxPort() + ", or the recording cannot be written: " + e.getMessage() + ".");
        } catch (Exception e) {
            throw new CommandException(failure, "The media source cannot be played: " + e.getMessage() + ".");
        }
    }

    /** The rate of the phone's voice and recordings, at which its conferences mix. */
    int sampleRate() {
        return sampleRate;
    }

    CallMedia.PhoneAudio audio() {
        return audio;
    }

    /** Changes the volumes or mute; the caller applies the result to the calls. */
    CallMedia.PhoneAudio change(UnaryOperator<CallMedia.PhoneAudio> change) {
        audio = change.apply(audio);
        return audio;
    }

    /** Closes the media of the calls still open; called once the phone's worker, which opens them, has stopped. */
    @Override
    public void close() {
        List.copyOf(opened).forEach(CallMedia::close);
    }
}
