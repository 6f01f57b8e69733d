package io.vtgoconnect.callmanager.internal.endpoints;

import io.vtgoconnect.callmanager.internal.CallManager;
import io.vtgoconnect.callmanager.internal.calls.Bridge;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.sipstack.SerialWorker;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sip.address.SipURI;
import javax.sip.message.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The virtual phones of the directory: they take calls to their numbers as their behaviour says,
 * and call out when told to (cm:call), by calling the server itself like any phone would.
 */
@Component(immediate = true, service = {NumberService.class, TestEndpoints.class})
public final class TestEndpoints implements NumberService {
    private static final int TONE_AMPLITUDE = 8000;

    private final Switchboard board;
    private final Directory directory;
    private final SerialWorker worker;
    /** Every call an endpoint is in: legs to or from the endpoint, seen from the server. */
    private final List<EndpointCall> calls = new ArrayList<>();
    /** Numbers only an endpoint standing in dials, and who takes the leg that arrives for each. */
    private final Map<String, Consumer<Leg>> standIns = new HashMap<>();
    private int standInSerial;

    /** One call of an endpoint, and its leg. */
    public record EndpointCall(String endpoint, String otherParty, Leg leg) {
    }

    @Activate
    public TestEndpoints(@Reference CallManager server) {
        this.board = server.board();
        this.directory = server.directory();
        this.worker = server.worker();
    }

    @Override
    public boolean handles(String number) {
        return directory.find(TestEndpoint.class, number).isPresent() || standIns.containsKey(number);
    }

    @Override
    public void take(Leg caller, String number, Optional<String> divertedFrom) {
        Consumer<Leg> standIn = standIns.remove(number);
        if (standIn != null) {
            board.answer(caller);
            standIn.accept(caller);
            return;
        }
        TestEndpoint endpoint = directory.find(TestEndpoint.class, number).orElseThrow();
        if (endpoint.behaviour() == TestEndpoint.Behaviour.BUSY) {
            board.reject(caller, Response.BUSY_HERE);
            return;
        }
        EndpointCall call = new EndpointCall(number, caller.number(), caller);
        calls.add(call);
        caller.progress(new Leg.Progress() {
            @Override
            public void ended(Leg leg) {
                calls.remove(call);
            }
        });
        board.ringing(caller);
        if (endpoint.behaviour() != TestEndpoint.Behaviour.NEVER) {
            worker.schedule(() -> answer(call, endpoint), endpoint.answerDelayMillis());
        }
    }

    private void answer(EndpointCall call, TestEndpoint endpoint) {
        if (!call.leg().isWaitingForAnswer()) {
            return;
        }
        speak(call.leg(), endpoint);
        board.answer(call.leg());
    }

    /** What the endpoint says and does with what it hears. */
    private static void speak(Leg leg, TestEndpoint endpoint) {
        switch (endpoint.behaviour()) {
            case ECHO -> {
                Echo echo = new Echo();
                leg.wire(echo, echo);
            }
            case TONE -> leg.wire(new ToneSource(TONE_AMPLITUDE, endpoint.toneHertz()), AudioSink.discard());
            default -> leg.wire(AudioSource.silence(), AudioSink.discard());
        }
    }

    /**
     * The endpoint talking with the leg calls in through the server, as cm:call does, so that a leg
     * of its own stands for it: that leg is bridged with the other one, then handed to {@code ready}
     * (a transfer or a park then moves it like any party's). @return false when no endpoint talks with the leg
     */
    public boolean standIn(Leg other, Consumer<Leg> ready) {
        Optional<EndpointCall> talking = calls.stream().filter(call -> call.leg() == other && !call.leg().isWaitingForAnswer())
                .findFirst();
        if (talking.isEmpty()) {
            return false;
        }
        calls.remove(talking.get());
        String number = "stand-in-" + ++standInSerial;
        standIns.put(number, standing -> {
            Bridge.connect(standing, other);
            ready.accept(standing);
        });
        try {
            call(talking.get().endpoint(), number);
            return true;
        } catch (ParseException | RuntimeException e) {
            // The endpoint cannot call in: the transfer is refused (403), as for a party that cannot take part.
            standIns.remove(number);
            calls.add(talking.get());
            return false;
        }
    }

    /** cm:answer: the endpoint answers the call ringing at it. @return whether one rang */
    public boolean answer(String number) {
        Optional<EndpointCall> ringing = calls.stream()
                .filter(call -> call.endpoint().equals(number) && call.leg().isWaitingForAnswer()).findFirst();
        ringing.ifPresent(call -> {
            speak(call.leg(), directory.find(TestEndpoint.class, number).orElseThrow());
            board.answer(call.leg());
        });
        return ringing.isPresent();
    }

    /** cm:call: the endpoint calls the number through the server. */
    public void call(String from, String to) throws ParseException {
        TestEndpoint endpoint = directory.find(TestEndpoint.class, from)
                .orElseThrow(() -> new IllegalArgumentException(from + " is not a test endpoint"));
        SipURI self = (SipURI) board.address(to).getURI();
        Leg.Progress progress = new Leg.Progress() {
            @Override
            public void answered(Leg leg) {
                speak(leg, endpoint);
            }

            @Override
            public void failed(Leg leg, int status, String reason, Optional<String> redirectedTo) {
                calls.removeIf(call -> call.leg() == leg);
            }

            @Override
            public void ended(Leg leg) {
                calls.removeIf(call -> call.leg() == leg);
            }
        };
        board.call(self, to, from, progress, List.of()).ifPresent(leg -> calls.add(new EndpointCall(from, to, leg)));
    }

    /** cm:hangup: the endpoint hangs up all its calls. @return how many */
    public int hangUp(String number) {
        List<EndpointCall> ending = calls.stream().filter(call -> call.endpoint().equals(number)).toList();
        ending.forEach(call -> board.hangUp(call.leg()));
        calls.removeAll(ending);
        return ending.size();
    }

    public List<EndpointCall> calls() {
        return List.copyOf(calls);
    }
}
