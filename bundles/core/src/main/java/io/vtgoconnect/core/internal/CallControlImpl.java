package io.vtgoconnect.core.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_INVALID_COMMAND;
import static io.vtgoconnect.api.ErrorCode.ERROR_MAKE_CALL;
import static io.vtgoconnect.api.ErrorCode.ERROR_MISSING_PARAMETER;
import static io.vtgoconnect.api.ErrorCode.ERROR_NOT_INITIALIZED;
import static io.vtgoconnect.api.ErrorCode.ERROR_NO_CALL;
import static io.vtgoconnect.api.ErrorCode.ERROR_NO_DESTINATION;
import static io.vtgoconnect.api.ErrorCode.ERROR_NO_INCOMING_CALL;
import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;
import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_RUNNING;
import static io.vtgoconnect.api.ErrorCode.ERROR_TRANSFER;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.api.transport.SoftphoneListener;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import io.vtgoconnect.core.internal.Consultation.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The manual's phone commands on one phone's softphone: chooses the line or call a command leaves
 * out, refuses what the phone's state does not allow, and tells the phone event listeners, then
 * posts on EventAdmin, what the softphone reports, with the phone's name. {@link PhoneRegistry}
 * makes one for each softphone service.
 */
public class CallControlImpl implements CallControl {
    private static final String NOT_RUNNING = "The softphone is not running; start it with RunProgram.";
    /** Softkey's lineID for "the line of the call", or "no line" when no call is named. */
    private static final int ANY_LINE = -1;
    private static final int INITIAL_VOLUME = 50;

    private final EventAdmin eventAdmin;
    private final PhoneEventListeners listeners;
    /** The phone's name, which its events carry; empty for call control of no phone. */
    private final String phone;
    private final PhoneModel model = new PhoneModel();
    /** The installed softphone, which RunProgram starts. */
    private final AtomicReference<SoftphoneTransport> installed = new AtomicReference<>();
    /** The softphone RunProgram started; its reports are the only ones heard. */
    private final AtomicReference<SoftphoneTransport> active = new AtomicReference<>();
    // Volumes are a user's setting: they outlive a restart of the softphone.
    private final Volume speakerVolume = new Volume(INITIAL_VOLUME);
    private final Volume micVolume = new Volume(INITIAL_VOLUME);

    /** Call control of no phone: RunProgram says that no softphone is installed. */
    public CallControlImpl(EventAdmin eventAdmin) {
        this(eventAdmin, new PhoneEventListeners(), "");
    }

    CallControlImpl(EventAdmin eventAdmin, PhoneEventListeners listeners, String phone) {
        this.eventAdmin = eventAdmin;
        this.listeners = listeners;
        this.phone = phone;
    }

    void bindTransport(SoftphoneTransport transport) {
        installed.set(transport);
    }

    void unbindTransport(SoftphoneTransport transport) {
        installed.compareAndSet(transport, null);
        if (active.compareAndSet(transport, null) && model.reset()) {
            post(new SoftphoneDisconnected("softphone bundle removed"));
        }
    }

