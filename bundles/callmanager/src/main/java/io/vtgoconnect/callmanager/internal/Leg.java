package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.sipstack.NegotiatedRtp;
import io.vtgoconnect.sipstack.SessionDescription;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * One side of a call through the server: a SIP dialog with a user agent, and the server's RTP
 * session with it (the server anchors all media, so features are a matter of wiring legs).
 */
final class Leg {
    /** Who began the leg's dialog. */
    enum Side {
        /** The user agent called the server. */
        CALLER,
        /** The server called the user agent. */
        CALLEE
    }

    /** What a leg's owner hears of its progress. */
    interface Progress {
        Progress NONE = new Progress() { };

        /** A 180 or 183 arrived (callee legs). */
        default void ringing(Leg leg) {
        }

        /** The user agent answered (callee legs) or acknowledged the answer (caller legs). */
        default void answered(Leg leg) {
        }

        /** The callee refused or could not be reached: a final status of 300 or more, and where a 3xx redirects to. */
        default void failed(Leg leg, int status, String reason, Optional<String> redirectedTo) {
        }

        /** The leg ended after it was answered, or the caller gave up before. */
        default void ended(Leg leg) {
        }
    }

    final String callId;
    /** The server's tag in the leg's dialog: with the Call-ID it tells the legs apart, even of a call the server makes to itself. */
    final String localTag;
    final Side side;
    /** The user agent's number: the caller's for caller legs, the number called for callee legs. */
    final String number;
    final NegotiatedRtp media;
    /**
     * The directory line of the phone at the other end, if it is one (else null): the caller's line,
     * or the line a callee leg rings. Features find a line's calls by it.
     */
    String line;
    Progress progress = Progress.NONE;
    Dialog dialog;
    /** A caller leg's INVITE until it is answered or refused. */
    ServerTransaction invite;
    /** A callee leg's INVITE while it can be cancelled. */
    ClientTransaction outgoingInvite;
    SessionDescription localSdp;
    SessionDescription remoteSdp;
    /** The legs this one is mixed with, if any. */
    Bridge bridge;
    boolean answered;
    boolean ended;
    /** Whether the user agent made the last SDP offer (so the server's SDP is the answer). */
    boolean peerOffered;
    private long sdpVersion;

    Leg(String callId, String localTag, Side side, String number, NegotiatedRtp media) {
        this.callId = callId;
        this.localTag = localTag;
        this.side = side;
        this.number = number;
        this.media = media;
    }

    /** The SDP body of the server's side with the next version number (RFC 3264 8). */
    String localSdpText() {
        return localSdp.format(Math.abs(callId.hashCode()), sdpVersion++);
    }

    /** Sends to the user agent's address in the agreed codec and direction. */
    void connectMedia() {
        if (remoteSdp == null || localSdp == null) {
            return;
        }
        SessionDescription answer = peerOffered ? localSdp : remoteSdp;
        answer.firstCodec().flatMap(SessionDescription::codecNamed).ifPresent(media::useCodec);
        media.session().setRemote(new InetSocketAddress(remoteSdp.address(), remoteSdp.port()));
        media.session().setDirection(peerOffered ? localSdp.direction() : SessionDescription.answering(remoteSdp.direction()));
    }

    /** Plays the source to the user agent and takes what it says into the sink, outside any bridge. */
    void wire(AudioSource source, AudioSink sink) {
        media.setSource(source);
        media.setSink(sink);
    }

    /** Whether the user agent holds the call (it offered sendonly or inactive). */
    boolean isHeldByPeer() {
        return remoteSdp != null && SessionDescription.holds(remoteSdp.direction())
                && remoteSdp.direction() != MediaDirection.SENDRECV;
    }

    /** How the server finds the leg again. */
    String key() {
        return key(callId, localTag);
    }

    static String key(String callId, String localTag) {
        return callId + "/" + localTag;
    }

    @Override
    public String toString() {
        return "Leg[" + side + " " + number + " " + callId + "]";
    }
}
