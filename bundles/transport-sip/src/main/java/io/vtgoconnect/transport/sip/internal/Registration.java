package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipdns.SipTarget;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.SerialWorker;
import io.vtgoconnect.sipstack.SipEndpoint;
import io.vtgoconnect.sipstack.SipTransportKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Keeps one line registered: registers, refreshes before expiry, checks the link with keep-alives,
 * and after a refusal or a lost link retries with a growing back-off. Over UDP a keep-alive is an
 * OPTIONS to the line's own address of record, so that the call server answers it only while it
 * knows the line: a server that restarted and lost the line answers 404 (or 480, 481), one that is
 * gone answers nothing; either is noticed at the next keep-alive. Over TCP and TLS it is a ping on
 * the connection the line registered on (RFC 5626 4.4.1), which a server answers on that very
 * connection; a connection lost, or without a pong in time, is noticed the same way. A call server named
 * by a host name is found through DNS (see {@link CallServerLocation}): when the server in use
 * does not answer, answers 503 or cannot be reached, the line registers at once with the next one
 * DNS gave. Runs on the phone's worker only.
 */
final class Registration {
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long LONGEST_RETRY_MILLIS = 60_000;
    /** A keep-alive unanswered this long (or half its interval, if shorter) means the link is lost. */
    private static final long LONGEST_KEEPALIVE_WAIT_MILLIS = 4000;
    /** After a ping, how much longer than the stack's pong timeout the phone waits before it counts the pong as come. */
    private static final long PONG_SLACK_MILLIS = 1000;
    /** What a call server answers to a line it does not know (any more). */
    private static final Set<Integer> LINE_UNKNOWN = Set.of(Response.NOT_FOUND, Response.TEMPORARILY_UNAVAILABLE,
            Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);

    /** What the phone hears of the registration. */
    interface Outcome {
        void registered();

        void lost(String reason);

        void keptAlive();
    }

    private final SipLine line;
    private final CallServerLocation location;
    private final PhoneStack stack;
    private final SerialWorker worker;
    private final Outcome outcome;
    private final CallIdHeader callId;
    private long cseq;
    private boolean registered;
    /** Whether the loss was reported since the last success, so that retries report it once. */
    private boolean lossReported;
    private long retryMillis = FIRST_RETRY_MILLIS;
    /** The next REGISTER: a refresh or a retry. */
    private ScheduledFuture<?> registerTimer;
    /** The next keep-alive, or the deadline of the one sent. */
    private ScheduledFuture<?> keepAliveTimer;
    private boolean stopped;
    private int keepAliveSerial;
    /** Where the last ping went, and the server DNS named there, if it did. */
    private InetSocketAddress pinged;
    private Optional<SipTarget> pingedTarget = Optional.empty();

    Registration(SipLine line, CallServerLocation location, PhoneStack stack, SerialWorker worker, Outcome outcome) {
        this.line = line;
        this.location = location;
        this.stack = stack;
        this.worker = worker;
        this.outcome = outcome;
        this.callId = stack.messages().newCallId();
    }

    void start() {
        withServer(target -> sendRegister(line.expirySeconds(), new RegisterExchange(target)));
    }

    /**
     * Runs {@code then} with the server DNS names now (none for an IP literal), at once or once DNS
     * answered; when DNS names none, the line is lost. A registration stopped meanwhile does nothing.
     */
    private void withServer(Consumer<Optional<SipTarget>> then) {
        location.locate(target -> {
            if (!stopped) {
                then.accept(target);
            }
        }, notFound -> {
            if (!stopped) {
                lose("its call server cannot be found: " + notFound.getMessage(), retryMillis);
            }
        });
    }

    /** Removes the registration; {@code done} runs once the registrar answered or gave up. */
    void stop(Runnable done) {
        stopped = true;
        registerTimer = cancel(registerTimer);
        keepAliveTimer = cancel(keepAliveTimer);
        if (!registered) {
            done.run();
            return;
        }
        registered = false;
        sendRegister(0, new Exchange() {
            @Override
            public void response(Response response, ClientTransaction transaction) {
                if (response.getStatusCode() >= 200) {
                    done.run();
                }
            }

            @Override
            public void failed(String reason) {
                done.run();
            }
        });
    }

