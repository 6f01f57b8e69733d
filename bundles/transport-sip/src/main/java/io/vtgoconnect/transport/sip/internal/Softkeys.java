package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_CONFERENCE;
import static io.vtgoconnect.api.ErrorCode.ERROR_MAKE_CALL;
import static io.vtgoconnect.api.ErrorCode.ERROR_NO_CALL;
import static io.vtgoconnect.api.ErrorCode.ERROR_NO_DESTINATION;
import static io.vtgoconnect.api.ErrorCode.ERROR_TRANSFER;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.sipstack.FeatureCodes;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The manual's 24 softkeys on a SIP phone. Those a SIP phone does itself act here (hold, transfer,
 * conference, do not disturb, forwarding, ...); call-server features dial or transfer to the
 * configured feature codes, which the call server acts on.
 */
final class Softkeys {
    private static final Predicate<LineState> TALKING = state -> state == LineState.CONNECTED;
    private static final Predicate<LineState> HELD = state -> state == LineState.HOLD;

    private final RunningPhone phone;
    private final PhoneCalls calls;
    private final CallDiversion diversion;
    private final FeatureCodes codes;
    private final String voicemailPilot;
    private final String forwardAllDestination;

    Softkeys(RunningPhone phone, PhoneCalls calls, CallDiversion diversion, FeatureCodes codes, String voicemailPilot,
            String forwardAllDestination) {
        this.phone = phone;
        this.calls = calls;
        this.diversion = diversion;
        this.codes = codes;
        this.voicemailPilot = voicemailPilot.strip();
        this.forwardAllDestination = forwardAllDestination.strip();
    }

    /**
     * Presses the key on the line; {@code named} is the call named, or NONE for the line's first
     * call the key acts on. @return completed once the key's request is accepted (a transfer waits for
     * the far end), with which way a toggle now stands, or an empty string for the other keys
     */
    CompletableFuture<String> press(Softkey key, PhoneLine line, CallRef named) {
        switch (key) {
            case NEWCALL -> phone.offHook(line);
            case REDIAL -> phone.dial(line, phone.lastDialled().orElseThrow(() -> new CommandException(ERROR_MAKE_CALL,
                    "Nothing was dialled yet, so there is nothing to redial.")));
            case ANSWER -> phone.answer(callOn(line, named, LineState::isRingingIn, "ringing in"));
            case ENDCALL -> phone.hangUp(callOn(line, named, state -> true, "on the line"));
            case HOLD -> phone.hold(callOn(line, named, TALKING, "connected"));
            case RESUME -> phone.resume(callOn(line, named, HELD, "held"));
            case TRANSFER -> {
                return done(pairOrHold(line, named, ERROR_TRANSFER, phone::attendedTransfer));
            }
            case CONFERENCE -> {
                return done(pairOrHold(line, named, ERROR_CONFERENCE, (held, talking) -> {
                    phone.conference(held, talking);
                    return CompletableFuture.completedFuture(null);
                }));
            }
            case JOIN -> phone.join(line);
            case DROPLASTCONFEREE -> phone.dropLastConferee();
            case DND -> {
                diversion.doNotDisturb = !diversion.doNotDisturb;
                return CompletableFuture.completedFuture(diversion.doNotDisturb
                        ? "Do not disturb is on: calls ringing in are refused as busy." : "Do not disturb is off.");
            }
            case CFWDALL -> {
                return CompletableFuture.completedFuture(toggleForwardAll("Forward all",
                        forwardAllDestination.isEmpty() ? voicemailPilot : forwardAllDestination));
            }
            case DIVERTALL -> {
                return CompletableFuture.completedFuture(toggleForwardAll("Divert all", voicemailPilot));
            }
            case IDIVERT -> {
                return done(divertToVoicemail(callOn(line, named, state -> true, "on the line")));
            }
            case TRANSFERVMAIL -> {
                return done(phone.transfer(callOn(line, named, TALKING.or(HELD), "connected or held"), voicemail()));
            }
            case PARK -> {
                return done(phone.park(callOn(line, named, TALKING.or(HELD), "connected or held"), code(key)));
            }
            case PICKUP, GROUPPICKUP, MEETME -> phone.dial(line, code(key));
            case CALLBACK, WATCH, INTERCEPT -> phone.dial(line, code(key) + extension(line, named, key));
            case BARGE, CBARGE -> phone.dial(line, code(key) + line.sip.number());
            default -> throw new IllegalStateException("softkey without behaviour: " + key);
        }
        return CompletableFuture.completedFuture("");
    }

