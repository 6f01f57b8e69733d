package io.vtgoconnect.api.event;

/**
 * An event of the phone, the call server link or the contact-centre agent. Each type has its own
 * EventAdmin topic (see {@link EventTopics}); {@link EventFormatter} prints it as the manual does.
 * Types may join in a minor version of this package, so code that tells them apart keeps a way
 * out for a type it does not know.
 */
public sealed interface VtgoEvent
        permits LineUpdate, SpeedDialUpdate, PartyPickup, PartyHangup, PartyBusy, IncomingCall,
        CallParkReturned, DtmfReceived, CallManagerConnected, CallManagerDisconnected,
        ConnectionKeepAlive, CallStatsUpdate, AgentStateUpdate, NotReadyReasonCode, LogoutReasonCode,
        SoftphoneConnected, SoftphoneDisconnected, AudioLevelUpdate {

    /** The EventAdmin topic of this event type. */
    String topic();

    /** The event's type name, the last segment of its topic, e.g. {@code LineUpdate}. */
    default String typeName() {
        String topic = topic();
        return topic.substring(topic.lastIndexOf('/') + 1);
    }
}