    @Override
    public boolean runProgram() {
        SoftphoneTransport phone = installed.get();
        if (phone == null) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND,
                    "No softphone is installed: add a softphone bundle, then run RunProgram again.");
        }
        if (model.isRunning()) {
            return false;
        }
        active.set(phone);
        perform(ERROR_PHONE_NOT_FOUND, "start", () -> phone.start(new Reports(phone)));
        return true;
    }

    @Override
    public boolean showProgram() {
        SoftphoneTransport phone = runningPhone();
        return obtain(ERROR_NOT_INITIALIZED, "show its window", () -> phone.setWindowVisible(true));
    }

    @Override
    public boolean hideProgram() {
        SoftphoneTransport phone = runningPhone();
        return obtain(ERROR_NOT_INITIALIZED, "hide its window", () -> phone.setWindowVisible(false));
    }

    @Override
    public void exitProgram() {
        SoftphoneTransport phone = runningPhone();
        perform(ERROR_NOT_INITIALIZED, "stop", phone::stop);
    }

    @Override
    public void snapshot() {
        runningPhone();
        model.snapshot().forEach(this::post);
    }

    @Override
    public void offHook(OptionalInt line) {
        SoftphoneTransport phone = runningPhone();
        int chosen = line.isPresent() ? existingLine(line.getAsInt()) : firstLine();
        perform(ERROR_NOT_INITIALIZED, "go off hook on line " + chosen, () -> phone.offHook(chosen));
    }

    @Override
    public void onHook(OptionalInt line) {
        SoftphoneTransport phone = runningPhone();
        int chosen = line.isPresent() ? existingLine(line.getAsInt())
                : model.firstOffHookLine().orElseThrow(() -> new CommandException(ERROR_NO_CALL,
                        "No line is off hook or holds a refused call, so there is nothing to hang up."));
        perform(ERROR_NOT_INITIALIZED, "go on hook on line " + chosen, () -> phone.onHook(chosen));
    }

    @Override
    public CallRef makeCall(String destination) {
        String number = requireDestination(destination);
        SoftphoneTransport phone = runningPhone();
        int line = availableLine();
        clearFailedCalls(phone, line);
        return obtain(ERROR_MAKE_CALL, "call " + number + " from line " + line, () -> phone.dial(line, number));
    }

    @Override
    public void answer(Optional<CallRef> call) {
        SoftphoneTransport phone = runningPhone();
        CallRef ringing = chooseCall(call, LineState::isRingingIn, "ringing in", ERROR_NO_INCOMING_CALL,
                "There is no call ringing in to answer.");
        perform(ERROR_NOT_INITIALIZED, "answer call " + ringing, () -> phone.answer(ringing));
    }

    @Override
    public void endCall(Optional<CallRef> call) {
        SoftphoneTransport phone = runningPhone();
        // Left out: the first connected call, as the manual says, else the first call in any state
        // (ringing out, refused, held, ringing in), so that a script can always end what it started.
        CallRef ending = call.map(ref -> existingCall(ERROR_NO_CALL, ref).ref())
                .or(() -> model.firstCall(state -> state == LineState.CONNECTED).map(Call::ref))
                .or(() -> model.firstCall(state -> true).map(Call::ref))
                .orElseThrow(() -> new CommandException(ERROR_NO_CALL, "There is no call to end."));
        perform(ERROR_NOT_INITIALIZED, "end call " + ending, () -> phone.hangUp(ending));
    }

    @Override
    public void hold() {
        SoftphoneTransport phone = runningPhone();
        CallRef holding = connectedCall("hold").ref();
        perform(ERROR_NOT_INITIALIZED, "hold call " + holding, () -> phone.hold(holding));
    }

    @Override
    public void resume(Optional<CallRef> call) {
        SoftphoneTransport phone = runningPhone();
        CallRef held = chooseCall(call, state -> state == LineState.HOLD, "on hold", ERROR_NO_CALL,
                "There is no held call to resume.");
        perform(ERROR_NOT_INITIALIZED, "resume call " + held, () -> phone.resume(held));
    }

    @Override
    public void dtmf(String digits) {
        String tones = requireDtmf(digits);
        SoftphoneTransport phone = runningPhone();
        CallRef call = connectedCall("send DTMF digits on").ref();
        perform(ERROR_NOT_INITIALIZED, "send DTMF " + tones + " on call " + call, () -> phone.sendDtmf(call, tones));
    }

    @Override
    public String softkey(Softkey key, OptionalInt line, Optional<CallRef> call) {
        if (key == null) {
            throw new CommandException(ERROR_MISSING_PARAMETER, "No softkey was given; name one such as newcall.");
        }
        SoftphoneTransport phone = runningPhone();
        boolean lineNamed = line.isPresent() && line.getAsInt() != ANY_LINE;
        int chosen;
        if (call.isPresent()) {
            Call known = existingCall(ERROR_NO_CALL, call.get());
            if (lineNamed && line.getAsInt() != known.line()) {
                throw new CommandException(ERROR_NO_CALL, "Call " + known.ref() + " is not on line " + line.getAsInt()
                        + "; it is on line " + known.line() + ".");
            }
            chosen = known.line();
        } else if (lineNamed) {
            chosen = existingLine(line.getAsInt());
        } else {
            chosen = model.firstCall(state -> true).map(Call::line).orElseGet(this::firstLine);
        }
        CallRef target = call.orElse(CallRef.NONE);
        String done = obtain(ERROR_NOT_INITIALIZED, "press softkey " + key.typedName() + " on line " + chosen,
                () -> phone.softkey(key, chosen, target));
        return done == null ? "" : done;
    }

    @Override
    public void messages() {
        SoftphoneTransport phone = runningPhone();
        int line = availableLine();
        clearFailedCalls(phone, line);
        perform(ERROR_MAKE_CALL, "call voicemail from line " + line, () -> phone.callVoicemail(line));
    }

    @Override
    public void transfer(String destination) {
        String number = requireDestination(destination);
        SoftphoneTransport phone = runningPhone();
        CallRef call = connectedCall("transfer").ref();
        perform(ERROR_TRANSFER, "transfer call " + call + " to " + number, () -> phone.transfer(call, number));
    }

    @Override
    public void transferInitiate(String destination) {
        initiate(Kind.TRANSFER, destination, SoftphoneTransport::transferInitiate);
    }

    @Override
    public void transferCommit() {
        finish(Kind.TRANSFER, "commit", SoftphoneTransport::transferCommit);
    }

    @Override
    public void transferCancel() {
        finish(Kind.TRANSFER, "cancel", SoftphoneTransport::transferCancel);
    }

    @Override
    public void conferenceInitiate(String destination) {
        initiate(Kind.CONFERENCE, destination, SoftphoneTransport::conferenceInitiate);
    }

    @Override
    public void conferenceCommit() {
        finish(Kind.CONFERENCE, "commit", SoftphoneTransport::conferenceCommit);
    }

    @Override
    public void conferenceCancel() {
        finish(Kind.CONFERENCE, "cancel", SoftphoneTransport::conferenceCancel);
    }

    @Override
    public int speakerVolumeUp() {
        return changeVolume(speakerVolume, VOLUME_STEP, "speaker", SoftphoneTransport::setSpeakerVolume);
    }

    @Override
    public int speakerVolumeDown() {
        return changeVolume(speakerVolume, -VOLUME_STEP, "speaker", SoftphoneTransport::setSpeakerVolume);
    }

    @Override
    public int micVolumeUp() {
        return changeVolume(micVolume, VOLUME_STEP, "microphone", SoftphoneTransport::setMicVolume);
    }

    @Override
    public int micVolumeDown() {
        return changeVolume(micVolume, -VOLUME_STEP, "microphone", SoftphoneTransport::setMicVolume);
    }

    @Override
    public void mute(boolean on) {
        SoftphoneTransport phone = runningPhone();
        perform(ERROR_NOT_INITIALIZED, (on ? "mute" : "unmute") + " the microphone", () -> phone.setMute(on));
    }

    @Override
    public void callStats() {
        SoftphoneTransport phone = runningPhone();
        CallRef call = model.firstCall(state -> state == LineState.CONNECTED)
                .or(() -> model.firstCall(state -> state == LineState.HOLD))
                // Early media: the far end's audio flows while the call rings out.
                .or(() -> model.firstCall(state -> state == LineState.RING_OUT))
                .map(Call::ref)
                .orElseThrow(() -> new CommandException(ERROR_NO_CALL,
                        "There is no connected, held or ringing-out call to measure."));
        post(obtain(ERROR_NOT_INITIALIZED, "read the statistics of call " + call, () -> phone.callStats(call)));
    }

    /** Sends a ...Initiate command and remembers the pair of calls its Commit or Cancel will act on. */
    private void initiate(Kind kind, String destination, InitiateRequest request) {
        String number = requireDestination(destination);
        SoftphoneTransport phone = runningPhone();
        model.consultation().ifPresent(pending -> {
            String prefix = pending.kind().commandPrefix();
            throw new CommandException(kind.error(), "A " + pending.kind().noun() + " is already initiated; finish it with "
                    + prefix + "Commit or " + prefix + "Cancel first.");
        });
        CallRef primary = connectedCall(kind.purpose()).ref();
        CallRef consult = obtain(kind.error(), "start a " + kind.noun() + " of call " + primary + " with " + number,
                () -> request.send(phone, primary, number));
        model.consultationStarted(new Consultation(kind, primary, consult));
    }

    /** Sends a ...Commit or ...Cancel command for the pending pair of calls, which is then forgotten. */
    private void finish(Kind kind, String verb, FinishRequest request) {
        SoftphoneTransport phone = runningPhone();
        Consultation pending = model.consultation().filter(consultation -> consultation.kind() == kind)
                .orElseThrow(() -> new CommandException(kind.error(), "No " + kind.noun()
                        + " was initiated; start one with " + kind.commandPrefix() + "Initiate destination."));
        perform(kind.error(), verb + " the " + kind.noun(),
                () -> request.send(phone, pending.primary(), pending.consult()));
        model.consultationEnded(pending);
    }

    /** The line's refused calls end before a new call goes out on it. */
    private void clearFailedCalls(SoftphoneTransport phone, int line) {
        for (Call failed : model.failedCalls(line)) {
            perform(ERROR_MAKE_CALL, "clear call " + failed.ref() + " on line " + line, () -> phone.hangUp(failed.ref()));
        }
    }

    private int changeVolume(Volume volume, int delta, String name, ObjIntConsumer<SoftphoneTransport> apply) {
        SoftphoneTransport phone = runningPhone();
        return volume.change(delta, percent -> perform(ERROR_NOT_INITIALIZED,
                "set the " + name + " volume to " + percent + " %", () -> apply.accept(phone, percent)));
    }

    private SoftphoneTransport runningPhone() {
        SoftphoneTransport phone = active.get();
        if (phone == null || !model.isRunning()) {
            throw new CommandException(ERROR_PHONE_NOT_RUNNING, NOT_RUNNING);
        }
        return phone;
    }

    private int existingLine(int line) {
        List<Integer> lines = model.lineIds();
        if (!lines.contains(line)) {
            throw new CommandException(ERROR_INVALID_COMMAND,
                    "Line " + line + " does not exist; this phone has " + describeLines(lines) + ".");
        }
        return line;
    }

    /** "line 1", "lines 1-3" or "lines 1, 3, 5". */
    private static String describeLines(List<Integer> lines) {
        if (lines.isEmpty()) {
            return "no lines";
        }
        if (lines.size() == 1) {
            return "line " + lines.get(0);
        }
        int first = lines.get(0);
        int last = lines.get(lines.size() - 1);
        if (last - first == lines.size() - 1) {
            return "lines " + first + "-" + last;
        }
        return "lines " + lines.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private int firstLine() {
        List<Integer> lines = model.lineIds();
        if (lines.isEmpty()) {
            throw new CommandException(ERROR_NOT_INITIALIZED, "The softphone has no lines; check its line configuration.");
        }
        return lines.get(0);
    }

    private int availableLine() {
        if (model.lineIds().isEmpty()) {
            throw new CommandException(ERROR_MAKE_CALL, "The softphone has no lines; check its line configuration.");
        }
        return model.availableLine().orElseThrow(
                () -> new CommandException(ERROR_MAKE_CALL, "Every line is busy; end a call, then try again."));
    }

    /**
     * The given call, which must be in a state {@code wanted} accepts, or else the first such call.
     * {@code description} names those states and {@code noneSentence} says there is no such call.
     */
    private CallRef chooseCall(Optional<CallRef> given, Predicate<LineState> wanted, String description,
            ErrorCode error, String noneSentence) {
        if (given.isEmpty()) {
            return model.firstCall(wanted).map(Call::ref)
                    .orElseThrow(() -> new CommandException(error, noneSentence));
        }
        Call call = existingCall(error, given.get());
        if (!wanted.test(call.state())) {
            throw new CommandException(error,
                    "Call " + call.ref() + " is not " + description + "; it is " + call.state().manualName() + ".");
        }
        return call.ref();
    }

    private Call existingCall(ErrorCode error, CallRef ref) {
        return model.call(ref).orElseThrow(() -> new CommandException(error, "Call " + ref + " does not exist."));
    }

    /** The first connected call, which {@code purpose} ("hold", "transfer", ...) acts on. */
    private Call connectedCall(String purpose) {
        return model.firstCall(state -> state == LineState.CONNECTED).orElseThrow(
                () -> new CommandException(ERROR_NO_CALL, "There is no connected call to " + purpose + "."));
    }

    private static String requireDestination(String destination) {
        if (destination == null || destination.isBlank()) {
            throw new CommandException(ERROR_NO_DESTINATION, "No destination was given; name a number such as 2004.");
        }
        return destination.trim();
    }

    private static String requireDtmf(String digits) {
        if (digits == null || digits.isBlank()) {
            throw new CommandException(ERROR_MISSING_PARAMETER,
                    "No DTMF digits were given; send one or more of 0-9, * and # such as DTMF 2004.");
        }
        String tones = digits.trim();
        for (char c : tones.toCharArray()) {
            if (!isDtmfDigit(c)) {
                throw new CommandException(ERROR_INVALID_COMMAND,
                        "'" + c + "' is not a DTMF digit; use only 0-9, * and #.");
            }
        }
        return tones;
    }

    private static boolean isDtmfDigit(char c) {
        return (c >= '0' && c <= '9') || c == '*' || c == '#';
    }

    private void perform(ErrorCode failure, String action, Runnable request) {
        obtain(failure, action, () -> {
            request.run();
            return null;
        });
    }

    /**
     * Sends a request to the softphone. Its own refusals pass through as they are; anything else it
     * throws becomes {@code failure} with a sentence naming the action, never a stack trace.
     */
    private static <T> T obtain(ErrorCode failure, String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (CommandException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CommandException(failure, "The softphone could not " + action + ": " + reason(e) + ".", e);
        }
    }

    /** The first line of the exception's message without its closing period, or its type when it has none. */
    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        if (message.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        String firstLine = message.lines().findFirst().orElseThrow().strip();
        return firstLine.endsWith(".") ? firstLine.substring(0, firstLine.length() - 1) : firstLine;
    }

    /** What the phone is doing, in a few words, as the Phones command lists it. */
    String status() {
        return model.status();
    }

    /** The listeners first: EventAdmin's hand-off to its delivery thread would delay whoever forwards the event. */
    private void post(VtgoEvent event) {
        long now = System.currentTimeMillis();
        Map<String, Object> properties = phone.isEmpty() ? EventProperties.of(event, now) : EventProperties.of(event, now, phone);
        if (listeners.tell(event, now, phone)) {
            properties.put(EventProperties.HEARD, true);
        }
        eventAdmin.postEvent(new Event(event.topic(), properties));
    }

    @FunctionalInterface
    private interface InitiateRequest {
        CallRef send(SoftphoneTransport phone, CallRef call, String destination);
    }

    @FunctionalInterface
    private interface FinishRequest {
        void send(SoftphoneTransport phone, CallRef call, CallRef consultCall);
    }

    /** What one started softphone reports; once another softphone is active, it is no longer heard. */
    private final class Reports implements SoftphoneListener {
        private final SoftphoneTransport source;

        Reports(SoftphoneTransport source) {
            this.source = source;
        }

        @Override
        public void configured(List<LineConfig> lines, List<SpeedDialUpdate> speedDials) {
            if (isHeard()) {
                model.configure(lines, speedDials);
            }
        }

        @Override
        public void report(VtgoEvent event) {
            if (isHeard()) {
                // The model first, so that a handler of the event already sees its effect.
                model.apply(event);
                post(event);
            }
        }

        private boolean isHeard() {
            return active.get() == source;
        }
    }
}
