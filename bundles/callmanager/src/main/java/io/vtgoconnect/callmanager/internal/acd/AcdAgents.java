package io.vtgoconnect.callmanager.internal.acd;

import io.vtgoconnect.callmanager.internal.CallManager;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.sipstack.SerialWorker;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The agents' states and the rules of their changes: login leads to Not Ready; Ready, Not Ready
 * (with a reason when the policy says so), Work, Work Ready and Work Not Ready at the agent's
 * request; Reserved, Talking and Hold follow the queue call the agent has; logout (with a reason
 * when the policy says so) ends it all. Every change is told to the listeners. Runs on the
 * server's worker.
 */
@Component(immediate = true, service = AcdAgents.class)
public final class AcdAgents {
    private final Directory directory;
    private final SerialWorker worker;
    private final Map<String, Agent> agents = new HashMap<>();
    private final List<Consumer<AcdUser>> listeners = new CopyOnWriteArrayList<>();

    /** One agent's state, and whether a queue call is theirs. */
    public static final class Agent {
        final String id;
        String extension = "";
        AcdState state = AcdState.LOGOUT;
        Optional<AcdReasonCode> reason = Optional.empty();
        Instant changed = Instant.now();
        /** When the agent last became Ready: who has waited longest takes the next call. */
        long readySince;
        /** A queue call rings at the agent or is connected with them: they take no other, and change no state. */
        boolean onCall;
        /** The end of the wrap-up time after a call, while it runs. */
        ScheduledFuture<?> wrapUp;

        private Agent(String id) {
            this.id = id;
        }
    }

    @Activate
    public AcdAgents(@Reference CallManager server) {
        this.directory = server.directory();
        this.worker = server.worker();
    }

    /** Hears every change of an agent, on the worker. */
    void listen(Consumer<AcdUser> listener) {
        listeners.add(listener);
    }

    void unlisten(Consumer<AcdUser> listener) {
        listeners.remove(listener);
    }

    AcdUser user(String id) {
        return user(agent(id));
    }

    private Agent agent(String id) {
        return agents.computeIfAbsent(id, Agent::new);
    }

    private AcdUser user(Agent agent) {
        Optional<AcdAgent> settings = directory.find(AcdAgent.class, agent.id);
        return new AcdUser(agent.id, settings.map(AcdAgent::name).orElse(""), settings.map(AcdAgent::team).orElse(""),
                agent.extension, agent.state, agent.reason, agent.changed);
    }

    // ---- what agents ask for

    /** LOGIN at the extension: Not Ready. Logging in again at the same extension changes nothing. */
    void login(String id, String extension) {
        if (extension.isBlank()) {
            throw AcdRefusal.missing("extension", "LOGIN needs the extension the agent works at.");
        }
        if (directory.line(extension).isEmpty()) {
            throw AcdRefusal.invalidInput("extension", "Extension " + extension + " is not a line of the call server.");
        }
        Agent agent = agent(id);
        if (agent.state != AcdState.LOGOUT) {
            if (agent.extension.equals(extension)) {
                return;
            }
            throw AcdRefusal.invalidState(id + " is logged in at extension " + agent.extension + "; log out first.");
        }
        Optional<Agent> holder = agents.values().stream()
                .filter(other -> other.state != AcdState.LOGOUT && other.extension.equals(extension)).findFirst();
        if (holder.isPresent()) {
            throw AcdRefusal.invalidInput("extension", "Extension " + extension + " is taken by agent " + holder.get().id + ".");
        }
        agent.extension = extension;
        change(agent, AcdState.NOT_READY, Optional.empty());
    }

    /** LOGOUT, with a reason code id when given. */
    void logout(String id, Optional<String> reasonCodeId) {
        Agent agent = changeable(id);
        Optional<AcdReasonCode> reason = reason(AcdReasonCode.Category.LOGOUT, reasonCodeId,
                "A reason code is required to log out.");
        change(agent, AcdState.LOGOUT, reason);
        agent.extension = "";
    }