    /** A key whose events say what it did. */
    private static CompletableFuture<String> done(CompletableFuture<Void> accepted) {
        return accepted.thenApply(nothing -> "");
    }

    private SipCall callOn(PhoneLine line, CallRef named, Predicate<LineState> acting, String description) {
        if (!named.isNone()) {
            return calls.get(named);
        }
        return calls.first(line, acting).orElseThrow(() -> new CommandException(ERROR_NO_CALL,
                "No call is " + description + " on line " + line.id + "."));
    }

    /**
     * As on a Cisco phone: the first press holds the connected call, so that the next one can be
     * called; the press after that joins the held call and the connected one.
     */
    private CompletableFuture<Void> pairOrHold(PhoneLine line, CallRef named, ErrorCode failure, Pair action) {
        Optional<SipCall> talking = named.isNone() ? calls.first(line, TALKING).or(() -> anyCall(TALKING))
                : Optional.of(calls.get(named)).filter(call -> TALKING.test(call.state()));
        Optional<SipCall> held = calls.first(line, HELD).or(() -> anyCall(HELD));
        if (talking.isEmpty()) {
            throw new CommandException(failure, "No call is connected, so there is nothing to transfer or join.");
        }
        if (held.isEmpty()) {
            phone.hold(talking.get());
            return CompletableFuture.completedFuture(null);
        }
        return action.apply(held.get(), talking.get());
    }

    private Optional<SipCall> anyCall(Predicate<LineState> state) {
        return calls.all().stream().filter(call -> state.test(call.state())).findFirst();
    }

    /** What the key does with a held and a connected call. */
    @FunctionalInterface
    private interface Pair {
        CompletableFuture<Void> apply(SipCall held, SipCall talking);
    }

    /** @return which way forwarding now stands, e.g. {@code Forward all is on: calls ringing in go to 6000.} */
    private String toggleForwardAll(String name, String destination) {
        if (diversion.forwardAllTo.isPresent()) {
            diversion.forwardAllTo = Optional.empty();
            return name + " is off.";
        }
        if (destination.isEmpty()) {
            throw new CommandException(ERROR_NO_DESTINATION, "No forward-all destination or voicemail pilot is configured; "
                    + "set cfwdall.destination or voicemail.pilot of " + PhoneSettings.PID + ".");
        }
        diversion.forwardAllTo = Optional.of(destination);
        return name + " is on: calls ringing in go to " + destination + ".";
    }

    /** A call ringing in is redirected to voicemail; a call in progress is transferred there. */
    private CompletableFuture<Void> divertToVoicemail(SipCall call) {
        if (call.incomingInvite != null) {
            phone.redirect(call, voicemail());
            return CompletableFuture.completedFuture(null);
        }
        return phone.transfer(call, voicemail());
    }

    private String voicemail() {
        if (voicemailPilot.isEmpty()) {
            throw new CommandException(ERROR_NO_DESTINATION,
                    "No voicemail pilot is configured; set voicemail.pilot of " + PhoneSettings.PID + ".");
        }
        return voicemailPilot;
    }

    private String code(Softkey key) {
        return codes.code(FeatureCodes.Feature.valueOf(key.name())).orElseThrow(() -> new CommandException(ERROR_NO_DESTINATION, "No feature code is configured for "
                + key.typedName() + "; add " + key.typedName() + "=CODE to feature.codes of " + PhoneSettings.PID + "."));
    }

    /** The extension a key acts on: the named or first call's other party, else the last number dialled. */
    private String extension(PhoneLine line, CallRef named, Softkey key) {
        Optional<String> party = (named.isNone() ? calls.first(line, state -> true) : Optional.of(calls.get(named)))
                .map(call -> call.otherParty).filter(number -> !number.isEmpty());
        return party.or(phone::lastDialled).orElseThrow(() -> new CommandException(ERROR_NO_DESTINATION,
                "Softkey " + key.typedName() + " needs an extension: select a call, or dial the number first."));
    }
}