    private void sendRegister(int expires, Exchange exchange) {
        try {
            SipMessages messages = stack.messages();
            Request request = messages.request(line, Request.REGISTER, messages.serverUri(line),
                    messages.addressOfRecord(line), callId, ++cseq);
            request.addHeader(messages.headers().createExpiresHeader(expires));
            stack.sender().send(request, line, exchange);
        } catch (ParseException | InvalidArgumentException e) {
            exchange.failed("cannot build REGISTER: " + e.getMessage());
        }
    }

    private final class RegisterExchange implements Exchange {
        /** The server it went to, when DNS named it. */
        private final Optional<SipTarget> target;

        RegisterExchange(Optional<SipTarget> target) {
            this.target = target;
        }

        @Override
        public void response(Response response, ClientTransaction transaction) {
            followCSeq(response);
            int status = response.getStatusCode();
            if (status < 200 || stopped) {
                return;
            }
            if (status < 300) {
                succeeded(grantedSeconds(response));
            } else if (status == Response.SERVICE_UNAVAILABLE) {
                serverFailed("registration refused by " + location.describe(target) + ": " + status + " "
                        + response.getReasonPhrase(), target);
            } else {
                lose("registration refused: " + status + " " + response.getReasonPhrase(), retryMillis);
            }
        }

        @Override
        public void failed(String reason) {
            if (!stopped) {
                serverFailed("registration failed: " + reason, target);
            }
        }
    }

    /** The server did not answer, or answered 503: the next one DNS gave at once, else the same after a back-off. */
    private void serverFailed(String reason, Optional<SipTarget> target) {
        lose(reason, location.moveOn(target) ? 0 : retryMillis);
    }

