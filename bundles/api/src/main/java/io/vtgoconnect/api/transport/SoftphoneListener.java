package io.vtgoconnect.api.transport;

import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.event.VtgoEvent;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a softphone reports to call control. Calls may come from any thread; call control keeps
 * its line and call model from them and posts each reported event.
 */
@ProviderType
public interface SoftphoneListener {
    /**
     * The phone's lines and speed dials: at start, and again whenever they change (after an
     * Extension Mobility login, for instance). This posts no event by itself.
     */
    void configured(List<LineConfig> lines, List<SpeedDialUpdate> speedDials);

    /**
     * An event as it happens: {@code SoftphoneConnected} first, {@code SoftphoneDisconnected} last,
     * and in between every LineUpdate (one per state change of a call or a line), Party*,
     * IncomingCall, CallParkReturned, DtmfReceived (one per digit the far end sends) and the call
     * server link events.
     */
    void report(VtgoEvent event);
}
