package io.vtgoconnect.ipcc.internal;

import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.event.AgentStateUpdate;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.callmanager.internal.AcdTestServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Benchmark: N agents logged in on the embedded ACD, each changing state in a loop (Ready, then Not
 * Ready with reason 2) through the IPCC client in push mode, as IPCCState does. Prints the state
 * changes per second and the latency from the command to the agent-state event (p50, p99, max),
 * measured after a warm-up, with the process's CPU.
 * Usage: AgentStateBench [--seconds S] [--warmup S] [agents ...]   (10 s after 3 s, 500 agents)
 */
public final class AgentStateBench {
    private static final String PASSWORD = "bench";
    private static final int FIRST_EXTENSION = 3000;

    private AgentStateBench() {
    }

    public static void main(String[] arguments) throws Exception {
        int seconds = 10;
        int warmup = 3;
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--seconds" -> seconds = Integer.parseInt(arguments[++i]);
                case "--warmup" -> warmup = Integer.parseInt(arguments[++i]);
                default -> counts.add(Integer.parseInt(arguments[i]));
            }
        }
        if (counts.isEmpty()) {
            counts.add(500);
        }
        System.out.printf(Locale.ROOT, "%-7s %9s %12s %9s %9s %9s %8s%n", "agents", "changes", "changes/s", "p50 ms",
                "p99 ms", "max ms", "cpu %");
        for (int agents : counts) {
            run(agents, warmup, seconds);
        }
        System.exit(0);
    }

    private static void run(int agents, int warmupSeconds, int seconds) throws Exception {
        try (AcdTestServer server = new AcdTestServer()) {
            FinesseClient client = new FinesseClient(URI.create(server.agentApi()), Duration.ofSeconds(30));
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bench-ipcc");
                thread.setDaemon(true);
                return thread;
            });
            long start = System.nanoTime();
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
            List<Desk> desks = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                String id = String.format(Locale.ROOT, "bench%03d", i);
                String extension = Integer.toString(FIRST_EXTENSION + i);
                server.addAgent(id, PASSWORD);
                server.addLine(extension);
                desks.add(new Desk(id, extension, client, executor, measureFrom, end));
            }
            CountDownLatch done = new CountDownLatch(agents);
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            for (Desk desk : desks) {
                Thread thread = new Thread(() -> {
                    try {
                        desk.run();
                    } finally {
                        done.countDown();
                    }
                }, "bench-" + desk.id);
                thread.setDaemon(true);
                thread.start();
            }
            done.await();
            double cpuPercent = 100.0 * (processCpuNanos() - cpuBefore) / (System.nanoTime() - wallBefore);
            long[] latencies = desks.stream().flatMapToLong(desk -> desk.latencies.stream().mapToLong(Long::longValue))
                    .sorted().toArray();
            long failures = desks.stream().mapToLong(desk -> desk.failures).sum();
            System.out.printf(Locale.ROOT, "%-7d %9d %12.0f %9.2f %9.2f %9.2f %8.0f%s%n", agents, latencies.length,
                    latencies.length / (double) seconds, millis(percentile(latencies, 50)), millis(percentile(latencies, 99)),
                    millis(latencies.length == 0 ? 0 : latencies[latencies.length - 1]), cpuPercent,
                    failures == 0 ? "" : "   (" + failures + " commands failed)");
            executor.shutdownNow();
        }
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One agent's desktop: logs in, then changes state until the end, timing each change to its event. */
    private static final class Desk implements EventAdmin {
        final String id;
        final String extension;
        final IpccAgent agent;
        final long measureFrom;
        final long end;
        final List<Long> latencies = new ArrayList<>();
        final BlockingQueue<AgentState> states = new LinkedBlockingQueue<>();
        long failures;

        Desk(String id, String extension, FinesseClient client, ScheduledExecutorService executor, long measureFrom, long end) {
            this.id = id;
            this.extension = extension;
            this.agent = new IpccAgent("", client, this, executor, IpccAgent.Mode.PUSH, Duration.ofSeconds(1));
            this.measureFrom = measureFrom;
            this.end = end;
        }

        void run() {
            try {
                agent.login(id, PASSWORD, extension);
                await(AgentState.NOT_READY);
                List<IpccAgent.Request> loop = Arrays.asList(IpccAgent.Request.READY, IpccAgent.Request.NOT_READY);
                for (int i = 0; System.nanoTime() < end; i++) {
                    IpccAgent.Request request = loop.get(i % 2);
                    long sent = System.nanoTime();
                    agent.changeState(request, request == IpccAgent.Request.NOT_READY ? Optional.of("2") : Optional.empty());
                    await(request.state);
                    if (sent >= measureFrom && System.nanoTime() <= end) {
                        latencies.add(System.nanoTime() - sent);
                    }
                }
            } catch (RuntimeException | InterruptedException e) {
                failures++;
                System.err.println(id + ": " + e.getMessage());
            } finally {
                agent.close();
            }
        }

        private void await(AgentState expected) throws InterruptedException {
            while (true) {
                AgentState state = states.poll(30, TimeUnit.SECONDS);
                if (state == null) {
                    throw new IllegalStateException("no " + expected + " within 30 s");
                }
                if (state == expected) {
                    return;
                }
            }
        }

        @Override
        public void postEvent(Event event) {
            sendEvent(event);
        }

        @Override
        public void sendEvent(Event event) {
            if (event.getProperty(EventProperties.EVENT) instanceof AgentStateUpdate update && update.refusal().isEmpty()) {
                states.add(update.state());
            }
        }
    }
}
