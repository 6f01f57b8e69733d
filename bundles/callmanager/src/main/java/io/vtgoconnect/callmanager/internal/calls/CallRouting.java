package io.vtgoconnect.callmanager.internal.calls;

import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntConsumer;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Where a call goes: a number a service answers (endpoints, features), else the registered
 * contacts of a directory line, all rung at once; the first to answer is bridged with the caller.
 * A redirect (3xx) is followed here. A call to a line is plain: it runs on its partition (see
 * {@link Turns}); a call to a service is exclusive.
 */
public final class CallRouting {
    /** More redirects than this is a loop. */
    private static final int MAX_REDIRECTS = 5;

    private final Switchboard board;
    private final Registrar registrar;
    private final Directory directory;
    private final List<NumberService> services;
    /** Calls ringing at lines, the oldest first; the partitions add theirs side by side. */
    private final Collection<Ringing> ringing = new ConcurrentLinkedDeque<>();

    public CallRouting(Switchboard board, Registrar registrar, Directory directory, List<NumberService> services) {
        this.board = board;
        this.registrar = registrar;
        this.directory = directory;
        this.services = services;
    }

    /** A new INVITE from a user agent. */
    public void invited(ServerTransaction transaction) throws Exception {
        Request invite = transaction.getRequest();
        String number = invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        if (number == null) {
            board.respond(transaction, Response.NOT_FOUND);
            return;
        }
        accept(transaction).ifPresent(leg -> route(leg, number, Optional.empty(), 0));
    }

    /**
     * Takes a new INVITE as {@link Switchboard#acceptInvite} does; a caller whose From number is a
     * directory line is taken for that line's phone.
     */
    public Optional<Leg> accept(ServerTransaction transaction) throws SipException, ParseException, InvalidArgumentException {
        String from = Switchboard.fromNumber(transaction.getRequest());
        Optional<Leg> caller = board.acceptInvite(transaction, from);
        caller.ifPresent(leg -> leg.line(directory.line(from).map(DirectoryLine::number).orElse(null)));
        return caller;
    }

    /** Sends the caller's leg to the number. */
    public void route(Leg caller, String number, Optional<String> divertedFrom, int redirects) {
        route(caller, number, divertedFrom, redirects, status -> { });
    }

    /** Sends the caller's leg to the number; {@code outcome} hears 200 once it is connected, or the refusal. */
    public void route(Leg caller, String number, Optional<String> divertedFrom, int redirects, IntConsumer outcome) {
        Optional<NumberService> service = serviceOf(number);
        if (service.isPresent()) {
            service.get().take(caller, number, divertedFrom);
            outcome.accept(Response.OK);
            return;
        }
        Ringing call = new Ringing(number, caller, caller.number(), redirects < MAX_REDIRECTS, new Answer() {
            @Override
            public void ringing() {
                board.ringing(caller);
            }

            @Override
            public void answered(Leg callee) {
                if (caller.isEnded()) {
                    board.hangUp(callee);
                    return;
                }
                caller.progress(Leg.Progress.NONE);
                if (!board.agreeCodecs(caller, callee)) {
                    board.hangUp(callee);
                    outcome.accept(Response.NOT_ACCEPTABLE_HERE);
                    board.reject(caller, Response.NOT_ACCEPTABLE_HERE);
                    return;
                }
                Bridge.connect(caller, callee);
                board.answer(caller);
                outcome.accept(Response.OK);
            }

            @Override
            public void refused(int status, Optional<String> redirectedTo) {
                caller.progress(Leg.Progress.NONE);
                if (redirectedTo.isPresent()) {
                    route(caller, redirectedTo.get(), divertedFrom.or(() -> Optional.of(number)), redirects + 1, outcome);
                    return;
                }
                outcome.accept(status);
                board.reject(caller, status);
            }
        });
        caller.progress(new Leg.Progress() {
            @Override
            public void ended(Leg leg) {
                // The caller gave up while it rang.
                call.cancel();
            }
        });
        call.start();
    }

    /**
     * Sends a leg that {@code transferor} transferred to the number. A service takes it as diverted
     * from the transferor (so voicemail records in the transferor's mailbox); a line is called as
     * usual, and one that redirects the call to voicemail makes it its own.
     */
    public void transferred(Leg leg, String number, String transferor, IntConsumer outcome) {
        route(leg, number, serviceOf(number).map(service -> transferor), 0, outcome);
    }

    /** Whether a call to the number is plain: to a line, not to a number the server answers itself. */
    public boolean isPlain(String number) {
        return serviceOf(number).isEmpty();
    }

    private Optional<NumberService> serviceOf(String number) {
        return services.stream().filter(service -> service.handles(number)).findFirst();
    }

