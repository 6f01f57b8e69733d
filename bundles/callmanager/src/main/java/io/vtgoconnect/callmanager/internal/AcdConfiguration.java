package io.vtgoconnect.callmanager.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the ACD is configured with, as configurations come and go: agents, reason codes, queues and the reason policy. */
final class AcdConfiguration {
    private final Map<String, AcdAgent.Entry> agents = new ConcurrentHashMap<>();
    private final Map<String, AcdReasonCode.Entry> reasonCodes = new ConcurrentHashMap<>();
    private final Map<String, AcdQueue.Entry> queues = new ConcurrentHashMap<>();
    private volatile AcdPolicy.Entry policy = AcdPolicy.Entry.DEFAULT;

    void add(AcdAgent.Entry agent) {
        agents.put(agent.id(), agent);
    }

    void remove(AcdAgent.Entry agent) {
        agents.remove(agent.id(), agent);
    }

    void add(AcdReasonCode.Entry reasonCode) {
        reasonCodes.put(reasonCode.id(), reasonCode);
    }

    void remove(AcdReasonCode.Entry reasonCode) {
        reasonCodes.remove(reasonCode.id(), reasonCode);
    }

    void add(AcdQueue.Entry queue) {
        queues.put(queue.pilot(), queue);
    }

    void remove(AcdQueue.Entry queue) {
        queues.remove(queue.pilot(), queue);
    }

    synchronized void set(AcdPolicy.Entry newPolicy) {
        policy = newPolicy;
    }

    /** Back to the default policy, unless another one took the place of this one already. */
    synchronized void unset(AcdPolicy.Entry oldPolicy) {
        if (policy == oldPolicy) {
            policy = AcdPolicy.Entry.DEFAULT;
        }
    }

    Optional<AcdAgent.Entry> agent(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    Optional<AcdReasonCode.Entry> reasonCode(String id) {
        return Optional.ofNullable(reasonCodes.get(id));
    }

    /** The reason codes of the category, by code. */
    List<AcdReasonCode.Entry> reasonCodes(AcdReasonCode.Category category) {
        return reasonCodes.values().stream().filter(reasonCode -> reasonCode.category() == category)
                .sorted(Comparator.comparingInt(AcdReasonCode.Entry::code)).toList();
    }

    Optional<AcdQueue.Entry> queue(String pilot) {
        return Optional.ofNullable(queues.get(pilot));
    }

    AcdPolicy.Entry policy() {
        return policy;
    }
}