    /** The request sent again with credentials took the next CSeq; later requests follow it. */
    private void followCSeq(Response response) {
        cseq = Math.max(cseq, ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
    }

    private void succeeded(int grantedSeconds) {
        retryMillis = FIRST_RETRY_MILLIS;
        lossReported = false;
        if (!registered) {
            registered = true;
            outcome.registered();
        }
        registerTimer = schedule(registerTimer, this::start, refreshDelayMillis(grantedSeconds));
        if (line.keepAliveSeconds() > 0 && keepAliveTimer == null) {
            scheduleKeepAlive();
        }
    }

    /** Refreshes halfway through a short registration, or a minute early for a long one. */
    static long refreshDelayMillis(int grantedSeconds) {
        long seconds = grantedSeconds <= 120 ? Math.max(1, grantedSeconds / 2) : grantedSeconds - 60;
        return seconds * 1000L;
    }

    private int grantedSeconds(Response response) {
        ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
        if (contact != null && contact.getExpires() > 0) {
            return contact.getExpires();
        }
        ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
        return expires != null && expires.getExpires() > 0 ? expires.getExpires() : line.expirySeconds();
    }

    /** Reports the loss once, and registers again after the delay (growing the back-off, unless moving on at once). */
    private void lose(String reason, long retryAfterMillis) {
        registered = false;
        if (!lossReported) {
            lossReported = true;
            outcome.lost(reason);
        }
        keepAliveTimer = cancel(keepAliveTimer);
        registerTimer = schedule(registerTimer, this::start, retryAfterMillis);
        if (retryAfterMillis > 0) {
            retryMillis = Math.min(LONGEST_RETRY_MILLIS, retryMillis * 2);
        }
    }

    private void scheduleKeepAlive() {
        keepAliveTimer = schedule(keepAliveTimer, this::sendKeepAlive,
                keepAliveDelayMillis(line.keepAliveSeconds(), ThreadLocalRandom.current()));
    }

    /**
     * The wait before the next keep-alive: a random 80 to 100 % of the interval, as RFC 5626 4.4.1 has it, so
     * that the lines of a farm, registered within seconds of each other, do not all send theirs at once.
     */
    static long keepAliveDelayMillis(int intervalSeconds, RandomGenerator random) {
        long interval = intervalSeconds * 1000L;
        return interval - random.nextLong(interval / 5 + 1);
    }

    /**
     * Over UDP an OPTIONS to the line's own address at its registrar: an answer proves the
     * registration, unless it says the line is unknown; none in time means the link is lost. Over
     * TCP and TLS an OPTIONS to the call server itself on the line's connection, then, once it is
     * answered, a ping on that connection (see {@link #sendPing}).
     */
    private void sendKeepAlive() {
        withServer(this::sendKeepAlive);
    }

    private void sendKeepAlive(Optional<SipTarget> target) {
        boolean datagrams = line.transport() == SipTransportKind.UDP;
        int serial = ++keepAliveSerial;
        Exchange exchange = new Exchange() {
            @Override
            public void response(Response response, ClientTransaction transaction) {
                int status = response.getStatusCode();
                if (status < 200 || serial != keepAliveSerial || stopped) {
                    return;
                }
                if (!datagrams) {
                    sendPing(target, serial);
                } else if (LINE_UNKNOWN.contains(status)) {
                    keepAliveSerial++;
                    lose("keep-alive: the call server no longer knows the line (" + status + " " + response.getReasonPhrase()
                            + ")", retryMillis);
                } else {
                    keepAliveSerial++;
                    outcome.keptAlive();
                    scheduleKeepAlive();
                }
            }

            @Override
            public void failed(String reason) {
                if (serial == keepAliveSerial && !stopped) {
                    keepAliveSerial++;
                    serverFailed("keep-alive failed: " + reason, target);
                }
            }
        };
        keepAliveTimer = schedule(keepAliveTimer, () -> exchange.failed("no answer from " + location.describe(target) + " within "
                + keepAliveWaitMillis() + " ms"), keepAliveWaitMillis());
        try {
            SipMessages messages = stack.messages();
            Request options = messages.request(line, Request.OPTIONS,
                    datagrams ? messages.numberUri(line, line.sipUser()) : messages.serverUri(line),
                    messages.addressOfRecord(line), messages.newCallId(), 1);
            stack.sender().send(options, line, exchange);
        } catch (ParseException | InvalidArgumentException e) {
            exchange.failed("cannot build OPTIONS: " + e.getMessage());
        }
    }

    /**
     * A ping (CRLFCRLF, RFC 5626 4.4.1) on the connection to the call server, which answers with a
     * pong (CRLF); a connection without a pong in time the stack closes, and {@link #pongMissing}
     * hears of it. Until then the connection counts as kept alive. It is sent only once the OPTIONS
     * before it is answered: JAIN-SIP takes a CRLF that follows a CRLF with no SIP message between
     * them for a ping of the server's, so that a second pong in a row would never count.
     */
    private void sendPing(Optional<SipTarget> target, int serial) {
        InetSocketAddress server = target.map(SipTarget::address).orElseGet(this::literalServer);
        pinged = server;
        pingedTarget = target;
        try {
            stack.endpoint().ping(line.transport(), server);
        } catch (IOException | RuntimeException e) {
            keepAliveSerial++;
            serverFailed("keep-alive failed: the connection to " + location.describe(target) + " is lost ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", target);
            return;
        }
        keepAliveTimer = schedule(keepAliveTimer, () -> {
            if (serial == keepAliveSerial) {
                keepAliveSerial++;
                outcome.keptAlive();
                scheduleKeepAlive();
            }
        }, SipEndpoint.PONG_TIMEOUT_MILLIS + PONG_SLACK_MILLIS);
    }

    /**
     * The address of the server the line's requests go to first (its outbound proxy, else its
     * registrar), when it is an IP literal (nothing is looked up for a literal).
     */
    private InetSocketAddress literalServer() {
        SipDestination server = line.firstHop();
        try {
            return new InetSocketAddress(InetAddress.getByName(server.host()), SipLine.portOf(server).orElseThrow());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an IP literal that is no address: " + server.host(), e);
        }
    }

    /** The stack closed the connection to {@code server}: no pong came back in time. */
    void pongMissing(InetSocketAddress server) {
        if (stopped || !registered || !server.equals(pinged)) {
            return;
        }
        keepAliveSerial++;
        serverFailed("keep-alive failed: no pong from " + location.describe(pingedTarget) + " within "
                + SipEndpoint.PONG_TIMEOUT_MILLIS + " ms", pingedTarget);
    }

    private long keepAliveWaitMillis() {
        return Math.min(LONGEST_KEEPALIVE_WAIT_MILLIS, Math.max(500, line.keepAliveSeconds() * 500L));
    }

    private ScheduledFuture<?> schedule(ScheduledFuture<?> previous, Runnable task, long delayMillis) {
        cancel(previous);
        return stopped ? null : worker.schedule(task, delayMillis);
    }

    private static ScheduledFuture<?> cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
        return null;
    }
}
