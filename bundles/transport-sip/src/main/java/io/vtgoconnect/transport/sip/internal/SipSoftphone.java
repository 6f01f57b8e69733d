package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;
import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_RUNNING;
import static io.vtgoconnect.api.ErrorCode.ERROR_TRANSFER;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.transport.SoftphoneListener;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import io.vtgoconnect.media.Gain;
import io.vtgoconnect.media.MediaEngine;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.service.log.LoggerFactory;

/**
 * One SIP phone behind the SoftphoneTransport SPI, with its settings and the lines configured for
 * it (none when it fetches them from its call server); RunProgram starts a {@link RunningPhone}.
 * {@link PhoneService} offers it as a service.
 */
public class SipSoftphone implements SoftphoneTransport {
    /** How long a transfer waits for the far end to accept or refuse, so that a refusal is its answer. */
    private static final long FAR_END_ANSWER_SECONDS = 10;

    private final PhoneSettings settings;
    private final List<SipLine> configuredLines = new CopyOnWriteArrayList<>();
    private final AtomicReference<RunningPhone> running = new AtomicReference<>();
    private final CallRefs callRefs = new CallRefs();
    private final LoggerFactory logs;
    private final LevelDemand levels;
    private final MediaEngine media;

    /** A phone whose calls always report their audio levels, on a media engine of its own. */
    public SipSoftphone(PhoneSettings settings, LoggerFactory logs) {
        this(settings, logs, LevelDemand.ALWAYS, new MediaEngine());
    }

    /**
     * @param levels whether anybody takes the audio level readings, which the calls measure only then
     * @param media the engine the calls' RTP sessions run on, which other phones may share
     */
    SipSoftphone(PhoneSettings settings, LoggerFactory logs, LevelDemand levels, MediaEngine media) {
        this.settings = settings;
        this.logs = logs;
        this.levels = levels;
        this.media = media;
    }

    PhoneSettings settings() {
        return settings;
    }

    /**
     * A changed line configuration arrives as a new line (DS replaces the old one): a running phone
     * registers its line of that number again with the new settings.
     */
    void addLine(ConfiguredLine line) {
        addLine(line.line());
    }

    void addLine(SipLine line) {
        configuredLines.add(line);
        RunningPhone phone = running.get();
        if (phone != null && settings.provisioning_url().isBlank()) {
            phone.worker().execute(() -> phone.lineChanged(line));
        }
    }

    void removeLine(ConfiguredLine line) {
        configuredLines.remove(line.line());
    }

    /** Stops the phone, if it runs. */
    void deactivate() {
        RunningPhone phone = running.getAndSet(null);
        if (phone != null) {
            phone.stop();
        }
    }

    @Override
    public synchronized void start(SoftphoneListener listener) {
        if (running.get() != null) {
            return;
        }
        running.set(RunningPhone.start(settings, device(), listener, callRefs, levels, media, logs));
    }

