package io.vtgoconnect.sipstack;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.LevelListener;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * An RTP session that follows what the SDP offer and answer agreed: codec, payload types and
 * SRTP keys. A session's are fixed, so another agreement takes a new session on the same sockets,
 * which keeps the audio source, sink, digit and level listeners and direction.
 */
public final class NegotiatedRtp implements AutoCloseable {
    private final MediaEngine engine;
    private RtpSessionConfig config;
    private RtpSession session;
    private AudioSource source = AudioSource.silence();
    private AudioSink sink = AudioSink.discard();
    private DtmfListener digits = digit -> { };
    private LevelListener levels;
    private MediaDirection direction = MediaDirection.SENDRECV;

    private NegotiatedRtp(MediaEngine engine, RtpSessionConfig config) throws IOException {
        this.engine = engine;
        this.config = config;
        this.session = engine.open(config);
    }

    /** Binds a port pair of the configuration's range, in its codec until an answer says otherwise. */
    public static NegotiatedRtp open(MediaEngine engine, RtpSessionConfig config) throws IOException {
        return new NegotiatedRtp(engine, config);
    }

    public int port() {
        return session.localRtpAddress().getPort();
    }

    /** The session now; after {@link #use} it may be another one. */
    public RtpSession session() {
        return session;
    }

    /** Sends and plays as the offer and answer agreed: codec, payload types, SRTP or plain RTP. */
    public void use(MediaAgreement agreed) {
        // Compared field by field, before any configuration is built: a call's agreement is read several times a call,
        // and mostly it has not changed.
        if (agreed.codec().equals(config.audioCodec()) && agreed.audioPayloadType() == config.audioPayloadType()
                && agreed.telephoneEventPayloadType() == config.telephoneEventPayloadType()
                && Objects.equals(agreed.srtp(), config.srtp())) {
            return;
        }
        reopen(config.withCodec(agreed.codec(), agreed.audioPayloadType())
                .withTelephoneEventPayloadType(agreed.telephoneEventPayloadType()).withSrtp(agreed.srtp()));
    }

    private void reopen(RtpSessionConfig agreed) {
        int port = port();
        try {
            session = engine.reopen(session, agreed);
        } catch (IOException e) {
            throw new UncheckedIOException("the RTP session on port " + port + " could not start again", e);
        }
        config = agreed;
        session.setSource(source);
        session.setSink(sink);
        session.setDtmfListener(digits);
        session.setLevelListener(levels);
        session.setDirection(direction);
    }

    /** Which way media flows, in this session and the next. */
    public void setDirection(MediaDirection newDirection) {
        direction = newDirection;
        session.setDirection(newDirection);
    }

    public void setSource(AudioSource newSource) {
        source = newSource;
        session.setSource(newSource);
    }

    public void setSink(AudioSink newSink) {
        sink = newSink;
        session.setSink(newSink);
    }

    public void setDtmfListener(DtmfListener listener) {
        digits = listener;
        session.setDtmfListener(listener);
    }

    public void setLevelListener(LevelListener listener) {
        levels = listener;
        session.setLevelListener(listener);
    }

    @Override
    public void close() {
        session.close();
    }
}
