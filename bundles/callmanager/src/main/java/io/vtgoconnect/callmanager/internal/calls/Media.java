package io.vtgoconnect.callmanager.internal.calls;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.sipstack.MediaAgreement;
import io.vtgoconnect.sipstack.NegotiatedRtp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/** A leg's audio as the server's call logic uses it: an RTP session of the server (or, in its tests, none). */
public interface Media extends AutoCloseable {
    /** Opens a leg's audio as first agreed (codec and payload types); empty when no port is free. */
    interface Ports {
        Optional<Media> open(MediaAgreement first);
    }

    int port();

    /** Sends and plays as the leg's offer and answer agreed: codec and payload types. */
    void use(MediaAgreement agreed);

    /** Sends to the address, in the direction agreed. */
    void sendTo(InetSocketAddress remote, MediaDirection direction);

    void sendDigits(String digits);

    void setSource(AudioSource source);

    void setSink(AudioSink sink);

    void setDtmfListener(DtmfListener listener);

    /**
     * Relays what this leg's user agent sends to the other leg's, packet by packet, instead of
     * mixing (see {@link io.vtgoconnect.media.RtpSession#relayTo}); null stops relaying.
     * @return whether it relays: the two are in the same codec
     */
    default boolean relayTo(Media other) {
        return false;
    }

    @Override
    void close();

    /** The server's RTP session. */
    static Media of(NegotiatedRtp rtp) {
        return new Anchored(rtp);
    }

    /** A leg's RTP session on the server. */
    final class Anchored implements Media {
        private final NegotiatedRtp rtp;

        private Anchored(NegotiatedRtp rtp) {
            this.rtp = rtp;
        }

        @Override
        public boolean relayTo(Media other) {
            if (other == null) {
                rtp.session().relayTo(null);
                return false;
            }
            if (!(other instanceof Anchored anchored)) {
                return false;
            }
            // The session refuses another codec, other events or SRTP: then the bridge mixes.
            try {
                rtp.session().relayTo(anchored.rtp.session());
                return true;
            } catch (IllegalArgumentException unlike) {
                return false;
            }
        }

        @Override
        public int port() {
            return rtp.port();
        }

        @Override
        public void use(MediaAgreement agreed) {
            rtp.use(agreed);
        }

        @Override
        public void sendTo(InetSocketAddress remote, MediaDirection direction) {
            rtp.session().setRemote(remote);
            rtp.session().setDirection(direction);
        }

        @Override
        public void sendDigits(String digits) {
            rtp.session().sendDigits(digits);
        }

        @Override
        public void setSource(AudioSource source) {
            rtp.setSource(source);
        }

        @Override
        public void setSink(AudioSink sink) {
            rtp.setSink(sink);
        }

        @Override
        public void setDtmfListener(DtmfListener listener) {
            rtp.setDtmfListener(listener);
        }

        @Override
        public void close() {
            rtp.close();
        }
    }

    /** Ports of the engine, in the configuration's range. */
    static Ports ports(io.vtgoconnect.media.MediaEngine engine, io.vtgoconnect.media.RtpSessionConfig config) {
        return first -> {
            try {
                return Optional.of(of(NegotiatedRtp.open(engine, config.withCodec(first.codec(), first.audioPayloadType())
                        .withTelephoneEventPayloadType(first.telephoneEventPayloadType()))));
            } catch (IOException e) {
                // No port of the range could be opened: the caller answers the call busy and logs that.
                return Optional.empty();
            }
        };
    }
}