    /** READY, NOT_READY (with a reason code id when given), WORK, WORK_READY or WORK_NOT_READY. */
    void change(String id, AcdState target, Optional<String> reasonCodeId) {
        if (target != AcdState.READY && target != AcdState.NOT_READY && !target.isWork()) {
            throw AcdRefusal.invalidInput("state", target + " is not a state an agent may ask for.");
        }
        Agent agent = changeable(id);
        Optional<AcdReasonCode> reason = Optional.empty();
        if (target == AcdState.NOT_READY) {
            reason = reason(AcdReasonCode.Category.NOT_READY, reasonCodeId, "A reason code is required to go to NOT_READY.");
        } else if (reasonCodeId.isPresent()) {
            throw AcdRefusal.invalidInput("reasonCodeId", "Only NOT_READY and LOGOUT take a reason code.");
        }
        change(agent, target, reason);
    }

    private Agent changeable(String id) {
        Agent agent = agent(id);
        if (agent.state == AcdState.LOGOUT) {
            throw AcdRefusal.invalidState(id + " is not logged in.");
        }
        if (agent.onCall) {
            throw AcdRefusal.invalidState(id + " has a call (" + agent.state + "); the state changes once it ends.");
        }
        return agent;
    }

    private Optional<AcdReasonCode> reason(AcdReasonCode.Category category, Optional<String> reasonCodeId,
            String required) {
        if (reasonCodeId.isEmpty()) {
            if (directory.find(AcdPolicy.class, AcdPolicy.PID).orElse(AcdPolicy.DEFAULT).reasonRequired(category)) {
                throw AcdRefusal.missing("reasonCodeId", required);
            }
            return Optional.empty();
        }
        return Optional.of(directory.find(AcdReasonCode.class, reasonCodeId.get()).filter(code -> code.category() == category)
                .orElseThrow(() -> AcdRefusal.invalidInput("reasonCodeId",
                        reasonCodeId.get() + " is not a " + category + " reason code.")));
    }

    // ---- what the queues do

    /** The agent of the queue's teams, Ready and free, who has been Ready longest. */
    Optional<Agent> longestAvailable(AcdQueue queue) {
        return agents.values().stream()
                .filter(agent -> agent.state == AcdState.READY && !agent.onCall)
                .filter(agent -> directory.find(AcdAgent.class, agent.id).filter(settings -> queue.takes(settings.team())).isPresent())
                .min(Comparator.comparingLong(agent -> agent.readySince));
    }

    /** A queue call is offered to the agent: it is theirs until it ends or goes elsewhere. */
    void offer(Agent agent) {
        agent.onCall = true;
    }

    /** Reserved, Talking or Hold, as the agent's call goes. */
    void callState(Agent agent, AcdState state) {
        change(agent, state, Optional.empty());
    }

    /** The agent let the call ring out or could not take it: Not Ready, so that calls go to others. */
    void notAnswered(Agent agent) {
        agent.onCall = false;
        change(agent, AcdState.NOT_READY, Optional.empty());
    }

    /** The caller went before the agent answered: Ready again. */
    void withdrawn(Agent agent) {
        agent.onCall = false;
        change(agent, AcdState.READY, Optional.empty());
    }

    /** The agent's call ended: Ready, or at Work for the queue's wrap-up time. */
    void callEnded(Agent agent, AcdQueue queue) {
        agent.onCall = false;
        if (queue.wrapupSeconds() == 0) {
            change(agent, AcdState.READY, Optional.empty());
            return;
        }
        change(agent, AcdState.WORK, Optional.empty());
        agent.wrapUp = worker.schedule(() -> wrapUpEnded(agent), queue.wrapupSeconds() * 1000L);
    }

    /** Work and Work Ready become Ready, Work Not Ready becomes Not Ready. */
    private void wrapUpEnded(Agent agent) {
        agent.wrapUp = null;
        if (agent.state == AcdState.WORK_NOT_READY) {
            change(agent, AcdState.NOT_READY, Optional.empty());
        } else if (agent.state.isWork()) {
            change(agent, AcdState.READY, Optional.empty());
        }
    }

    private void change(Agent agent, AcdState state, Optional<AcdReasonCode> reason) {
        if (!state.isWork() && agent.wrapUp != null) {
            agent.wrapUp.cancel(false);
            agent.wrapUp = null;
        }
        if (agent.state == state && agent.reason.equals(reason)) {
            return;
        }
        if (state == AcdState.READY && agent.state != AcdState.READY) {
            agent.readySince = System.nanoTime();
        }
        agent.state = state;
        agent.reason = reason;
        agent.changed = Instant.now();
        AcdUser user = user(agent);
        listeners.forEach(listener -> listener.accept(user));
    }
}
