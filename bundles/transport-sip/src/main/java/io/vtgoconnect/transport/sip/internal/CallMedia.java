package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.Station;
import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.Gain;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.MediaStatistics;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
import io.vtgoconnect.media.WavRecorder;
import io.vtgoconnect.sipstack.SessionDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The RTP session of one call, kept in line with what the SDP offer and answer agreed: it says
 * the phone's voice, records what it hears when the phone records, and tells of digits received.
 */
final class CallMedia implements AutoCloseable {
    private final MediaEngine engine;
    private final AudioSource voice;
    private final AudioSink hearing;
    private final WavRecorder recorder;
    private final DtmfListener digits;
    private RtpSessionConfig config;
    private RtpSession session;
    private AudioSource source;
    private AudioSink sink;

    private CallMedia(MediaEngine engine, RtpSessionConfig config, Voice voice, DtmfListener digits) throws IOException {
        this.engine = engine;
        this.config = config;
        this.voice = voice.source();
        this.recorder = voice.recorder();
        this.hearing = recorder == null ? (samples, count) -> { } : recorder;
        this.digits = digits;
        this.source = this.voice;
        this.sink = hearing;
        this.session = engine.open(config);
        wire();
    }

    /** What the call says and where what it hears is recorded (null: nowhere). */
    record Voice(AudioSource source, WavRecorder recorder) {
    }

    /** Binds a port pair of the configured range for the codec; telephone events use {@code eventPayloadType}. */
    static CallMedia open(MediaEngine engine, RtpSessionConfig base, G711Codec codec, int eventPayloadType, Voice voice,
            DtmfListener digits) throws IOException {
        return new CallMedia(engine, base.withCodec(codec).withTelephoneEventPayloadType(eventPayloadType), voice, digits);
    }

    private void wire() {
        session.setSource(source);
        session.setSink(sink);
        session.setDtmfListener(digits);
    }

    /** The phone's own voice and recording, which a conference mixes with the other parties. */
    AudioSource voice() {
        return voice;
    }

    AudioSink hearing() {
        return hearing;
    }

    /** Sends {@code source} and plays into {@code sink} instead of the phone's own voice and recording (a conference). */
    void route(AudioSource newSource, AudioSink newSink) {
        source = newSource;
        sink = newSink;
        wire();
    }

    /** Back to the phone's own voice and recording. */
    void unroute() {
        route(voice, hearing);
    }

    int port() {
        return session.localRtpAddress().getPort();
    }

    /**
     * Sends to the far end's address and plays what it sends, in the codec of the answer: the far
     * end's when this end offered, this end's own when it answered.
     */
    void connect(SessionDescription remote, SessionDescription answer, PhoneAudio audio) {
        G711Codec agreed = answer.firstCodec().flatMap(SessionDescription::codecNamed).orElse(config.codec());
        if (agreed != config.codec()) {
            reopenWith(agreed);
        }
        session.setRemote(new InetSocketAddress(remote.address(), remote.port()));
        audio.applyTo(session);
    }

    /** A session's codec is fixed, so another codec takes a new session on the same ports. */
    private void reopenWith(G711Codec codec) {
        int port = port();
        session.close();
        config = config.withCodec(codec).withPortRange(port, port + 1);
        try {
            session = engine.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException("RTP port " + port + " was taken meanwhile", e);
        }
        wire();
    }

    void setDirection(MediaDirection direction) {
        session.setDirection(direction);
    }

    void sendDigits(String digits) {
        session.sendDigits(digits);
    }

    void apply(PhoneAudio audio) {
        audio.applyTo(session);
    }

    /** The manual's CallStatsUpdate from the session's statistics: bytes, lost, discarded, jitter in ms. */
    CallStatsUpdate statistics(CallRef call) {
        MediaStatistics stats = session.statistics();
        return new CallStatsUpdate(call, stats.codec(), station(stats.localRtp(), stats.localRtcp()),
                station(stats.remoteRtp(), stats.remoteRtcp()), stats.callLength().toSeconds(), stats.bytesSent(),
                stats.bytesReceived(), stats.lost(), stats.discarded(), Math.round(stats.jitterMillis()), stats.mos());
    }

    private static Station station(InetSocketAddress rtp, InetSocketAddress rtcp) {
        if (rtp == null) {
            return new Station("", 0, 0);
        }
        return new Station(rtp.getAddress().getHostAddress(), rtp.getPort(), rtcp == null ? rtp.getPort() + 1 : rtcp.getPort());
    }

    @Override
    public void close() {
        session.close();
        if (recorder != null) {
            try {
                recorder.close();
            } catch (IOException e) {
                // The recording keeps what was written; its header may be short.
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
