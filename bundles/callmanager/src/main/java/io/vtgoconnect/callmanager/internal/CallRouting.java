package io.vtgoconnect.callmanager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Where a call goes: a number a service answers (endpoints, features), else the registered
 * contacts of a directory line, all rung at once; the first to answer is bridged with the caller.
 * A redirect (3xx) is followed here. Runs on the server's worker.
 */
final class CallRouting {
    /** More redirects than this is a loop. */
    private static final int MAX_REDIRECTS = 5;

    private final Switchboard board;
    private final Registrar registrar;
    private final Directory directory;
    private final List<NumberService> services;

    CallRouting(Switchboard board, Registrar registrar, Directory directory, List<NumberService> services) {
        this.board = board;
        this.registrar = registrar;
        this.directory = directory;
        this.services = services;
    }

    /** A new INVITE from a user agent. */
    void invited(ServerTransaction transaction) throws Exception {
        Request invite = transaction.getRequest();
        String number = invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        if (number == null) {
            board.respond(transaction, Response.NOT_FOUND);
            return;
        }
        Optional<Leg> caller = board.acceptInvite(transaction, Switchboard.fromNumber(invite));
        caller.ifPresent(leg -> route(leg, number, Optional.empty(), 0));
    }

    /** Sends the caller's leg to the number. */
    void route(Leg caller, String number, Optional<String> divertedFrom, int redirects) {
        route(caller, number, divertedFrom, redirects, status -> { });
    }

    /** Sends the caller's leg to the number; {@code outcome} hears 200 once it is connected, or the refusal. */
    void route(Leg caller, String number, Optional<String> divertedFrom, int redirects, IntConsumer outcome) {
        Optional<NumberService> service = serviceOf(number);
        if (service.isPresent()) {
            service.get().take(caller, number, divertedFrom);
            outcome.accept(Response.OK);
            return;
        }
        if (directory.line(number).isEmpty()) {
            outcome.accept(Response.NOT_FOUND);
            board.reject(caller, Response.NOT_FOUND);
            return;
        }
        List<Registrar.Binding> contacts = registrar.contacts(number);
        if (contacts.isEmpty()) {
            outcome.accept(Response.TEMPORARILY_UNAVAILABLE);
            board.reject(caller, Response.TEMPORARILY_UNAVAILABLE);
            return;
        }
        new Ringing(caller, number, divertedFrom, redirects, outcome).start(contacts);
    }

    /**
     * Sends a leg that {@code transferor} transferred to the number. A service takes it as diverted
     * from the transferor (so voicemail records in the transferor's mailbox); a line is called as
     * usual, and one that redirects the call to voicemail makes it its own.
     */
    void transferred(Leg leg, String number, String transferor, IntConsumer outcome) {
        route(leg, number, serviceOf(number).map(service -> transferor), 0, outcome);
    }

    private Optional<NumberService> serviceOf(String number) {
        return services.stream().filter(service -> service.handles(number)).findFirst();
    }

    /** A call to a line: all its contacts ring until one answers, or all refuse. */
    private final class Ringing implements Leg.Progress {
        private final Leg caller;
        private final String number;
        private final Optional<String> divertedFrom;
        private final int redirects;
        private final IntConsumer outcome;
        private final List<Leg> callees = new ArrayList<>();
        private int refusals;
        private int bestRefusal = Response.TEMPORARILY_UNAVAILABLE;
        private boolean rang;
        private boolean settled;

        Ringing(Leg caller, String number, Optional<String> divertedFrom, int redirects, IntConsumer outcome) {
            this.caller = caller;
            this.number = number;
            this.divertedFrom = divertedFrom;
            this.redirects = redirects;
            this.outcome = outcome;
        }

        void start(List<Registrar.Binding> contacts) {
            caller.progress = new Leg.Progress() {
                @Override
                public void ended(Leg leg) {
                    // The caller gave up while it rang.
                    settle();
                }
            };
            for (Registrar.Binding binding : contacts) {
                board.call(binding.contact(), number, caller.number, this, List.of()).ifPresent(callees::add);
            }
            if (callees.isEmpty() && !settled) {
                settled = true;
                outcome.accept(Response.SERVICE_UNAVAILABLE);
                board.reject(caller, Response.SERVICE_UNAVAILABLE);
            }
        }

        /** Cancels every callee leg but the one given. */
        private void settle(Leg... keep) {
            settled = true;
            for (Leg callee : callees) {
                if (keep.length == 0 || callee != keep[0]) {
                    board.hangUp(callee);
                }
            }
        }

        @Override
        public void ringing(Leg callee) {
            if (!rang && !settled) {
                rang = true;
                board.ringing(caller);
            }
        }

        @Override
        public void answered(Leg callee) {
            if (settled || caller.ended) {
                board.hangUp(callee);
                return;
            }
            settle(callee);
            caller.progress = Leg.Progress.NONE;
            callee.progress = Leg.Progress.NONE;
            Bridge call = new Bridge(true);
            call.join(caller);
            call.join(callee);
            board.answer(caller);
            outcome.accept(Response.OK);
        }

        @Override
        public void failed(Leg callee, int status, String reason, Optional<String> redirectedTo) {
            if (settled) {
                return;
            }
            if (redirectedTo.isPresent() && redirects < MAX_REDIRECTS) {
                settle();
                caller.progress = Leg.Progress.NONE;
                route(caller, redirectedTo.get(), divertedFrom.or(() -> Optional.of(number)), redirects + 1, outcome);
                return;
            }
            // A busy line says so; otherwise the first refusal stands.
            if (status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE || refusals == 0) {
                bestRefusal = status / 100 == 3 ? Response.TEMPORARILY_UNAVAILABLE : status;
            }
            if (++refusals == callees.size()) {
                settled = true;
                outcome.accept(bestRefusal);
                board.reject(caller, bestRefusal);
            }
        }
    }
}
