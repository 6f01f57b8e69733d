package io.vtgoconnect.callmanager.internal.acd;

import io.vtgoconnect.callmanager.internal.CallManager;
import io.vtgoconnect.callmanager.internal.calls.Bridge;
import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.SerialWorker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.message.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The queues on their pilot numbers. A caller is answered with a tone and waits, first come first
 * served, until an agent of the queue's teams is Ready and free; the call then rings at the
 * extension of the agent who has been Ready longest. The agent is Reserved while it rings, Talking
 * once they answer (Hold while their phone holds it), and Ready again when it ends, or at Work for
 * the queue's wrap-up time. An agent who does not answer within the ring timeout, or whose phone
 * refuses, goes Not Ready and the call goes to the next. Runs on the server's worker.
 */
@Component(immediate = true, service = {})
public final class AcdQueues implements NumberService {
    private static final int TONE_AMPLITUDE = 4000;

    private final Switchboard board;
    private final CallRouting routing;
    private final Directory directory;
    private final AcdAgents agents;
    private final SerialWorker worker;
    /** Callers waiting for an agent, in the order they came. */
    private final List<QueuedCall> waiting = new ArrayList<>();
    private long arrivals;
    private final java.util.function.Consumer<AcdUser> listener = this::agentChanged;

    /**
     * The server it adds its numbers to once made, and takes them from when it ends: it is not a
     * NumberService the server binds, which would need the server that is binding it (a cycle).
     */
    private final CallManager server;

    @Activate
    public AcdQueues(@Reference CallManager server, @Reference AcdAgents agents) {
        this.server = server;
        this.board = server.board();
        this.routing = server.routing();
        this.directory = server.directory();
        this.agents = agents;
        this.worker = server.worker();
        agents.listen(listener);
        server.addService(this);
    }

    @Deactivate
    void deactivate() {
        server.removeService(this);
        agents.unlisten(listener);
    }

    @Override
    public boolean handles(String number) {
        return directory.find(AcdQueue.class, number).isPresent();
    }

    @Override
    public void take(Leg caller, String number, Optional<String> divertedFrom) {
        AcdQueue queue = directory.find(AcdQueue.class, number).orElseThrow();
        QueuedCall call = new QueuedCall(queue, caller, arrivals++);
        caller.progress(call);
        caller.wire(new ToneSource(TONE_AMPLITUDE, queue.toneHertz()), (samples, count) -> { });
        board.answer(caller);
        waiting.add(call);
        dispatch();
    }

    /** An agent who becomes Ready may take a waiting call: looked at once the change is done. */
    void agentChanged(AcdUser user) {
        if (user.state() == AcdState.READY && !waiting.isEmpty()) {
            worker.execute(this::dispatch);
        }
    }

    /** Offers each waiting call, oldest first, to the agent of its queue who has been Ready longest. */
    private void dispatch() {
        for (QueuedCall call : List.copyOf(waiting)) {
            agents.longestAvailable(call.queue).ifPresent(call::offer);
        }
    }

    private void requeue(QueuedCall call) {
        waiting.add(call);
        waiting.sort(Comparator.comparingLong(queued -> queued.arrival));
        worker.execute(this::dispatch);
    }

    /** A caller of a queue, from the moment the queue answers until the call ends. */
    private final class QueuedCall implements Leg.Progress {
        final AcdQueue queue;
        final Leg caller;
        final long arrival;
        /** The agent the call rings at or is connected with, if any. */
        Offer offer;

        QueuedCall(AcdQueue queue, Leg caller, long arrival) {
            this.queue = queue;
            this.caller = caller;
            this.arrival = arrival;
        }

        void offer(AcdAgents.Agent agent) {
            waiting.remove(this);
            offer = new Offer(this, agent);
            offer.ring();
        }

        /** The caller hung up. */
        @Override
        public void ended(Leg leg) {
            waiting.remove(this);
            if (offer != null) {
                offer.withdraw();
            }
        }
    }

    /**
     * The call at one agent: it rings at the agent's extension, is connected with the caller when the
     * agent answers (or someone picks it up), and the agent's phone leg is then watched for hold
     * and hang-up.
     */
    private final class Offer implements CallRouting.Answer {
        private final QueuedCall call;
        private final AcdAgents.Agent agent;
        private CallRouting.Ringing ringing;
        private ScheduledFuture<?> noAnswer;
        private boolean answered;
        private boolean over;

        Offer(QueuedCall call, AcdAgents.Agent agent) {
            this.call = call;
            this.agent = agent;
        }

        void ring() {
            agents.offer(agent);
            ringing = routing.ring(agent.extension, call.caller.number(), this);
            if (!over) {
                noAnswer = worker.schedule(this::ringOut, call.queue.ringTimeoutSeconds() * 1000L);
            }
        }

        @Override
        public void ringing() {
            if (!over) {
                agents.callState(agent, AcdState.RESERVED);
            }
        }

        @Override
        public void answered(Leg phone) {
            if (over) {
                board.hangUp(phone);
                return;
            }
            noAnswer.cancel(false);
            Bridge.connect(call.caller, phone);
            if (!agent.extension.equals(phone.line()) || phone.side() != Leg.Side.CALLEE) {
                // Someone else picked the call up: it is theirs, and the agent is free again.
                over = true;
                agents.withdrawn(agent);
                return;
            }
            answered = true;
            agents.callState(agent, AcdState.TALKING);
            phone.progress(new AgentPhone());
            phone.byeAnswer(new ByeAnswer());
        }

        @Override
        public void refused(int status, Optional<String> redirectedTo) {
            if (!over) {
                over = true;
                if (noAnswer != null) {
                    noAnswer.cancel(false);
                }
                agents.notAnswered(agent);
                requeue(call);
            }
        }

        private void ringOut() {
            if (!over) {
                over = true;
                ringing.cancel();
                agents.notAnswered(agent);
                requeue(call);
            }
        }

        /** The caller hung up: the agent's phone stops ringing, or the call ends as any call does. */
        void withdraw() {
            if (!over && !answered) {
                over = true;
                noAnswer.cancel(false);
                ringing.cancel();
                agents.withdrawn(agent);
            }
        }

        private void finish() {
            if (!over) {
                over = true;
                agents.callEnded(agent, call.queue);
            }
        }

        /** The agent's phone: it holds and resumes the call, and hangs up or is hung up. */
        private final class AgentPhone implements Leg.Progress {
            @Override
            public void sessionChanged(Leg phone) {
                if (!over) {
                    agents.callState(agent, phone.isHeldByPeer() ? AcdState.HOLD : AcdState.TALKING);
                }
            }

            @Override
            public void ended(Leg phone) {
                // When the server hung up the phone, the agent is done once the phone says so (ByeAnswer).
                if (!phone.endedByServer()) {
                    finish();
                }
            }
        }

        /** The agent's phone answered the server's BYE: the call is over there too. */
        private final class ByeAnswer implements Exchange {
            @Override
            public void response(Response response, ClientTransaction transaction) {
                if (response.getStatusCode() >= 200) {
                    finish();
                }
            }

            @Override
            public void failed(String reason) {
                finish();
            }
        }
    }
}
