package io.vtgoconnect.callmanager.internal.provisioning;

import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import java.util.List;

/** The lines and speed dials a device registers, as its configuration gives them. */
public record DeviceProfile(String deviceName, List<DirectoryLine> lines, List<String> speedDials) {
}
