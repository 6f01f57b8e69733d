package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;

/**
 * One of our phones, with one line registered at a call server (Kamailio, or the embedded one, whose
 * tests use this fixture too), and what it reported.
 */
public final class RegisteredPhone implements AutoCloseable {
    public final String number;
    public final SipSoftphone phone;
    public final RecordingListener events = new RecordingListener();

    /** @param settings pairs of a phone setting's method name and its value */
    RegisteredPhone(String number, Kamailio kamailio, Object... settings) {
        this(number, Kamailio.password(number), kamailio.port, settings);
    }

    /** Registers the number with the password at the call server on the loopback port. */
    public RegisteredPhone(String number, String password, int serverPort, Object... settings) {
        this.number = number;
        this.phone = started(number, password, serverPort, events, settings);
        events.await(CallManagerConnected.class);
    }

    /**
     * Registers the number with the password at the registrar as the line setting writes it
     * ({@code 127.0.0.1:5061}), with more line settings ({@code lineSettings}, pairs as {@code settings}).
     */
    public RegisteredPhone(String number, String password, String registrar, Object[] lineSettings, Object... settings) {
        this.number = number;
        this.phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), settings), TestLogs.FACTORY);
        phone.addLine(Configs.line(number, password, registrar, lineSettings));
        phone.start(events);
        events.await(CallManagerConnected.class);
    }

    /** A phone with the line, started, that may or may not get registered. */
    public static SipSoftphone started(String number, String password, int serverPort, RecordingListener events,
            Object... settings) {
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), settings), TestLogs.FACTORY);
        phone.addLine(Configs.line(number, password, serverPort));
        phone.start(events);
        return phone;
    }

    /**
     * A phone that fetches its lines and speed dials from the call server's device configuration with
     * the device's password, started.
     */
    public static SipSoftphone provisioned(String url, String deviceName, String devicePassword, RecordingListener events,
            Object... settings) {
        Object[] all = java.util.Arrays.copyOf(settings, settings.length + 6);
        all[settings.length] = "provisioning_url";
        all[settings.length + 1] = url;
        all[settings.length + 2] = "device_name";
        all[settings.length + 3] = deviceName;
        all[settings.length + 4] = "device_password_file";
        all[settings.length + 5] = Configs.passwordFile(devicePassword).toString();
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), all), TestLogs.FACTORY);
        phone.start(events);
        return phone;
    }

    /** Waits for the next LineUpdate of the call in the state. */
    public LineUpdate await(CallRef call, LineState state) {
        return events.await(LineUpdate.class, update -> update.callRef().equals(call) && update.state() == state);
    }

    /** Waits for the next LineUpdate in the state, whatever the call. */
    public LineUpdate await(LineState state) {
        return events.await(LineUpdate.class, update -> update.state() == state);
    }

    /** Calls {@code callee} from line 1 and has it answer. @return this phone's reference of the call, then the callee's */
    public CallRef[] callAndAnswer(RegisteredPhone callee) {
        CallRef outgoing = phone.dial(1, callee.number);
        IncomingCall ringing = callee.events.await(IncomingCall.class);
        assertEquals(number, ringing.callerId());
        callee.phone.answer(ringing.callRef());
        await(outgoing, LineState.CONNECTED);
        return new CallRef[] {outgoing, ringing.callRef()};
    }

    @Override
    public void close() {
        phone.stop();
    }
}
