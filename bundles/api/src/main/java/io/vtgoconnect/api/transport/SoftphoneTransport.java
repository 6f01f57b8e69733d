package io.vtgoconnect.api.transport;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallStatsUpdate;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A softphone that call control drives. Call control has already chosen the line and the call
 * and checked the manual's preconditions, so the arguments name lines and calls that the
 * transport reported. A method that cannot be carried out throws a {@link CommandException} with
 * the manual's code and the reason (ERROR_MAKE_CALL, ERROR_TRANSFER, ERROR_CONFERENCE, ...).
 * Methods return once the request is sent; what follows is reported to the listener.
 * <p>
 * Each phone is one service, with its name in service property
 * {@link io.vtgoconnect.api.control.CallControl#PHONE} and its device name in
 * {@link io.vtgoconnect.api.control.CallControl#DEVICE}; call control makes one CallControl
 * service for each, and prefers the one of highest service ranking when a command names no phone.
 */
@ConsumerType
public interface SoftphoneTransport {
    /**
     * Starts the softphone. Before returning it reports its lines and speed dials with
     * {@link SoftphoneListener#configured} and {@code SoftphoneConnected}; registration with the
     * call server follows. When it cannot start it throws ERROR_PHONE_NOT_FOUND saying why.
     */
    void start(SoftphoneListener listener);

    /** Stops the softphone: ends its calls, unregisters and reports {@code SoftphoneDisconnected}. */
    void stop();

    /** Shows or hides the softphone's window. @return false when it has no window */
    boolean setWindowVisible(boolean visible);

    void offHook(int line);

    void onHook(int line);

    /** Calls the destination from the line. @return the new call's reference */
    CallRef dial(int line, String destination);

    /** Calls the voicemail system from the line. @return the new call's reference */
    CallRef callVoicemail(int line);

    void answer(CallRef call);

    void hangUp(CallRef call);

    void hold(CallRef call);

    void resume(CallRef call);

    /** Sends the digits ({@code 0-9 * #}) on the call. */
    void sendDtmf(CallRef call, String digits);

    /**
     * Presses the softkey on the line; {@code call} is {@link CallRef#NONE} when no call was named.
     *
     * @return what the softkey did, in one sentence, when no event shows it (which way a toggle such
     *         as dnd now stands); else an empty string
     */
    String softkey(Softkey key, int line, CallRef call);

    /** One-step transfer of the call to the destination. */
    void transfer(CallRef call, String destination);

    /** Holds the call and calls the destination to consult. @return the consult call's reference */
    CallRef transferInitiate(CallRef call, String destination);

    void transferCommit(CallRef call, CallRef consultCall);

    void transferCancel(CallRef call, CallRef consultCall);

    /** Holds the call and calls the destination to add. @return the new call's reference */
    CallRef conferenceInitiate(CallRef call, String destination);

    void conferenceCommit(CallRef call, CallRef addedCall);

    void conferenceCancel(CallRef call, CallRef addedCall);

    /** @param percent 0..100 */
    void setSpeakerVolume(int percent);

    /** @param percent 0..100 */
    void setMicVolume(int percent);

    void setMute(boolean muted);

    /** The call's media statistics now. */
    CallStatsUpdate callStats(CallRef call);
}
