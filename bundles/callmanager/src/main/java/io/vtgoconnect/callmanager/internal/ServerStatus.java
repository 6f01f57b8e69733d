package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.calls.Bridge;
import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.endpoints.TestEndpoint;
import io.vtgoconnect.callmanager.internal.endpoints.TestEndpoints;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The server's state as an operator reads it: registered lines and their contacts, the calls
 * (bridges and their legs), the test endpoints and what overload cost. Reads the registrar and
 * the switchboard, so it runs on the server's worker.
 */
final class ServerStatus {
    private ServerStatus() {
    }

    /**
     * Each registered line with its contacts and the seconds each has left, then the calls: each
     * bridge with its legs, and the legs in no bridge (an endpoint's, a call still ringing).
     */
    static String of(Registrar registrar, Switchboard board, List<TestEndpoints.EndpointCall> endpointCalls) {
        StringBuilder text = new StringBuilder();
        Map<String, List<Registrar.Binding>> registrations = new TreeMap<>(registrar.all());
        long now = System.currentTimeMillis();
        text.append("Registrations:").append(registrations.isEmpty() ? " none" : "");
        registrations.forEach((number, bindings) -> bindings.forEach(binding -> text.append("\n  ").append(number)
                .append(" -> ").append(binding.contact()).append(" (").append(binding.secondsLeft(now)).append(" s left)")));

        Map<Bridge, List<Leg>> bridges = new LinkedHashMap<>();
        List<Leg> alone = new ArrayList<>();
        List<Leg> legs = board.legs();
        legs.sort(Comparator.comparing(Leg::number).thenComparing(Leg::side));
        for (Leg leg : legs) {
            leg.bridge().ifPresentOrElse(bridge -> bridges.computeIfAbsent(bridge, Bridge::members), () -> alone.add(leg));
        }
        text.append("\nCalls:").append(bridges.isEmpty() && alone.isEmpty() ? " none" : "");
        int n = 0;
        for (Map.Entry<Bridge, List<Leg>> bridge : bridges.entrySet()) {
            text.append("\n  ").append(bridge.getKey().endsWhenAlone() ? "call " : "conference ").append(++n).append(": ")
                    .append(bridge.getValue().stream().map(ServerStatus::describe).collect(Collectors.joining(", ")));
        }
        Map<Leg, String> endpointOf = endpointCalls.stream()
                .collect(Collectors.toMap(TestEndpoints.EndpointCall::leg, TestEndpoints.EndpointCall::endpoint, (a, b) -> a));
        for (Leg leg : alone) {
            String endpoint = endpointOf.get(leg);
            text.append("\n  ").append(endpoint == null ? "not bridged" : "endpoint " + endpoint).append(": ").append(describe(leg));
        }
        return text.toString();
    }

    /** The RTP packets the server sent since it started, relayed and its own, as one more line; nothing before the first. */
    static String media(long rtpPacketsSent) {
        return rtpPacketsSent == 0 ? "" : "\nMedia: " + rtpPacketsSent + " RTP packets sent";
    }

    /** What overload cost since the server started, as one more line; nothing before the first refusal or drop. */
    static String overload(long callsRefused, long datagramsDropped) {
        if (callsRefused == 0 && datagramsDropped == 0) {
            return "";
        }
        return "\nOverload: " + callsRefused + " new calls refused with 503, " + datagramsDropped
                + " SIP datagrams dropped unread (intake full)";
    }

    /** The test endpoints by number, with what each does with a call. */
    static String endpoints(Directory directory) {
        Map<String, TestEndpoint> endpoints = new TreeMap<>();
        directory.all(TestEndpoint.class).forEach(endpoint -> endpoints.put(endpoint.number(), endpoint));
        if (endpoints.isEmpty()) {
            return "No test endpoint is configured.";
        }
        return endpoints.values().stream().map(ServerStatus::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(TestEndpoint endpoint) {
        String behaviour = endpoint.behaviour().name();
        return switch (endpoint.behaviour()) {
            case BUSY, NEVER -> endpoint.number() + "  " + behaviour;
            case TONE -> endpoint.number() + "  " + behaviour + " " + endpoint.toneHertz() + " Hz, answers after "
                    + endpoint.answerDelayMillis() + " ms";
            default -> endpoint.number() + "  " + behaviour + ", answers after " + endpoint.answerDelayMillis() + " ms";
        };
    }

    /** e.g. {@code 2001 (caller, connected)}. */
    private static String describe(Leg leg) {
        return leg.number() + " (" + leg.side().name().toLowerCase(Locale.ROOT) + ", " + state(leg) + ")";
    }

    private static String state(Leg leg) {
        // A caller's leg is connected once the server answered it (its ACK may still be on the way).
        if (leg.state() == Leg.State.INVITING) {
            return leg.side() == Leg.Side.CALLER ? "calling" : "ringing";
        }
        return leg.isHeldByPeer() ? "holding" : "connected";
    }
}
