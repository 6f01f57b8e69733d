package io.vtgoconnect.callmanager.internal.calls;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.MediaAgreement;
import io.vtgoconnect.sipstack.RtpFormat;
import io.vtgoconnect.sipstack.SessionDescription;
import io.vtgoconnect.sipstack.SrtpMode;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * One side of a call through the server: a SIP dialog with a user agent, and the server's RTP
 * session with it (the server anchors all media, so features are a matter of wiring legs). Its
 * lifecycle is {@link State}: every change goes through one of the transitions below, and one the
 * state machine does not have is refused with an IllegalStateException.
 */
public final class Leg {
    /** Who began the leg's dialog. */
    public enum Side {
        /** The user agent called the server. */
        CALLER,
        /** The server called the user agent. */
        CALLEE
    }

    /**
     * Where the leg is in its life.
     * <pre>
     *   CALLER: INVITING --200 sent--> ANSWERING --ACK--> CONNECTED --BYE either way--> ENDED
     *           INVITING --refused, cancelled, hung up--> ENDED
     *   CALLEE: INVITING --200--> CONNECTED --BYE either way--> ENDED
     *           INVITING --final refusal, timeout--> ENDED
     *           INVITING --hung up: CANCEL sent--> CANCELLING --final response (a 200 gets ACK and BYE)--> ENDED
     * </pre>
     */
    public enum State {
        /** The INVITE waits for its final answer: the caller's for the server's, the server's for the callee's. */
        INVITING,
        /** A caller's INVITE was answered 200; its ACK is on the way. */
        ANSWERING,
        /** Answered and acknowledged: the call goes on. */
        CONNECTED,
        /** The server gave up a callee before it answered; the leg waits for the INVITE's final response. */
        CANCELLING,
        /** Over: media closed, the dialog ended or never made. */
        ENDED
    }

    private static final Map<State, Set<State>> NEXT = Map.of(
            State.INVITING, EnumSet.of(State.ANSWERING, State.CONNECTED, State.CANCELLING, State.ENDED),
            State.ANSWERING, EnumSet.of(State.CONNECTED, State.ENDED),
            State.CONNECTED, EnumSet.of(State.ENDED),
            State.CANCELLING, EnumSet.of(State.ENDED),
            State.ENDED, EnumSet.noneOf(State.class));

    /** What a leg's owner hears of its progress. */
    public interface Progress {
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

        /** The user agent changed the session of the answered leg (hold, resume). */
        default void sessionChanged(Leg leg) {
        }
    }

    /**
     * The legs of one plain call (a caller and the contacts it rings), handled on the partition
     * of their Call-IDs while the call stays plain; once anything that runs exclusively reaches
     * one of them, all of them are handled exclusively from then on.
     */
    static final class Group {
        private volatile boolean partitioned;

        Group(boolean partitioned) {
            this.partitioned = partitioned;
        }
    }

    private final String callId;
    /** The server's tag in the leg's dialog: with the Call-ID it tells the legs apart, even of a call the server makes to itself. */
    private final String localTag;
    private final Side side;
    /** The user agent's number: the caller's for caller legs, the number called for callee legs. */
    private final String number;
    private final Media media;
    private Group group;
    private State state = State.INVITING;
    /** A caller leg's INVITE while it waits for the server's answer. */
    private ServerTransaction invite;
    /** A callee leg's INVITE while it can be cancelled. */
    private ClientTransaction outgoingInvite;
    /** Whether the server ended the leg with a BYE of its own (rather than the user agent with its BYE). */
    private boolean byeSent;
    private Dialog dialog;
    private SessionDescription localSdp;
    private SessionDescription remoteSdp;
    /** Whether the user agent made the last SDP offer (so the server's SDP is the answer). */
    private boolean peerOffered;
    private long sdpVersion;
    /**
     * The directory line of the phone at the other end, if it is one (else null): the caller's line,
     * or the line a callee leg rings. Features find a line's calls by it.
     */
    private String line;
    /** The legs this one is mixed with, if any; only a {@link Bridge} sets it. */
    Bridge bridge;
    private Progress progress = Progress.NONE;
    /** Hears the user agent's answer to the server's BYE, when the owner wants to know the user agent is done. */
    private Exchange byeAnswer;

