#!/usr/bin/python3
"""ACD farm benchmark: N agents of one runtime taking queue calls on its embedded ACD, driven only through the
remote API. The runtime (the exported jar, as farm-api.py starts it) has a farm of N phones registered with its
call server, and N ACD agents (acd1..., one a phone, from the farm's `agent` pattern); each logs in with IPCCLogin on
its own phone's extension and goes Ready. SIPp then calls the queue's pilot 2100 from outside (a number that is no
line, as the queue is a public number) at a set rate, with G.711 media (the call server's queue tone, echoed back by
SIPp's -rtp_echo). Each call rings the Ready agent who has waited longest; its phone answers at TsRingIn (Answer over
the API), holds the call, ends it (EndCall), and the agent is Ready again (after the queue's wrap-up, if any).
A caller not routed within --patience (or, once routed, not ended within --patience and --hold) hangs up: abandoned.
Prints:
  - registration time of the farm, and the agents' logins;
  - agent-state event latency: IPCCState ready to its AgentState event (Ready) over the API, p50/p99, and, while
    calls run, the ACD's change to Reserved (the agent phone's TsRingIn, which the ACD causes at the same moment)
    to its AgentState event, and the agent's EndCall to its AgentState event (Ready) again;
  - calls offered vs routed (rang an agent) vs ended by the agent vs abandoned vs failed, and calls a second routed;
  - routing latency: SIPp's INVITE sent to the agent phone's TsRingIn (the event's time), p50/p99/max;
  - the API's delivery: an event's time (in the runtime) to its arrival in this client, p50/p99 (were it large, the
    latencies would be this client's);
  - RSS of the runtime (agents logged in, peak while calls run) and its CPU while calls run (per routed call too).
Options (defaults in brackets):
  --agents N     phones and agents [500]
  --rate R,...   calls SIPp offers a second; several (5,20,50) are run one after the other on the same farm [5]
  --seconds S    seconds SIPp offers calls [60]
  --hold S       seconds an agent holds each call before EndCall [3]
  --wrapup S     the queue's wrap-up seconds (Work, then Ready) [0]
  --patience S   seconds a caller waits for an agent: after --patience + --hold s with no BYE it hangs up [30]
  --batch K      IPCCLogin / IPCCState commands in flight at once while agents log in and go Ready [10]
Uses Debian's python3-websockets and sip-tester (sipp). Builds nothing (mvn -pl runtime -am install first). Opens ports:
run it in a network namespace of its own (unshare -n bash -c 'ip link set lo up; bench/acd-farm.py ...').
Stops the runtime and SIPp it started when it ends, also on error or Ctrl-C.
Usage: bench/acd-farm.py [--agents 500] [--rate 5[,20,...]] [--seconds 60] [--hold 3] [--wrapup 0] [--patience 30] [--batch 10]
"""

import argparse
import asyncio
import ctypes
import datetime
import importlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# farm-api.py's helpers (the API client, the port finders, /proc readings), shared rather than copied.
farm = importlib.import_module("farm-api")

PILOT = "2100"
LINE_FIRST = 30000  # phone n has line LINE_FIRST + n - 1
CALLER_PREFIX = "88"  # SIPp's caller number is 88<call number>: no line, and it names the call at the agent's phone
NOT_READY, READY, RESERVED = 3, 4, 10

