package io.vtgoconnect.callmanager.internal.provisioning;

import java.util.Optional;

/** What a device is given when something other than its own configuration decides (Extension Mobility's logins). */
public interface DeviceProfiles {
    /** The device's profile now; empty when the device is unknown. */
    Optional<DeviceProfile> of(String deviceName);
}