    private Leg(String callId, String localTag, Side side, String number, Media media, Group group) {
        this.group = group;
        this.callId = callId;
        this.localTag = localTag;
        this.side = side;
        this.number = number;
        this.media = media;
    }

    /** A user agent's new INVITE, with the offer it made (if any) and the server's answer to it. */
    static Leg caller(ServerTransaction invite, String callId, String localTag, String number, Media media,
            SessionDescription offer, SessionDescription answer, boolean partitioned) {
        Leg leg = new Leg(callId, localTag, Side.CALLER, number, media, new Group(partitioned));
        leg.invite = invite;
        leg.remoteSdp = offer;
        leg.localSdp = answer;
        leg.peerOffered = true;
        return leg;
    }

    /** The server's INVITE to a user agent, with the server's offer. */
    static Leg callee(String callId, String localTag, String number, Media media, SessionDescription offer,
            boolean partitioned) {
        Leg leg = new Leg(callId, localTag, Side.CALLEE, number, media, new Group(partitioned));
        leg.localSdp = offer;
        return leg;
    }

    // ---- the transitions

    private void move(State next) {
        boolean sideAllows = switch (next) {
            case ANSWERING -> side == Side.CALLER;
            case CANCELLING -> side == Side.CALLEE;
            case CONNECTED -> side == Side.CALLEE || state == State.ANSWERING;
            default -> true;
        };
        if (!NEXT.get(state).contains(next) || !sideAllows) {
            throw new IllegalStateException(this + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    /** The server sent its 200 to the caller's INVITE. */
    void answering() {
        move(State.ANSWERING);
        invite = null;
    }

    /** The caller acknowledged the 200, or the callee answered the server's INVITE with 200 (and its SDP answer, if any). */
    void connected(Optional<SessionDescription> calleeAnswer) {
        move(State.CONNECTED);
        outgoingInvite = null;
        calleeAnswer.ifPresent(answer -> remoteSdp = answer);
    }

    /** The server hung up a callee that had not answered: its CANCEL is sent and the leg waits for the INVITE's end. */
    void cancelling() {
        move(State.CANCELLING);
        media.close();
    }

    /** The leg is over; {@code byServer} when the server sent the BYE. */
    void ended(boolean byServer) {
        move(State.ENDED);
        byeSent = byServer;
        invite = null;
        outgoingInvite = null;
        media.close();
    }

    // ---- what the state says

    public State state() {
        return state;
    }

    /** Whether the user agent answered (or acknowledged the server's answer) and the leg has not ended. */
    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    public boolean isEnded() {
        return state == State.ENDED || state == State.CANCELLING;
    }

    /** A caller leg not yet answered or refused. */
    public boolean isWaitingForAnswer() {
        return state == State.INVITING && side == Side.CALLER;
    }

    /** Whether the server ended the leg with its own BYE. */
    public boolean endedByServer() {
        return byeSent;
    }

    Optional<ServerTransaction> invite() {
        return Optional.ofNullable(invite);
    }

    Optional<ClientTransaction> outgoingInvite() {
        return Optional.ofNullable(outgoingInvite);
    }

    void outgoingInvite(ClientTransaction transaction) {
        outgoingInvite = transaction;
    }

    // ---- the dialog and the session

    public Dialog dialog() {
        return dialog;
    }

    void dialog(Dialog dialog) {
        this.dialog = dialog;
    }

    /** The user agent offered a new session (a re-INVITE) and the server answered it. */
    void peerOffered(SessionDescription offer, SessionDescription answer) {
        remoteSdp = offer;
        localSdp = answer;
        peerOffered = true;
        connectMedia();
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
        agreement().ifPresent(media::use);
        media.sendTo(new InetSocketAddress(remoteSdp.address(), remoteSdp.port()),
                peerOffered ? localSdp.direction() : SessionDescription.answering(remoteSdp.direction()));
    }

    /** What the leg's offer and answer agreed on (codec, payload types), once both are known. */
    public Optional<MediaAgreement> agreement() {
        if (remoteSdp == null || localSdp == null) {
            return Optional.empty();
        }
        return peerOffered ? MediaAgreement.reached(remoteSdp, localSdp, false, SrtpMode.OFF)
                : MediaAgreement.reached(localSdp, remoteSdp, true, SrtpMode.OFF);
    }

    /** The user agent's offer, when it made the last one. */
    Optional<SessionDescription> peerOffer() {
        return peerOffered ? Optional.ofNullable(remoteSdp) : Optional.empty();
    }

    /**
     * A caller not yet answered will be answered as its callee agreed, so that the two relay: in
     * the callee's codec (on the caller's payload type for it, rather than the caller's first
     * codec), and with the callee's telephone events when the caller offered them on that payload
     * type (an end may answer events at 8000 Hz for Opus at 48000 Hz).
     * @return whether the caller's offer has the codec
     */
    boolean answerAs(MediaAgreement callee) {
        Optional<SessionDescription> offer = peerOffer().filter(offered -> isWaitingForAnswer());
        Optional<SessionDescription> answer = offer.flatMap(offered -> SessionDescription.answer(offered, localSdp.address(),
                localSdp.port(), List.of(callee.codec().encodingName()), localSdp.direction()));
        if (answer.isEmpty()) {
            return false;
        }
        RtpFormat codec = answer.get().formats().get(0);
        localSdp = answer.get();
        for (RtpFormat same : offer.get().formats()) {
            if (same.isTelephoneEvent() && same.payloadType() == callee.telephoneEventPayloadType()) {
                localSdp = new SessionDescription(localSdp.address(), localSdp.port(), localSdp.profile(), List.of(codec, same),
                        localSdp.direction(), List.of());
                break;
            }
        }
        return true;
    }

    /** Plays the source to the user agent and takes what it says into the sink, outside any bridge. */
    public void wire(AudioSource source, AudioSink sink) {
        media.setSource(source);
        media.setSink(sink);
    }

    /** Whether the user agent holds the call (it offered sendonly or inactive). */
    public boolean isHeldByPeer() {
        return remoteSdp != null && SessionDescription.holds(remoteSdp.direction())
                && remoteSdp.direction() != MediaDirection.SENDRECV;
    }

    public Media media() {
        return media;
    }

    // ---- who the leg is and who owns it

    /** Whether the leg's messages are handled on its partition, beside other calls (else exclusively). */
    public boolean isPartitioned() {
        return group.partitioned;
    }

    /** The leg is in the same plain call as the other: they go exclusive together. */
    void sameCallAs(Leg other) {
        group = other.group;
    }

    /** Whether the two legs are of one plain call. */
    boolean isSameCallAs(Leg other) {
        return group == other.group;
    }

    /** The leg's call is handled exclusively from now on. */
    void share() {
        group.partitioned = false;
    }

    public String callId() {
        return callId;
    }

    public String localTag() {
        return localTag;
    }

    public Side side() {
        return side;
    }

    public String number() {
        return number;
    }

    public String line() {
        return line;
    }

    /** The directory line at the other end, once it is known. */
    public void line(String number) {
        line = number;
    }

    public Optional<Bridge> bridge() {
        return Optional.ofNullable(bridge);
    }

    Progress progress() {
        return progress;
    }

    /** Who hears the leg's progress from now on. */
    public void progress(Progress owner) {
        progress = owner;
    }

    Exchange byeAnswer() {
        return byeAnswer;
    }

    /** Who hears the user agent's answer to the server's BYE. */
    public void byeAnswer(Exchange exchange) {
        byeAnswer = exchange;
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
        return "Leg[" + side + " " + number + " " + callId + " " + state + "]";
    }
}