# SIPp's caller: logs when it sends the INVITE (wall clock), takes the queue's answer, echoes its audio, and waits
# for the agent to end the call; after PATIENCE ms without that (its patience and the agent's hold) it hangs up.
SCENARIO = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="ACD queue caller">
  <nop><action><gettimeofday assign_to="sec,usec"/><log message="invite [call_number] [$sec] [$usec]"/></action></nop>
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:CALLER[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:CALLER[call_number]@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=- 1 1 IN IP[local_ip_type] [local_ip]
s=SIPp
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rrs="true"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[routes]
From: <sip:CALLER[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv request="BYE" timeout="PATIENCE" ontimeout="abandon"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
  <nop next="done"><action><log message="ended [call_number]"/></action></nop>
  <label id="abandon"/>
  <send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[routes]
From: <sip:CALLER[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200"/>
  <nop><action><log message="abandoned [call_number]"/></action></nop>
  <label id="done"/>
</scenario>
"""


def die_with_parent():
    """In a child before it runs: the kernel ends it when the benchmark ends, even killed outright."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def write(etc, name, *lines):
    with open(os.path.join(etc, name), "w") as file:
        file.write("\n".join(lines) + "\n")


class Runtime:
    """The runtime jar in batch mode (left waiting for a line that never comes, as bench/idle-rss.sh and farm-api.py
    run it) with a farm of `agents` phones (phone1..., lines from LINE_FIRST), each with an ACD agent (acd1...) of
    the line's password, the queue on PILOT (a public number: SIPp is no line), the IPCC client pointed at the
    call server's agent API, and one remote API user; a context manager that stops it and removes its folder, also
    on error."""

    def __init__(self, agents, wrapup):
        if not os.path.exists(farm.JAR):
            raise SystemExit("acd-farm.py: %s is missing; build it with mvn -pl runtime -am install" % farm.JAR)
        self.agents, self.wrapup = agents, wrapup
        self.http, self.sip = farm.free_port(), farm.free_port()
        self.url = "ws://127.0.0.1:%d/vtgo/api" % self.http
        self.password_pattern = "bench-{line}-%s" % secrets.token_hex(4)
        self.tmp = self.process = None

    def line_password(self, line):
        return self.password_pattern.replace("{line}", str(line))

    def etc_folder(self):
        etc = os.path.join(self.tmp, "etc")
        os.mkdir(etc)
        # The call server's directory and settings (reason codes among them); the phones are the farm's only.
        for name in os.listdir(os.path.join(farm.ROOT, "runtime/etc")):
            if name.startswith(("io.vtgoconnect.callmanager", "io.vtgoconnect.log", "org.apache.felix.fileinstall")):
                shutil.copy(os.path.join(farm.ROOT, "runtime/etc", name), etc)
        write(etc, "io.vtgoconnect.callmanager.cfg", "sip.port=%d" % self.sip, "public.numbers=" + PILOT,
              "voicemail.folder=%s/voicemail" % self.tmp)
        write(etc, "io.vtgoconnect.callmanager.queue-%s.cfg" % PILOT, "pilot=" + PILOT, "name=Bench", "ring.timeout=15",
              "wrapup=%d" % self.wrapup)
        write(etc, "io.vtgoconnect.ipcc.cfg", "server.url=http://127.0.0.1:%d/finesse" % self.http)
        write(etc, "org.ops4j.pax.web.cfg", "org.osgi.service.http.port=%d" % self.http,
              "org.ops4j.pax.web.listening.addresses=127.0.0.1")
        password = os.path.join(self.tmp, "farm.password")
        with open(password, "w") as file:
            file.write(self.password_pattern + "\n")
        os.chmod(password, 0o600)
        write(etc, "io.vtgoconnect.farm-bench.cfg", "count=%d" % self.agents, "line.first=%d" % LINE_FIRST,
              "registrar=127.0.0.1:%d" % self.sip, "password.file=" + password, "agent=acd{n}",
              "sip.port.first=%d" % farm.free_block(self.agents), "rtp.port.min=%d" % farm.RTP_MIN,
              "rtp.port.max=%d" % farm.RTP_MAX, "media.source=tone:440")
        write(etc, "io.vtgoconnect.remote.cfg", "requests.per.second=1000000", "request.burst=1000000",
              "queue.limit=100000", "max.wait=600")
        write(etc, "io.vtgoconnect.remote.user-bench.cfg", "name=" + farm.USER, ".password=" + farm.pbkdf2(farm.PASSWORD))
        return etc

    def __enter__(self):
        # A SIGTERM ends the benchmark as Ctrl-C does, through the clean-up of each `with` and `finally`.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        self.tmp = tempfile.mkdtemp(prefix="acd-farm-")
        try:
            etc = self.etc_folder()
            java = os.path.join(os.environ["JAVA_HOME"], "bin/java") if "JAVA_HOME" in os.environ else "java"
            self.process = subprocess.Popen(
                [java, *farm.FLAGS, "-Duser.home=" + self.tmp, "-Dvtgoconnect.home=" + os.path.join(farm.ROOT, "runtime"),
                 "-Dfelix.fileinstall.dir=" + etc, "-Dlaunch.storage.dir=" + os.path.join(self.tmp, "framework"),
                 "-jar", farm.JAR, "-c", "waitfor acd-farm-never-printed 86400"],
                stdout=open(os.path.join(self.tmp, "runtime.out"), "w"), stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, cwd=self.tmp, preexec_fn=die_with_parent)
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        return self

    def check_running(self):
        if self.process.poll() is not None:
            with open(os.path.join(self.tmp, "runtime.out")) as output:
                tail = output.read()[-2000:]
            raise SystemExit("acd-farm.py: the runtime ended (exit %d); the end of its output:\n%s"
                             % (self.process.returncode, tail))

    @property
    def pid(self):
        return self.process.pid

    def __exit__(self, *failure):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return False


async def register_all(client, phones):
    """RunProgram on every phone; returns the seconds until the last one is connected to the call server."""
    done, last, waiting = await farm.all_events(client, "CallManagerConnected", phones)
    start = time.monotonic()
    await asyncio.gather(*(client.run(phone, "RunProgram") for phone in phones))
    try:
        await asyncio.wait_for(done, 60 + len(phones) * 0.5)
    except asyncio.TimeoutError:
        raise SystemExit("acd-farm.py: %d phones never registered: %s" % (len(waiting), sorted(waiting)[:10]))
    return last[0] - start


def event_time(message):
    """The event's own time (when the phone posted it), as seconds of the wall clock."""
    return datetime.datetime.fromisoformat(message["time"].replace("Z", "+00:00")).timestamp()


class Agents:
    """What the farm's phones and agents report over the API: answers each queue call once, ends it after the hold,
    and keeps the times the figures need."""

    def __init__(self, client, hold):
        self.client = client
        self.hold = hold
        self.state_waiters = {}  # phone -> (agent state code, future of the perf_counter when it came)
        self.states = {}  # phone -> its agent's last state code
        self.ending = {}  # phone -> perf_counter of its EndCall
        self.back = asyncio.Event()  # set when an agent who ended a call is Ready again
        self.calls_running = False
        self.new_step()

    def new_step(self):
        """Forgets the calls of the rate before (all ended: SIPp has ended them) and their figures."""
        # Keyed by (phone, callRef): a call reference is unique within its phone only.
        self.rings = {}  # (phone, callRef) -> event time
        self.callers = {}  # (phone, callRef) -> caller number
        self.answered = set()
        self.hangup_to_ready = []
        self.ringing = {}  # phone -> perf_counter of its ring, until the ACD's Reserved comes
        self.ring_to_reserved = []
        self.not_ready_during_calls = 0
        self.ended_by_caller = 0
        self.faults = []
        self.delivery = []  # ms from each event's time (posted in the runtime) to its arrival here

    def wait_state(self, phone, code):
        future = asyncio.get_running_loop().create_future()
        self.state_waiters[phone] = (code, future)
        return future

    def heard(self, message):
        now = time.perf_counter()
        phone, event = message.get("phone"), message["event"]
        if self.calls_running:
            self.delivery.append(1000 * (time.time() - event_time(message)))
        if event == "AgentState":
            code = message["state"]["code"]
            self.states[phone] = code
            waiter = self.state_waiters.get(phone)
            if waiter and waiter[0] == code and not waiter[1].done():
                del self.state_waiters[phone]
                waiter[1].set_result(now)
            if code == READY and phone in self.ending:
                self.hangup_to_ready.append(1000 * (now - self.ending.pop(phone)))
                self.back.set()
            if code == RESERVED and phone in self.ringing:
                self.ring_to_reserved.append(1000 * (now - self.ringing.pop(phone)))
            if code == NOT_READY and self.calls_running:
                self.not_ready_during_calls += 1
        elif event == "IncomingCall":
            self.callers[phone, message["callRef"]] = message["callerId"]
        elif event == "LineUpdate" and message["state"]["name"] == "TsIdle":
            self.ringing.pop(phone, None)  # a Reserved that came before its ring is not paired with the next call's
        elif event == "LineUpdate" and message.get("direction") == "incoming":
            call, state = (phone, message["callRef"]), message["state"]["name"]
            # A ringing line is reported again once the caller is known: answer once.
            if state == "TsRingIn" and call not in self.rings:
                self.rings[call] = event_time(message)
                self.ringing[phone] = now
                self.act(self.client.run(phone, "Answer", str(message["callRef"])))
            elif state == "TsConnected" and call not in self.answered:
                self.answered.add(call)
                self.act(self.end_after_hold(phone, message["callRef"]))

    async def all_back(self, seconds):
        """Waits until every agent who ended a call is Ready again, for `seconds` at most."""
        end = time.monotonic() + seconds
        while self.ending and time.monotonic() < end:
            self.back.clear()
            try:
                await asyncio.wait_for(self.back.wait(), end - time.monotonic())
            except asyncio.TimeoutError:
                break

    async def end_after_hold(self, phone, call):
        await asyncio.sleep(self.hold)  # the agent talks: a duration, not a synchronisation
        self.ending[phone] = time.perf_counter()
        try:
            await self.client.run(phone, "EndCall", str(call))  # this call: the agent may be in the next already
        except RuntimeError as refused:
            self.ending.pop(phone, None)
            if "ERROR_NO_CALL" not in str(refused):
                raise
            self.ended_by_caller += 1  # the caller, out of patience, hung up first

    def act(self, coroutine):
        task = asyncio.ensure_future(coroutine)
        task.add_done_callback(lambda done: done.cancelled() or done.exception() is None
                               or self.faults.append(str(done.exception())))


async def in_batches(size, jobs):
    """Runs the coroutine functions of `jobs`, `size` at a time."""
    gate = asyncio.Semaphore(size)

    async def one(job):
        async with gate:
            return await job()

    return await asyncio.gather(*(one(job) for job in jobs))


async def ready(client, agents, phone):
    """IPCCState ready; the milliseconds until its AgentState event (Ready) came over the API."""
    came = agents.wait_state(phone, READY)
    sent = time.perf_counter()
    await client.run(phone, "IPCCState", "ready")
    return 1000 * (await asyncio.wait_for(came, 60) - sent)


async def log_in_and_ready(args, runtime, client, agents, phones):
    async def log_in(n):
        phone, line = phones[n - 1], LINE_FIRST + n - 1
        not_ready = agents.wait_state(phone, NOT_READY)
        await client.run(phone, "IPCCLogin", "acd%d" % n, runtime.line_password(line), str(line))
        await asyncio.wait_for(not_ready, 60)

    start = time.monotonic()
    await in_batches(args.batch, [lambda n=n: log_in(n) for n in range(1, args.agents + 1)])
    print("logins: %d agents logged in (IPCCLogin to Not Ready) in %.2f s, %d at a time"
          % (args.agents, time.monotonic() - start, args.batch))

    latencies = await in_batches(args.batch, [lambda phone=phone: ready(client, agents, phone) for phone in phones])
    print("agent state: IPCCState ready to its AgentState event (Ready) over the API, %d agents, %d at a time: "
          "p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (len(latencies), args.batch, farm.percentile(latencies, 50),
                                                     farm.percentile(latencies, 99), max(latencies)))


def start_sipp(args, rate, runtime, folder):
    scenario = os.path.join(folder, "acd-caller.xml")
    with open(scenario, "w") as file:
        file.write(SCENARIO.replace("CALLER", CALLER_PREFIX).replace("PATIENCE", str(int((args.patience + args.hold) * 1000))))
    log = os.path.join(folder, "acd-caller-%g.log" % rate)
    calls = max(1, round(rate * args.seconds))
    command = ["sipp", "127.0.0.1:%d" % runtime.sip, "-sf", scenario, "-s", PILOT, "-i", "127.0.0.1",
               "-p", str(farm.free_port()), "-mi", "127.0.0.1", "-mp", str(farm.free_port()), "-rtp_echo",
               "-r", str(rate), "-m", str(calls), "-l", str(calls), "-nostdin", "-trace_logs", "-log_file", log,
               "-timeout", "%ds" % (args.seconds + args.patience + args.hold + 60), "-timeout_error"]
    output = open(os.path.join(folder, "sipp.out"), "w")
    return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            preexec_fn=die_with_parent), log


def read_sipp_log(log):
    invites, ended, abandoned = {}, set(), set()
    if os.path.exists(log):
        with open(log) as lines:
            for line in lines:
                words = line.split()
                if len(words) == 4 and words[0] == "invite":
                    invites[words[1]] = float(words[2]) + float(words[3]) / 1e6
                elif len(words) == 2 and words[0] == "ended":
                    ended.add(words[1])
                elif len(words) == 2 and words[0] == "abandoned":
                    abandoned.add(words[1])
    return invites, ended, abandoned


async def calls(args, rate, runtime, agents, folder):
    print("-- %g calls a second offered for %.0f s:" % (rate, args.seconds))
    agents.new_step()
    pid = runtime.pid
    rss_before = farm.rss_mb(pid)
    agents.calls_running = True
    cpu_before, wall_before = farm.cpu_seconds(pid), time.monotonic()
    sipp, log = start_sipp(args, rate, runtime, folder)
    rss_peak = rss_before
    try:
        while sipp.poll() is None:
            runtime.check_running()
            rss_peak = max(rss_peak, farm.rss_mb(pid))
            await asyncio.sleep(0.5)  # sampling RSS while SIPp runs
    finally:
        if sipp.poll() is None:
            sipp.kill()
        sipp.wait()
    cpu, wall = farm.cpu_seconds(pid) - cpu_before, time.monotonic() - wall_before
    await agents.all_back(args.wrapup + 10)
    agents.calls_running = False
    if sipp.returncode not in (0, 1):
        with open(os.path.join(folder, "sipp.out")) as output:
            tail = output.read()[-2000:]
        raise SystemExit("acd-farm.py: SIPp ended with %d:\n%s" % (sipp.returncode, tail))

    invites, ended, abandoned = read_sipp_log(log)
    routed = {}
    for call, rang in agents.rings.items():
        caller = agents.callers.get(call, "")
        number = caller[len(CALLER_PREFIX):] if caller.startswith(CALLER_PREFIX) else None
        if number in invites and number not in routed:
            routed[number] = rang - invites[number]
    offered = len(invites)
    failed = offered - len(ended) - len(abandoned)
    first = min(invites.values()) if invites else 0
    last_ring = max(agents.rings.values(), default=first)
    offered_span = (max(invites.values()) - first) if offered > 1 else 1
    latencies = [1000 * seconds for seconds in routed.values()]
    print("calls: %d offered in %.1f s (%.2f a second), %d routed to an agent, %d ended by the agent, %d abandoned "
          "(the caller hung up: %d never routed, %d routed too late to end within its patience), %d failed"
          % (offered, offered_span, offered / max(offered_span, 1e-9), len(routed), len(ended), len(abandoned),
             len(abandoned - routed.keys()), len(abandoned & routed.keys()), failed))
    print("routed: %.2f calls a second (from the first INVITE to the last ring, %.1f s); agents gone Not Ready "
          "(ring timeout) %d" % (len(routed) / max(last_ring - first, 1e-9), last_ring - first,
                                 agents.not_ready_during_calls))
    if latencies:
        print("routing latency, INVITE to the agent phone's TsRingIn: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
              % (farm.percentile(latencies, 50), farm.percentile(latencies, 99), max(latencies)))
    if agents.ring_to_reserved:
        # The ACD reserves the agent as it rings the phone: the push channel's delay, over the API's.
        print("agent state: the agent phone's TsRingIn to the ACD's AgentState event (Reserved), both over the API, "
              "%d calls: p50 %.1f ms, p99 %.1f ms" % (len(agents.ring_to_reserved),
                                                     farm.percentile(agents.ring_to_reserved, 50),
                                                     farm.percentile(agents.ring_to_reserved, 99)))
    if agents.hangup_to_ready:
        print("agent state: EndCall to its AgentState event (Ready) over the API%s, %d calls: p50 %.1f ms, p99 %.1f ms"
              % (", wrap-up of %d s included" % args.wrapup if args.wrapup else "", len(agents.hangup_to_ready),
                 farm.percentile(agents.hangup_to_ready, 50), farm.percentile(agents.hangup_to_ready, 99)))
    if agents.ending:
        print("agents not Ready again within %d s of their EndCall: %d" % (args.wrapup + 10, len(agents.ending)))
    if agents.delivery:
        # Were this large, the latencies above would be this client's, not the runtime's.
        print("API delivery: an event's time to its arrival in this client, %d events: p50 %.1f ms, p99 %.1f ms"
              % (len(agents.delivery), farm.percentile(agents.delivery, 50), farm.percentile(agents.delivery, 99)))
    print("RSS: %.0f MB with %d agents logged in, %.0f MB peak while calls ran" % (rss_before, args.agents, rss_peak))
    print("CPU: %.1f %% of one core over %.1f s of calls, %.1f ms a routed call"
          % (100 * cpu / wall, wall, 1000 * cpu / max(1, len(routed))))
    if agents.ended_by_caller:
        print("agents whose EndCall found the call already ended by the caller: %d" % agents.ended_by_caller)
    if agents.faults:
        print("API commands refused while calls ran: %d, e.g. %s" % (len(agents.faults), agents.faults[0]))


async def bench(args, runtime):
    phones = ["phone%d" % n for n in range(1, args.agents + 1)]
    client = await farm.Client.open(runtime.url)
    try:
        agents = Agents(client, args.hold)
        client.event_listeners.append(agents.heard)
        await client.request({"command": "subscribe",
                              "filter": {"events": ["AgentState", "IncomingCall", "LineUpdate"]}})
        registration = await register_all(client, phones)
        print("phones: %d registered with the embedded call server in %.2f s" % (args.agents, registration))
        await log_in_and_ready(args, runtime, client, agents, phones)
        for rate in args.rate:
            # Agents a ring timeout left Not Ready take calls again at the next rate.
            await in_batches(args.batch, [lambda phone=phone: ready(client, agents, phone) for phone in phones
                                          if agents.states.get(phone) != READY])
            await calls(args, rate, runtime, agents, runtime.tmp)
    finally:
        await client.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--rate", type=lambda text: [float(rate) for rate in text.split(",")], default=[5.0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--hold", type=float, default=3)
    parser.add_argument("--wrapup", type=int, default=0)
    parser.add_argument("--patience", type=float, default=30)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()
    if args.agents < 1 or min(args.rate) <= 0 or args.seconds <= 0 or args.hold < 0 or args.wrapup < 0 \
            or args.patience <= 0 or args.batch < 1:
        raise SystemExit("acd-farm.py: --agents, --rate, --seconds, --patience and --batch are positive; "
                         "--hold and --wrapup 0 or more")
    if not shutil.which("sipp"):
        raise SystemExit("acd-farm.py: sipp is missing (Debian's sip-tester)")

    runtime = Runtime(args.agents, args.wrapup)
    try:
        with runtime:
            print("acd-farm: %d agents, %s calls a second offered for %.0f s each, held %.0f s, wrap-up %d s; "
                  "load average %.1f" % (args.agents, ", ".join("%g" % rate for rate in args.rate), args.seconds,
                                          args.hold, args.wrapup, os.getloadavg()[0]))
            asyncio.run(bench(args, runtime))
    except KeyboardInterrupt:
        raise SystemExit("acd-farm.py: interrupted; the runtime and SIPp it started are stopped")


if __name__ == "__main__":
    sys.exit(main())
