package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.Station;
import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.Gain;
import io.vtgoconnect.media.LevelListener;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.MediaStatistics;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
import io.vtgoconnect.media.WavRecorder;
import io.vtgoconnect.sipstack.MediaAgreement;
import io.vtgoconnect.sipstack.NegotiatedRtp;
import io.vtgoconnect.sipstack.SessionDescription;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.osgi.service.log.Logger;

/**
 * The RTP session of one call, kept in line with what the SDP offer and answer agreed: it says
 * the phone's voice, records what it hears when the phone records, and tells of digits received.
 */
final class CallMedia implements AutoCloseable {
    private final AudioSource voice;
    private final AudioSink hearing;
    private final WavRecorder recorder;
    private final NegotiatedRtp rtp;
    private final Logger log;
    private final Consumer<CallMedia> onClosed;

    private CallMedia(MediaEngine engine, RtpSessionConfig config, Voice voice, DtmfListener digits, LevelListener levels,
            Logger log, Consumer<CallMedia> onClosed)
            throws IOException {
        this.log = log;
        this.onClosed = onClosed;
        this.voice = voice.source();
        this.recorder = voice.recorder();
        this.hearing = recorder == null ? AudioSink.discard() : recorder;
        this.rtp = NegotiatedRtp.open(engine, config);
        rtp.setDtmfListener(digits);
        rtp.setLevelListener(levels);
        unroute();
    }

    /** What the call says and where what it hears is recorded (null: nowhere). */
    record Voice(AudioSource source, WavRecorder recorder) {
    }

    /**
     * Binds a port pair of the configured range, with the codec, payload types and keys agreed;
     * {@code onClosed} hears when the media is closed.
     */
    static CallMedia open(MediaEngine engine, RtpSessionConfig base, MediaAgreement agreed, Voice voice,
            DtmfListener digits, LevelListener levels, Logger log, Consumer<CallMedia> onClosed) throws IOException {
        return new CallMedia(engine, base.withCodec(agreed.codec(), agreed.audioPayloadType())
                .withTelephoneEventPayloadType(agreed.telephoneEventPayloadType()).withSrtp(agreed.srtp()), voice, digits,
                levels, log, onClosed);
    }

    /** The phone's own voice and recording, which a conference mixes with the other parties. */
    AudioSource voice() {
        return voice;
    }

    AudioSink hearing() {
        return hearing;
    }

    /** Sends {@code source} and plays into {@code sink} instead of the phone's own voice and recording (a conference). */
    void route(AudioSource source, AudioSink sink) {
        rtp.setSource(source);
        rtp.setSink(sink);
    }

    /** Back to the phone's own voice and recording. */
    void unroute() {
        route(voice, hearing);
    }

    /** The RTP session now (another one once the codec changed). */
    RtpSession session() {
        return rtp.session();
    }

    int port() {
        return rtp.port();
    }

    /** Sends to the far end's address and plays what it sends, as the offer and answer agreed. */
    void connect(SessionDescription remote, MediaAgreement agreed, PhoneAudio audio) {
        rtp.use(agreed);
        rtp.session().setRemote(new InetSocketAddress(remote.address(), remote.port()));
        audio.applyTo(rtp.session());
    }

    void setDirection(MediaDirection direction) {
        rtp.setDirection(direction);
    }

    /** Who is told the audio levels from now on (null: nobody, and nothing is measured). */
    void setLevelListener(LevelListener levels) {
        rtp.setLevelListener(levels);
    }

    void sendDigits(String digits) {
        rtp.session().sendDigits(digits);
    }

    void apply(PhoneAudio audio) {
        audio.applyTo(rtp.session());
    }

    /** The manual's CallStatsUpdate from the session's statistics: bytes, lost, discarded, jitter in ms. */
    CallStatsUpdate statistics(CallRef call) {
        MediaStatistics stats = rtp.session().statistics();
        return new CallStatsUpdate(call, stats.codec(), station(stats.localRtp(), stats.localRtcp()),
                station(stats.remoteRtp(), stats.remoteRtcp()), stats.callLength().toSeconds(), stats.bytesSent(),
                stats.bytesReceived(), stats.lost(), stats.discarded(), Math.round(stats.jitterMillis()), stats.mos(),
                stats.srtpSuite() == null ? null : stats.srtpSuite().sdesName());
    }

    private static Station station(InetSocketAddress rtp, InetSocketAddress rtcp) {
        if (rtp == null) {
            return new Station("", 0, 0);
        }
        return new Station(rtp.getAddress().getHostAddress(), rtp.getPort(), rtcp == null ? rtp.getPort() + 1 : rtcp.getPort());
    }

    @Override
    public void close() {
        rtp.close();
        onClosed.accept(this);
        if (recorder != null) {
            try {
                recorder.close();
            } catch (IOException e) {
                // The recording keeps what was written; its header may be short.
                log.warn("A call's recording could not be completed: {}", e.getMessage());
            }
        }
    }

    /** The phone's speaker and microphone volumes and mute, which every call's media follows. */
    record PhoneAudio(Gain speaker, Gain microphone, boolean muted) {
        static final PhoneAudio DEFAULT = new PhoneAudio(Gain.UNITY, Gain.UNITY, false);

        void applyTo(RtpSession session) {
            session.setSpeakerGain(speaker);
            session.setMicrophoneGain(microphone);
            session.setMuted(muted);
        }
    }
}