    /** The lines and speed dials: from the call server when a device configuration URL is set, else as configured here. */
    private DeviceConfiguration device() {
        if (!settings.provisioning_url().isBlank()) {
            return DeviceConfiguration.fetch(settings);
        }
        List<SipLine> lines = configuredLines.stream()
                .sorted(Comparator.comparingInt(SipLine::position).thenComparing(SipLine::number)).toList();
        if (lines.isEmpty()) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "No line is configured: add a configuration of factory "
                    + LineSettings.FACTORY_PID + " with a number and a registrar, or set provisioning.url of "
                    + PhoneSettings.PID + ", then run RunProgram again.");
        }
        return new DeviceConfiguration(lines, settings.speed_dials());
    }

    @Override
    public synchronized void stop() {
        deactivate();
    }

    @Override
    public boolean setWindowVisible(boolean visible) {
        return false;
    }

    @Override
    public void offHook(int line) {
        perform(phone -> phone.offHook(line));
    }

    @Override
    public void onHook(int line) {
        perform(phone -> phone.onHook(line));
    }

    @Override
    public CallRef dial(int line, String destination) {
        return obtain(phone -> phone.dial(line, destination));
    }

    @Override
    public CallRef callVoicemail(int line) {
        String pilot = settings.voicemail_pilot();
        if (pilot.isBlank()) {
            throw new CommandException(ErrorCode.ERROR_MAKE_CALL,
                    "No voicemail pilot is configured; set voicemail.pilot of " + PhoneSettings.PID + ".");
        }
        return dial(line, pilot.strip());
    }

    @Override
    public void answer(CallRef call) {
        perform(phone -> phone.answer(call));
    }

    @Override
    public void hangUp(CallRef call) {
        perform(phone -> phone.hangUp(call));
    }

    @Override
    public void hold(CallRef call) {
        perform(phone -> phone.hold(call));
    }

    @Override
    public void resume(CallRef call) {
        perform(phone -> phone.resume(call));
    }

    @Override
    public void sendDtmf(CallRef call, String digits) {
        if (settings.dtmf_mode() == DtmfMode.SIP_INFO) {
            perform(phone -> phone.sendDtmfInfo(call, digits));
        } else {
            perform(phone -> phone.sendDtmfEvents(call, digits));
        }
    }

    @Override
    public String softkey(Softkey key, int line, CallRef call) {
        return awaitAcceptance(obtain(phone -> phone.softkey(key, line, call)), ERROR_TRANSFER, "softkey " + key.typedName());
    }

    @Override
    public void transfer(CallRef call, String destination) {
        awaitAcceptance(obtain(phone -> phone.transfer(call, destination)), ERROR_TRANSFER, "transfer");
    }

    @Override
    public CallRef transferInitiate(CallRef call, String destination) {
        return obtain(phone -> phone.consult(call, destination));
    }

    @Override
    public void transferCommit(CallRef call, CallRef consultCall) {
        awaitAcceptance(obtain(phone -> phone.attendedTransfer(call, consultCall)), ERROR_TRANSFER, "transfer");
    }

    @Override
    public void transferCancel(CallRef call, CallRef consultCall) {
        perform(phone -> phone.cancelConsultation(call, consultCall));
    }

    @Override
    public CallRef conferenceInitiate(CallRef call, String destination) {
        return obtain(phone -> phone.consult(call, destination));
    }

    @Override
    public void conferenceCommit(CallRef call, CallRef addedCall) {
        perform(phone -> phone.conference(call, addedCall));
    }

    @Override
    public void conferenceCancel(CallRef call, CallRef addedCall) {
        perform(phone -> phone.cancelConsultation(call, addedCall));
    }

    /** Waits for the far end to accept a request (a REFER), so that its refusal is the command's answer. */
    private static <T> T awaitAcceptance(CompletableFuture<T> accepted, ErrorCode failure, String request) {
        try {
            return accepted.get(FAR_END_ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CommandException refusal ? refusal
                    : new CommandException(failure, "The " + request + " failed: " + e.getCause().getMessage() + ".");
        } catch (TimeoutException e) {
            throw new CommandException(failure, "The far end did not answer the " + request + " within "
                    + FAR_END_ANSWER_SECONDS + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(failure, "Interrupted while waiting for the far end to accept the " + request + ".");
        }
    }

    @Override
    public void setSpeakerVolume(int percent) {
        perform(phone -> phone.setAudio(audio -> new CallMedia.PhoneAudio(new Gain(percent), audio.microphone(), audio.muted())));
    }

    @Override
    public void setMicVolume(int percent) {
        perform(phone -> phone.setAudio(audio -> new CallMedia.PhoneAudio(audio.speaker(), new Gain(percent), audio.muted())));
    }

    @Override
    public void setMute(boolean muted) {
        perform(phone -> phone.setAudio(audio -> new CallMedia.PhoneAudio(audio.speaker(), audio.microphone(), muted)));
    }

    @Override
    public CallStatsUpdate callStats(CallRef call) {
        return obtain(phone -> phone.callStats(call));
    }

    private void perform(Consumer<RunningPhone> command) {
        obtain(phone -> {
            command.accept(phone);
            return null;
        });
    }

    /** Runs the command on the running phone's worker. */
    <T> T obtain(Function<RunningPhone, T> command) {
        RunningPhone phone = running.get();
        if (phone == null) {
            throw new CommandException(ERROR_PHONE_NOT_RUNNING, "The SIP phone is not running; start it with RunProgram.");
        }
        return phone.worker().call(() -> command.apply(phone));
    }
}
