package io.vtgoconnect.callmanager.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the call server is configured with, as configurations come and go: lines, devices, users and test endpoints. */
final class Directory {
    private final Map<String, DirectoryLine.Entry> lines = new ConcurrentHashMap<>();
    private final Map<String, DirectoryDevice.Entry> devices = new ConcurrentHashMap<>();
    private final Map<String, TestEndpoint.Entry> endpoints = new ConcurrentHashMap<>();
    private final Map<String, DirectoryUser.Entry> users = new ConcurrentHashMap<>();

    void add(DirectoryLine.Entry line) {
        lines.put(line.number(), line);
    }

    void remove(DirectoryLine.Entry line) {
        lines.remove(line.number(), line);
    }

    void add(DirectoryDevice.Entry device) {
        devices.put(device.name(), device);
    }

    void remove(DirectoryDevice.Entry device) {
        devices.remove(device.name(), device);
    }

    void add(TestEndpoint.Entry endpoint) {
        endpoints.put(endpoint.number(), endpoint);
    }

    void remove(TestEndpoint.Entry endpoint) {
        endpoints.remove(endpoint.number(), endpoint);
    }

    void add(DirectoryUser.Entry user) {
        users.put(user.id(), user);
    }

    void remove(DirectoryUser.Entry user) {
        users.remove(user.id(), user);
    }

    Optional<DirectoryUser.Entry> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    Optional<DirectoryLine.Entry> line(String number) {
        return Optional.ofNullable(lines.get(number));
    }

    Optional<DirectoryDevice.Entry> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    Optional<TestEndpoint.Entry> endpoint(String number) {
        return Optional.ofNullable(endpoints.get(number));
    }

    Map<String, TestEndpoint.Entry> endpoints() {
        return Map.copyOf(endpoints);
    }
}