    /**
     * The server calls a line itself, from {@code callerNumber}: its contacts ring as for any caller.
     * The server may stop the ringing (an ACD's agent who does not answer).
     */
    public Ringing ring(String line, String callerNumber, Answer answer) {
        Ringing call = new Ringing(line, null, callerNumber, false, answer);
        call.start();
        return call;
    }

    /** The calls ringing at lines now, the oldest first; their legs are exclusive's from now on. */
    public List<Ringing> ringing() {
        List<Ringing> now = List.copyOf(ringing);
        for (Ringing call : now) {
            if (call.caller != null) {
                board.claim(call.caller);
            }
            call.callees.forEach(board::claim);
        }
        return now;
    }

    /** What becomes of a call to a line. */
    public interface Answer {
        /** The first contact rings. */
        default void ringing() {
        }

        /** A contact answered, or someone picked the call up; the other contacts were cancelled. */
        void answered(Leg leg);

        /**
         * Nobody will answer: the line is unknown (404) or not registered (480), or every contact
         * refused; a redirect (3xx) says where to when the call follows redirects.
         */
        void refused(int status, Optional<String> redirectedTo);
    }

    /** A call to a line: all its contacts ring until one answers, someone picks it up, or all refuse. */
    public final class Ringing implements Leg.Progress {
        private final String line;
        /** The caller's leg, when a caller rings the line (not the server itself). */
        private final Leg caller;
        private final String callerNumber;
        private final boolean followsRedirects;
        private final Answer answer;
        private final List<Leg> callees = new ArrayList<>();
        private int refusals;
        private int bestRefusal = Response.TEMPORARILY_UNAVAILABLE;
        private boolean rang;
        private boolean settled;

        private Ringing(String line, Leg caller, String callerNumber, boolean followsRedirects, Answer answer) {
            this.line = line;
            this.caller = caller;
            this.callerNumber = callerNumber;
            this.followsRedirects = followsRedirects;
            this.answer = answer;
        }

        /** The line that rings. */
        public String line() {
            return line;
        }

        /** The picker's leg answers in place of the line's phones, which stop ringing. */
        public void pickUp(Leg picker) {
            settle();
            answer.answered(picker);
        }

        private void start() {
            if (directory.line(line).isEmpty()) {
                refuse(Response.NOT_FOUND);
                return;
            }
            List<Registrar.Binding> contacts = registrar.contacts(line);
            if (contacts.isEmpty()) {
                refuse(Response.TEMPORARILY_UNAVAILABLE);
                return;
            }
            ringing.add(this);
            for (Registrar.Binding binding : contacts) {
                Optional<Leg> rung = caller != null ? board.call(binding.contact(), line, caller, this)
                        : board.call(binding.contact(), line, callerNumber, this, List.of());
                rung.ifPresent(callee -> {
                    callee.line(line);
                    if (caller != null) {
                        callee.sameCallAs(caller);
                    }
                    callees.add(callee);
                });
            }
            if (callees.isEmpty() && !settled) {
                refuse(Response.SERVICE_UNAVAILABLE);
            }
        }

        /** The caller gave up, or the server stops the ringing: every contact stops ringing. */
        public void cancel() {
            settle();
        }

        /** Cancels every callee leg but the one given. */
        private void settle(Leg... keep) {
            settled = true;
            ringing.remove(this);
            for (Leg callee : callees) {
                if (keep.length == 0 || callee != keep[0]) {
                    board.hangUp(callee);
                }
            }
        }

        private void refuse(int status) {
            settle();
            answer.refused(status, Optional.empty());
        }

        @Override
        public void ringing(Leg callee) {
            if (!rang && !settled) {
                rang = true;
                answer.ringing();
            }
        }

        @Override
        public void answered(Leg callee) {
            if (settled) {
                board.hangUp(callee);
                return;
            }
            settle(callee);
            callee.progress(Leg.Progress.NONE);
            answer.answered(callee);
        }

        @Override
        public void failed(Leg callee, int status, String reason, Optional<String> redirectedTo) {
            // A contact the INVITE could not even be sent to is not among the callees, and not counted.
            if (settled || !callees.contains(callee)) {
                return;
            }
            if (redirectedTo.isPresent() && followsRedirects) {
                settle();
                answer.refused(status, redirectedTo);
                return;
            }
            // A busy line says so; otherwise the first refusal stands.
            if (status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE || refusals == 0) {
                bestRefusal = status / 100 == 3 ? Response.TEMPORARILY_UNAVAILABLE : status;
            }
            if (++refusals == callees.size()) {
                refuse(bestRefusal);
            }
        }
    }
}
