package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.Station;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.Gain;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.MediaStatistics;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** The RTP session of one call, kept in line with what the SDP offer and answer agreed. */
final class CallMedia implements AutoCloseable {
    private final MediaEngine engine;
    private RtpSessionConfig config;
    private RtpSession session;

    private CallMedia(MediaEngine engine, RtpSessionConfig config, RtpSession session) {
        this.engine = engine;
        this.config = config;
        this.session = session;
    }

    /** Binds a port pair of the configured range for the codec; telephone events use {@code eventPayloadType}. */
    static CallMedia open(MediaEngine engine, RtpSessionConfig base, G711Codec codec, int eventPayloadType) throws IOException {
        RtpSessionConfig config = base.withCodec(codec).withTelephoneEventPayloadType(eventPayloadType);
        return new CallMedia(engine, config, engine.open(config));
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
