package io.vtgoconnect.api.event;

import java.util.Locale;

/** Prints events exactly as the manual's transcripts show them, e.g. {@code Event : PartyPickup,  CallRef=28058446}. */
public final class EventFormatter {
    private static final String PREFIX = "Event : ";

    private EventFormatter() {
    }

    public static String format(VtgoEvent event) {
        return PREFIX + body(event);
    }

    private static String body(VtgoEvent event) {
        if (event instanceof LineUpdate e) {
            return "LineUpdate, Line=" + e.line() + "(" + e.number() + "), Button=" + e.button()
                    + ", State=" + e.state().code() + "(" + e.state().manualName() + "), CallRef=" + e.callRef()
                    + ", Direction=" + e.direction().text() + ", OtherParty=" + e.otherParty();
        }
        if (event instanceof SpeedDialUpdate e) {
            return "SpeedDialUpdate, Speeddial=" + e.id() + "(" + e.number() + "), Button=" + e.button();
        }
        // The original prints two spaces after the comma of the Party* events; scripts rely on it.
        if (event instanceof PartyPickup e) {
            return "PartyPickup,  CallRef=" + e.callRef();
        }
        if (event instanceof PartyHangup e) {
            return "PartyHangup,  CallRef=" + e.callRef();
        }
        if (event instanceof PartyBusy e) {
            return "PartyBusy,  CallRef=" + e.callRef();
        }
        if (event instanceof IncomingCall e) {
            return "IncomingCall, CallRef=" + e.callRef() + ", Line=" + e.line() + ", CallerID=" + e.callerId();
        }
        if (event instanceof CallParkReturned e) {
            return "CallParkReturned, CallRef=" + e.callRef() + ", Line=" + e.line() + ", OtherParty=" + e.otherParty();
        }
        if (event instanceof DtmfReceived e) {
            return "DtmfReceived, CallRef=" + e.callRef() + ", Digit=" + e.digit();
        }
        if (event instanceof CallManagerConnected) {
            return "Connected to CallManager";
        }
        if (event instanceof CallManagerDisconnected) {
            return "Disconnected from CallManager";
        }
        if (event instanceof ConnectionKeepAlive) {
            return "ConnectionKeepAlive";
        }
        if (event instanceof SoftphoneConnected) {
            return "Connected to softphone";
        }
        if (event instanceof SoftphoneDisconnected) {
            return "Disconnected from softphone";
        }
        if (event instanceof CallStatsUpdate e) {
            return "CallStatsUpdate, CallRef=" + e.callRef() + ", Codec=" + e.codec()
                    + ", ThisStation=" + e.thisStation() + ", OtherStation=" + e.otherStation()
                    + ", CallLen=" + e.callLength() + ", Sent=" + e.sent() + ", Recvd=" + e.received()
                    + ", Lost=" + e.lost() + ", Discarded=" + e.discarded() + ", Jitter=" + e.jitter()
                    + (e.mos() == null ? "" : String.format(Locale.ROOT, ", MOS=%.1f", e.mos()))
                    + (e.srtp() == null ? "" : ", SRTP=" + e.srtp());
        }
        if (event instanceof AudioLevelUpdate e) {
            return String.format(Locale.ROOT, "AudioLevelUpdate, CallRef=%s, Sent=%.1f, Recvd=%.1f", e.callRef(), e.sent(),
                    e.received());
        }
        if (event instanceof AgentStateUpdate e) {
            return "IPCC agent state " + e.state().code() + " (" + e.state().label() + ")"
                    + (e.refusal().isEmpty() ? "" : " (" + e.refusal() + ")");
        }
        if (event instanceof NotReadyReasonCode e) {
            return "IPCC NotReady Reason Code " + e.code() + " - " + e.label();
        }
        if (event instanceof LogoutReasonCode e) {
            return "IPCC Logout Reason Code " + e.code() + " - " + e.label();
        }
        throw new IllegalArgumentException("No format for " + event);
    }
}
