package io.vtgoconnect.callmanager.internal.directory;

/**
 * One configured entry of the call server: a line, a device, a user, a test endpoint, an agent, a
 * queue... Each type is a DS component with a factory configuration, registered as this service;
 * the {@link Directory} finds it by its type and key. Each references {@link DirectoryWanted}: none is built
 * before the call server is about to start.
 */
public interface DirectoryEntry {
    /** What the entry is found by within its type: a number, a device name, a user ID. */
    String key();
}
