package io.vtgoconnect.sipstack;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An RTP session whose codec follows the SDP answer. A session's codec is fixed, so another codec
 * takes a new session on the same ports, which keeps the audio source, sink and digit listener.
 */
public final class NegotiatedRtp implements AutoCloseable {
    private final MediaEngine engine;
    private RtpSessionConfig config;
    private RtpSession session;
    private AudioSource source = AudioSource.silence();
    private AudioSink sink = AudioSink.discard();
    private DtmfListener digits = digit -> { };

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

    public G711Codec codec() {
        return config.codec();
    }

    /** The session now; after {@link #useCodec} it is another one. */
    public RtpSession session() {
        return session;
    }

    /** Sends and plays in the codec the offer and answer agreed on. */
    public void useCodec(G711Codec agreed) {
        if (agreed == config.codec()) {
            return;
        }
        int port = port();
        session.close();
        config = config.withCodec(agreed).withPortRange(port, port + 1);
        try {
            session = engine.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException("RTP port " + port + " was taken meanwhile", e);
        }
        session.setSource(source);
        session.setSink(sink);
        session.setDtmfListener(digits);
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

    @Override
    public void close() {
        session.close();
    }
}
