package io.vtgoconnect.api.control;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import java.util.Optional;
import java.util.OptionalInt;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The manual's phone commands on one phone. Each method carries out one command with the manual's
 * defaults for the arguments left out, and answers a refusal with a {@link CommandException} holding
 * the manual's error code. What a command causes is reported as events on EventAdmin, not returned.
 * Every command but {@link #runProgram()} answers ERROR_PHONE_NOT_RUNNING before RunProgram.
 * <p>
 * There is one service a phone, with the phone's name in service property {@link #PHONE} and its
 * device name in {@link #DEVICE}: {@code (vtgo.phone=phone7)} finds phone7's; the phone a runtime
 * uses unless told otherwise has the highest service ranking.
 */
@ProviderType
public interface CallControl {
    /** Service property: the phone's name (a String), also the property {@code vtgo.phone} of its events. */
    String PHONE = "vtgo.phone";
    /** Service property: the phone's device name (a String) as its call server knows it, e.g. SEP001122334455. */
    String DEVICE = "vtgo.device";

    /** Lowest and highest volume, in percent. */
    int VOLUME_MIN = 0;
    int VOLUME_MAX = 100;
    /** One volume step, in percent. */
    int VOLUME_STEP = 10;

    /**
     * RunProgram: starts the softphone; ERROR_PHONE_NOT_FOUND when there is none or it cannot start.
     *
     * @return false when it was running already (nothing was done)
     */
    boolean runProgram();

    /** ShowProgram: shows the softphone's window. @return false when the softphone has no window */
    boolean showProgram();

    /** HideProgram: hides the softphone's window. @return false when the softphone has no window */
    boolean hideProgram();

    /** ExitProgram: stops the softphone, which unregisters its lines. */
    void exitProgram();

    /** Snapshot: posts the call server connection state, every line and every speed dial. */
    void snapshot();

    /** OffHook [line]: the given line, or the first line. */
    void offHook(OptionalInt line);

    /** OnHook [line]: the given line, or the first line found off hook. */
    void onHook(OptionalInt line);

    /** MakeCall destination: from the first available (idle) line. @return the new call's reference */
    CallRef makeCall(String destination);

    /** Answer [callRefID]: the given call, or the first call ringing in. */
    void answer(Optional<CallRef> call);

    /** EndCall [callRefID]: the given call, or the first connected call. */
    void endCall(Optional<CallRef> call);

    /** Hold: the active (connected) call. */
    void hold();

    /** Resume [callRefID]: the given call, or the first held call. */
    void resume(Optional<CallRef> call);

    /** DTMF digits: one or more of {@code 0-9 * #}, sent on the active call. */
    void dtmf(String digits);

    /**
     * Softkey key [lineID] [callRefID]: a line of {@code -1} with a call reference means "the line
     * of that call".
     *
     * @return what the softkey did, in one sentence, when no event shows it (which way a toggle such
     *         as dnd now stands); else an empty string
     */
    String softkey(Softkey key, OptionalInt line, Optional<CallRef> call);

    /** Messages: calls the voicemail system from the first available line. */
    void messages();

    /** Transfer destination: one-step transfer of the active call. */
    void transfer(String destination);

    /** TransferInitiate destination: holds the active call and calls the destination to consult. */
    void transferInitiate(String destination);

    /** TransferCommit: joins the held call and the consulted party, and leaves both. */
    void transferCommit();

    /** TransferCancel: ends the consult call and resumes the held one. */
    void transferCancel();

    /** ConferenceInitiate destination: holds the active call and calls the destination to add. */
    void conferenceInitiate(String destination);

    /** ConferenceCommit: joins the held call, the added party and this phone in one conference. */
    void conferenceCommit();

    /** ConferenceCancel: ends the call to the party being added and resumes the held one. */
    void conferenceCancel();

    /** SpkrVolumeUp. @return the new speaker volume in percent */
    int speakerVolumeUp();

    /** SpkrVolumeDown. @return the new speaker volume in percent */
    int speakerVolumeDown();

    /** MicVolumeUp. @return the new microphone volume in percent */
    int micVolumeUp();

    /** MicVolumeDown. @return the new microphone volume in percent */
    int micVolumeDown();

    /** Mute [on|off]. */
    void mute(boolean on);

    /** CallStats: posts a CallStatsUpdate for the active call. */
    void callStats();
}
