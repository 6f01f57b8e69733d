package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.event.Station;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.api.transport.SoftphoneListener;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * A softphone double: records each request as a line of text, answers with call references from
 * the manual's range, and lets a test report what a real softphone would.
 */
final class FakeSoftphone implements SoftphoneTransport {
    /** The lines and speed dials of the manual's first example. */
    static final List<LineConfig> MANUAL_LINES = List.of(new LineConfig(1, "2001", "", 1), new LineConfig(2, "2301", "", 2));
    static final List<SpeedDialUpdate> MANUAL_SPEED_DIALS = List.of(new SpeedDialUpdate(1, "", "", 3),
            new SpeedDialUpdate(2, "", "", 4), new SpeedDialUpdate(3, "", "", 5), new SpeedDialUpdate(4, "", "", 6));
    static final long FIRST_CALL_REF = 28058446;

    private final List<LineConfig> lines;
    private final List<SpeedDialUpdate> speedDials;
    private final List<String> requests = new ArrayList<>();
    private SoftphoneListener listener;
    private long nextCallRef = FIRST_CALL_REF;
    private RuntimeException nextFailure;

    FakeSoftphone() {
        this(MANUAL_LINES, MANUAL_SPEED_DIALS);
    }

    FakeSoftphone(List<LineConfig> lines, List<SpeedDialUpdate> speedDials) {
        this.lines = lines;
        this.speedDials = speedDials;
    }

    /** The statistics this double answers CallStats with: the manual's example, for the given call. */
    static CallStatsUpdate statsOf(CallRef call) {
        return new CallStatsUpdate(call, "G711u:20ms", new Station("192.168.30.55", 16004, 16004),
                new Station("192.168.30.87", 26120, 26122), 22, 9024, 11214, 4, 0, 16, null);
    }

    /** The next request throws this instead of being carried out. */
    void failNextRequestWith(RuntimeException failure) {
        nextFailure = failure;
    }

    void report(VtgoEvent... events) {
        for (VtgoEvent event : events) {
            listener.report(event);
        }
    }

    /** A LineUpdate for a line of this phone, as a softphone would report it. */
    LineUpdate lineUpdate(int line, LineState state, CallRef call, Direction direction, String otherParty) {
        LineConfig config = lines.stream().filter(l -> l.id() == line).findFirst().orElseThrow();
        return new LineUpdate(line, config.number(), config.label(), config.button(), state, call, direction, otherParty);
    }

    SoftphoneListener listener() {
        return listener;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    private void record(String request) {
        requests.add(request);
        if (nextFailure != null) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
    }

    private CallRef newCall() {
        return new CallRef(nextCallRef++);
    }

    @Override
    public void start(SoftphoneListener newListener) {
        record("start");
        listener = newListener;
        listener.configured(lines, speedDials);
        listener.report(new SoftphoneConnected());
    }

    @Override
    public void stop() {
        record("stop");
        listener.report(new SoftphoneDisconnected("stopped"));
    }

    @Override
    public boolean setWindowVisible(boolean visible) {
        record("setWindowVisible(" + visible + ")");
        return true;
    }

    @Override
    public void offHook(int line) {
        record("offHook(" + line + ")");
    }

    @Override
    public void onHook(int line) {
        record("onHook(" + line + ")");
    }

    @Override
    public CallRef dial(int line, String destination) {
        record("dial(" + line + ", " + destination + ")");
        return newCall();
    }

    @Override
    public CallRef callVoicemail(int line) {
        record("callVoicemail(" + line + ")");
        return newCall();
    }

    @Override
    public void answer(CallRef call) {
        record("answer(" + call + ")");
    }

    @Override
    public void hangUp(CallRef call) {
        record("hangUp(" + call + ")");
    }

    @Override
    public void hold(CallRef call) {
        record("hold(" + call + ")");
    }

    @Override
    public void resume(CallRef call) {
        record("resume(" + call + ")");
    }

    @Override
    public void sendDtmf(CallRef call, String digits) {
        record("sendDtmf(" + call + ", " + digits + ")");
    }

    @Override
    public String softkey(Softkey key, int line, CallRef call) {
        record("softkey(" + key.typedName() + ", " + line + ", " + call + ")");
        return key == Softkey.DND ? "Do not disturb is on." : "";
    }

    @Override
    public void transfer(CallRef call, String destination) {
        record("transfer(" + call + ", " + destination + ")");
    }

    @Override
    public CallRef transferInitiate(CallRef call, String destination) {
        record("transferInitiate(" + call + ", " + destination + ")");
        return newCall();
    }

    @Override
    public void transferCommit(CallRef call, CallRef consultCall) {
        record("transferCommit(" + call + ", " + consultCall + ")");
    }

    @Override
    public void transferCancel(CallRef call, CallRef consultCall) {
        record("transferCancel(" + call + ", " + consultCall + ")");
    }

    @Override
    public CallRef conferenceInitiate(CallRef call, String destination) {
        record("conferenceInitiate(" + call + ", " + destination + ")");
        return newCall();
    }

    @Override
    public void conferenceCommit(CallRef call, CallRef addedCall) {
        record("conferenceCommit(" + call + ", " + addedCall + ")");
    }

    @Override
    public void conferenceCancel(CallRef call, CallRef addedCall) {
        record("conferenceCancel(" + call + ", " + addedCall + ")");
    }

    @Override
    public void setSpeakerVolume(int percent) {
        record("setSpeakerVolume(" + percent + ")");
    }

    @Override
    public void setMicVolume(int percent) {
        record("setMicVolume(" + percent + ")");
    }

    @Override
    public void setMute(boolean muted) {
        record("setMute(" + muted + ")");
    }

    @Override
    public CallStatsUpdate callStats(CallRef call) {
        record("callStats(" + call + ")");
        return statsOf(call);
    }
}
