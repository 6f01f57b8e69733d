package io.vtgoconnect.callmanager.internal.provisioning;

import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import java.util.List;
import java.util.Optional;

/** The lines and speed dials a device registers, as its configuration gives them. */
public record DeviceProfile(String deviceName, List<DirectoryLine> lines, List<String> speedDials) {
    /** The lines of the directory with the numbers given, in their order, and the speed dials. */
    public static DeviceProfile of(Directory directory, String deviceName, List<String> lines, List<String> speedDials) {
        return new DeviceProfile(deviceName, lines.stream().flatMap(number -> directory.line(number).stream()).toList(),
                speedDials);
    }

    /** The device's own profile, from its configuration. */
    public static Optional<DeviceProfile> own(Directory directory, String deviceName) {
        return directory.device(deviceName).map(device -> of(directory, deviceName, device.lines(), device.speedDials()));
    }
}
