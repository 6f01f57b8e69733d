#!/usr/bin/python3
"""Farm and remote API benchmark, side by side in one run: N phones of one runtime (the exported runtime jar,
run as ./vtgoconnect runs it) in G.711 calls in pairs, driven only through the remote API, registered with
the embedded call server and, in a second run, with Kamailio; beside them the same calls made by separate
baresip processes (one a phone) registered with the same Kamailio; then the remote API beside baresip's
ctrl_tcp. For each farm it prints:
  - registration: the time from the first RunProgram to the last phone's "Connected to CallManager" (for
    baresip: from starting the first process to the last account's REGISTER_OK, process start included);
  - RSS (and PSS, from /proc/PID/smaps_rollup: baresip's shared libraries are shared between its processes)
    before the phones start, with all registered, in calls, and per phone;
  - the RTP send interval p50/p99/max of the phones' audio (tcpdump on loopback; target p99 <= 22 ms);
  - CPU (user+sys) of the phones, per phone (and Kamailio's, which only relays the signalling);
  - for the runtime, over the capture: its collections (young and full, with their time, from jstat), MB allocated a
    second and bytes for each datagram the phones sent; how long the busiest media clock thread (it sends the phones'
    packets) waited for a CPU, from the kernel's schedstat: the two things that make the phones' packets leave late.
  A table at the end puts the farms' per-phone figures side by side.
For the API (ours on the first farm's runtime) it prints, for ours and for ctrl_tcp (JSON in netstrings on
TCP, /usr/lib/baresip/modules/ctrl_tcp.so):
  - command to first event, p50/p99: the pair both have is a dial (our MakeCall, ctrl_tcp's dial) to a
    number nobody has, to its first event (our LineUpdate TsOffHook, baresip's CALL_LOCAL_SDP), both raised
    by the phone itself with no answer from the server awaited (--samples / 5 dials, each cleared before the
    next); ours also Snapshot to its LineUpdate (--samples; target p50 <= 2 ms);
  - commands a second on 1 connection (16 in flight): our ShowProgram, ctrl_tcp's reginfo (both answer from
    the phone's state); ours also on M connections (ctrl_tcp serves one connection at a time).
Kamailio runs with testing/sip-peers' peers/kamailio.cfg (every user's password is "secret-" and the user);
baresip headless as testing/sip-peers' Baresip runs it (ausine source, loopback only), but playing to aubridge
(alsa's null device spins a core a process), its account limited to PCMU.
Uses Debian's python3-websockets, kamailio, baresip and tcpdump. Builds nothing (mvn -pl runtime -am install
first). Opens ports: run it in a network namespace of its own, with Debian's python
(unshare -n bash -c 'ip link set lo up; /usr/bin/python3 bench/farm-api.py ...').
Usage: bench/farm-api.py [--phones 500] [--registrar embedded,kamailio] [--baresip 100] [--no-ctrl-tcp]
                         [--call-seconds 10] [--connections 50] [--api-seconds 5] [--samples 1000] [--jar PATH]
  --registrar    the farms of the runtime, in this order: embedded (its own call server), kamailio, or both
  --baresip N    N baresip processes in N/2 calls (0: none); when N is not --phones, the runtime's farm is
                 also run with N phones at Kamailio, for per-phone figures at the same N
  --no-ctrl-tcp  leaves out baresip's ctrl_tcp beside the API
  --jar PATH     the runtime jar to run (runtime/target/vtgoconnect.jar unless given): a copy of an earlier build
                 measures before and after a change, run in turn with the same options
"""

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

import websockets

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "runtime/target/vtgoconnect.jar")


def jvm_options(java):
    """./vtgoconnect's JVM options for this java (runtime/jvm.options as runtime/jvm-options.sh reads it); a farm of
    hundreds of phones needs more heap than its cap (500 phones in calls: 650 MB RSS): $VTGOCONNECT_HEAP, as for the
    launcher, 2g unless set."""
    options = subprocess.run(["bash", os.path.join(ROOT, "runtime/jvm-options.sh"), shutil.which(java) or java],
                             check=True, capture_output=True, text=True)
    return [*options.stdout.splitlines(), "-Xmx" + os.environ.get("VTGOCONNECT_HEAP", "2g")]


RTP_MIN, RTP_MAX = 40000, 49999
KAMAILIO_CFG = os.path.join(ROOT, "testing/sip-peers/src/main/resources/peers/kamailio.cfg")
BARESIP_RTP_PORTS = 10  # a process's share of RTP_MIN..RTP_MAX
SERVER_PORTS = 20000  # the registrars', below the phones' SIP ports (from 21000)
FIRST_LINE = 30000
NOBODY = "49999"  # a number no phone has: a dial to it fails at the server
USER, PASSWORD = "bench", secrets.token_hex(8)
TICKS = os.sysconf("SC_CLK_TCK")
WINDOW = 16


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_block(size, first=21000):
    """The first of `size` consecutive ports free for UDP and TCP (SIP ports), from `first` up to the RTP ports (where
    the capture would count their datagrams as audio: no SIP server is left to the kernel's choice of a port)."""
    for base in range(first, RTP_MIN - size, size):
        try:
            for port in range(base, base + size):
                for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                    with socket.socket(socket.AF_INET, kind) as s:
                        s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise SystemExit("farm-api.py: no block of %d free ports" % size)


def listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition, seconds, what):
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("farm-api.py: %s within %.0f s" % (what, seconds))
        time.sleep(0.05)


def pbkdf2(plain):
    salt = secrets.token_bytes(16)
    return "pbkdf2:100000:%s:%s" % (salt.hex(), hashlib.pbkdf2_hmac("sha256", plain.encode(), salt, 100000).hex())


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1)) / 1024


def pss_mb(pid):
    """Proportional set size: each shared page counted once over the processes that share it."""
    with open("/proc/%d/smaps_rollup" % pid) as rollup:
        return int(re.search(r"^Pss:\s+(\d+)", rollup.read(), re.M).group(1)) / 1024


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def with_children(pid):
    """The process and its children (Kamailio's workers)."""
    pids = [pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                with open("/proc/%s/stat" % entry) as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        pids.append(int(entry))
    return pids


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] if ordered else float("nan")


def settle(future, value=None):
    if not future.done():
        future.set_result(value)


class Processes:
    """The processes the bench starts, each stopped by stop_all (SIGTERM, then SIGKILL), also on error."""

    def __init__(self):
        self.started = []

    def start(self, command, log, **options):
        with open(log, "w") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, **options)
        self.started.append(process)
        return process

    @staticmethod
    def stop(*processes):
        """Asks them all to stop first, so that hundreds stop at once."""
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self):
        self.stop(*self.started)
        self.started.clear()


class Kamailio:
    """Kamailio 5.6 as the tests run it (peers/kamailio.cfg): registrar and stateful proxy on loopback."""

    def __init__(self, processes, tmp):
        self.port = free_block(1, SERVER_PORTS)
        run = os.path.join(tmp, "kamailio")
        os.mkdir(run)
        with open(KAMAILIO_CFG) as template:
            text = template.read()
        for field, value in (("ADDRESS", "127.0.0.1"), ("PORT", str(self.port)), ("UAS", "127.0.0.1:9"),
                             ("ALGORITHM", "MD5")):
            text = text.replace("@%s@" % field, value)
        config = os.path.join(run, "kamailio.cfg")
        with open(config, "w") as file:
            file.write(text)
        # -m: shared memory (MB) for the transactions and contacts of hundreds of phones.
        self.process = processes.start(["kamailio", "-DD", "-E", "-f", config, "-Y", run, "-m", "256", "-M", "16",
                                        "-P", os.path.join(run, "kamailio.pid")], os.path.join(run, "kamailio.log"))
        wait_until(lambda: listening(self.port), 30, "Kamailio did not listen (see %s)" % run)
        self.address = "127.0.0.1:%d" % self.port

    def cpu_seconds(self):
        return sum(cpu_seconds(pid) for pid in with_children(self.process.pid))

    @staticmethod
    def password(user):
        return "secret-" + user


def etc_folder(tmp, phones, http, kamailio):
    etc = os.path.join(tmp, "etc")
    os.mkdir(etc)
    # The call server's directory and settings; the phones are the farm's only.
    for name in os.listdir(os.path.join(ROOT, "runtime/etc")):
        if name.startswith(("io.vtgoconnect.callmanager", "io.vtgoconnect.log", "org.apache.felix.fileinstall")):
            shutil.copy(os.path.join(ROOT, "runtime/etc", name), etc)

    def write(name, *lines):
        with open(os.path.join(etc, name), "w") as file:
            file.write("\n".join(lines) + "\n")

    if kamailio:
        write("io.vtgoconnect.callmanager.cfg", "enabled=false")
        registrar, pattern = kamailio.address, Kamailio.password("{line}")
    else:
        sip = free_block(1, SERVER_PORTS)
        # Its relay's ports (20000-29999 unless told) clear of the SIP ports and of the phones' RTP ports (captured).
        write("io.vtgoconnect.callmanager.cfg", "sip.port=%d" % sip, "voicemail.folder=%s/voicemail" % tmp,
              "rtp.port.min=%d" % (RTP_MAX + 1), "rtp.port.max=%d" % (RTP_MAX + 10000))
        registrar, pattern = "127.0.0.1:%d" % sip, "bench-{line}-%s" % secrets.token_hex(4)
    write("org.ops4j.pax.web.cfg", "org.osgi.service.http.port=%d" % http, "org.ops4j.pax.web.listening.addresses=127.0.0.1")
    password = os.path.join(tmp, "farm.password")
    with open(password, "w") as file:
        file.write(pattern + "\n")
    os.chmod(password, 0o600)
    write("io.vtgoconnect.farm-bench.cfg", "count=%d" % phones, "line.first=%d" % FIRST_LINE, "registrar=" + registrar,
          "password.file=" + password, "sip.port.first=%d" % free_block(phones),
          "rtp.port.min=%d" % RTP_MIN, "rtp.port.max=%d" % RTP_MAX, "media.source=tone:440")
    write("io.vtgoconnect.remote.cfg", "requests.per.second=1000000", "request.burst=1000000", "queue.limit=100000",
          "max.wait=600")
    write("io.vtgoconnect.remote.user-bench.cfg", "name=" + USER, ".password=" + pbkdf2(PASSWORD))
    return etc


def start_runtime(processes, tmp, phones, kamailio, jar):
    """The runtime with a farm of `phones` (phone1, phone2, ...) at Kamailio or its own call server; its API's URL."""
    http = free_port()
    etc = etc_folder(tmp, phones, http, kamailio)
    java = os.path.join(os.environ["JAVA_HOME"], "bin/java") if "JAVA_HOME" in os.environ else "java"
    # Batch mode, left waiting for a line that never comes, as bench/idle-rss.sh runs it.
    runtime = processes.start([java, *jvm_options(java), "-Duser.home=" + tmp,
                               "-Dvtgoconnect.home=" + os.path.join(ROOT, "runtime"),
                               "-Dfelix.fileinstall.dir=" + etc, "-Dlaunch.storage.dir=" + os.path.join(tmp, "framework"),
                               "-jar", jar, "-c", "waitfor farm-api-never-printed 86400"],
                              os.path.join(tmp, "runtime.out"), cwd=tmp)
    return runtime, "ws://127.0.0.1:%d/vtgo/api" % http


class Client:
    """One connection: requests pipelined by id; events counted and handed to whoever waits for them."""

    def __init__(self, socket_):
        self.socket = socket_
        self.next_id = 0
        self.pending = {}
        self.event_listeners = []

    @classmethod
    async def open(cls, url, deadline=60):
        end = time.monotonic() + deadline
        while True:
            try:
                socket_ = await websockets.connect(url, max_size=1 << 24, open_timeout=10, ping_interval=None)
                break
            except (OSError, websockets.exceptions.InvalidStatusCode, asyncio.TimeoutError):
                if time.monotonic() > end:
                    raise
                await asyncio.sleep(0.2)
        await socket_.recv()  # hello
        client = cls(socket_)
        client.reader = asyncio.create_task(client.read())
        await client.request({"command": "login", "user": USER, "password": PASSWORD})
        return client

    async def read(self):
        async for text in self.socket:
            message = json.loads(text)
            if message["kind"] == "event":
                for listener in list(self.event_listeners):
                    listener(message)
            elif message["kind"] == "reply":
                future = self.pending.pop(message.get("id"), None)
                if future:
                    future.set_result(message)

    def send(self, request):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        request = dict(request, id=self.next_id)
        asyncio.create_task(self.socket.send(json.dumps(request)))
        return future

    async def request(self, request, timeout=120):
        reply = await asyncio.wait_for(self.send(request), timeout)
        if "error" in reply:
            raise RuntimeError("%s: %s" % (request.get("command"), reply["error"]["text"]))
        return reply

    async def run(self, phone, command, *args):
        return (await self.request({"command": command, "phone": phone, "args": list(args)}))["result"]

    async def first_event(self, matches, timeout=30):
        """The perf_counter time of the next event for which matches(event) holds."""
        heard = asyncio.get_running_loop().create_future()

        def listener(message):
            if not heard.done() and matches(message):
                heard.set_result(time.perf_counter())

        self.event_listeners.append(listener)
        try:
            return await asyncio.wait_for(heard, timeout)
        finally:
            self.event_listeners.remove(listener)

    async def close(self):
        await self.socket.close()


async def all_events(client, event, phones):
    """Waits until each phone of `phones` sent `event`; returns the monotonic time of the last."""
    waiting = set(phones)
    done = asyncio.get_running_loop().create_future()
    last = [0.0]

    def heard(message):
        if message["event"] == event and message.get("phone") in waiting:
            waiting.discard(message["phone"])
            last[0] = time.monotonic()
            if not waiting and not done.done():
                done.set_result(None)

    client.event_listeners.append(heard)
    await client.request({"command": "subscribe", "filter": {"events": [event]}})
    return done, last, waiting


def line_state(message):
    return message["event"] == "LineUpdate" and message["state"]["name"]


async def farm(args, url, pid, phones_count, label, kamailio):
    """The runtime's farm registered, then in calls in pairs; prints and returns its figures."""
    phones = ["phone%d" % n for n in range(1, phones_count + 1)]
    client = await Client.open(url)
    rss_idle = rss_mb(pid)
    done, last, waiting = await all_events(client, "CallManagerConnected", phones)
    start = time.monotonic()
    await asyncio.gather(*(client.run(phone, "RunProgram") for phone in phones))
    try:
        await asyncio.wait_for(done, 60 + phones_count * 0.5)
    except asyncio.TimeoutError:
        raise SystemExit("farm-api.py: %d phones never registered: %s" % (len(waiting), sorted(waiting)[:10]))
    registration = last[0] - start
    rss_registered = rss_mb(pid)
    print("%s: %d phones registered in %.2f s" % (label, phones_count, registration))

    # Pairs: phone(2k-1) calls phone(2k)'s line; phone(2k) answers.
    callers, callees = phones[0::2], phones[1::2]
    connected = asyncio.get_running_loop().create_future()
    answered, ringing = set(), set()

    def on_line(message):
        # A ringing line is reported again once the caller is known: answer once.
        if line_state(message) == "TsRingIn" and message["phone"] not in ringing:
            ringing.add(message["phone"])
            asyncio.create_task(client.run(message["phone"], "Answer"))
        if line_state(message) == "TsConnected" and message["phone"] in callers:
            answered.add(message["phone"])
            if len(answered) == len(callees) and not connected.done():
                connected.set_result(None)

    client.event_listeners.append(on_line)
    await client.request({"command": "subscribe", "filter": {"events": ["LineUpdate"]}})
    await asyncio.gather(*(client.run(caller, "MakeCall", str(FIRST_LINE + phones.index(callee)))
                           for caller, callee in zip(callers, callees)))
    await asyncio.wait_for(connected, 60 + phones_count * 0.5)
    client.event_listeners.remove(on_line)
    figures = await in_calls(args, [pid], kamailio, jvm=pid)
    figures.update(run=label, phones=phones_count, registration=registration,
                   rss_phone=(figures["rss"] - rss_idle) / phones_count)
    print("  RSS: %.0f MB with the phones stopped, %.0f MB registered, %.0f MB in %d calls (PSS %.0f MB): "
          "%.2f MB a phone (in calls, over the stopped farm)"
          % (rss_idle, rss_registered, figures["rss"], len(callees), figures["pss"], figures["rss_phone"]))
    print_in_calls(figures, len(callees), phones_count)
    await asyncio.gather(*(client.run(caller, "EndCall") for caller in callers), return_exceptions=True)
    await client.close()
    return figures


def jvm_collections(pid):
    """The JVM's uptime, collections (young, full) with their seconds, and bytes allocated so far (eden used, plus an
    eden's capacity a young collection), from jstat, which reads the JVM's perf data without attaching; None without it."""
    with contextlib.suppress(OSError, subprocess.SubprocessError, ValueError, IndexError):
        header, values = subprocess.run(["jstat", "-gc", "-t", str(pid)], capture_output=True, text=True, timeout=30,
                                        check=True).stdout.split("\n")[:2]
        gc = dict(zip(header.split(), values.split()))  # "-" for what the collector does not have
        gc = {name: float(gc[name]) for name in ("Timestamp", "EC", "EU", "YGC", "YGCT", "FGC", "FGCT")}
        return dict(uptime=gc["Timestamp"], young=gc["YGC"], young_s=gc["YGCT"], full=gc["FGC"], full_s=gc["FGCT"],
                    allocated=1024 * (gc["EU"] + gc["YGC"] * gc["EC"]))
    return None


def clock_threads(pid):
    """Each media clock thread's CPU time and time spent runnable but waiting for a CPU (ns, the kernel's schedstat):
    the clock sends every stream's packets, so that its wait is how late they leave."""
    threads = {}
    with contextlib.suppress(OSError):
        for task in os.listdir("/proc/%d/task" % pid):
            with contextlib.suppress(OSError, ValueError):
                with open("/proc/%d/task/%s/comm" % (pid, task)) as comm:
                    if not re.match(r"vtgo-media-\d+-c", comm.read()):  # vtgo-media-N-clock-M, cut to 15 characters
                        continue
                with open("/proc/%d/task/%s/schedstat" % (pid, task)) as stat:
                    threads[task] = tuple(map(int, stat.read().split()[:2]))
    return threads


async def in_calls(args, pids, kamailio, jvm=None):
    """Memory, CPU and RTP send intervals of the processes over --call-seconds of calls; for a JVM (its pid), its
    collections in that time (read before the capture starts and after it stops, so that jstat's own JVM is not in it)."""
    gc_before = jvm and jvm_collections(jvm)
    capture = start_capture()
    try:
        cpu_before, wall_before = sum(cpu_seconds(pid) for pid in pids), time.monotonic()
        clocks_before = clock_threads(jvm) if jvm else {}
        kamailio_before = kamailio.cpu_seconds() if kamailio else 0
        await asyncio.sleep(args.call_seconds)
        wall = time.monotonic() - wall_before
        clocks = [(ran - clocks_before[task][0], waited - clocks_before[task][1])
                  for task, (ran, waited) in (clock_threads(jvm) if jvm else {}).items() if task in clocks_before]
        cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
        kamailio_cpu = kamailio.cpu_seconds() - kamailio_before if kamailio else float("nan")
        rss, pss = sum(rss_mb(pid) for pid in pids), sum(pss_mb(pid) for pid in pids)
    finally:
        intervals, dropped = stop_capture(capture)
    gc_after = gc_before and jvm_collections(jvm)
    every = [interval for port in intervals.values() for interval in port]
    gc = gc_after and {what: gc_after[what] - gc_before[what] for what in gc_after}
    if gc:
        gc.update(first=gc_before["uptime"], sent=len(every) + len(intervals))
    return dict(rss=rss, pss=pss, cpu=100 * cpu / wall, kamailio_cpu=100 * kamailio_cpu / wall, streams=len(intervals),
                dropped=dropped, rtp_p50=percentile(every, 50), rtp_p99=percentile(every, 99),
                rtp_max=max(every, default=float("nan")), gc=gc,
                clock=[(ran / 1e6 / wall, waited / 1e6 / wall) for ran, waited in clocks])


def print_in_calls(figures, calls, phones):
    if figures["streams"]:
        print("  RTP send interval over %d streams: p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 22 ms); "
              "%d datagrams dropped by the capture" % (figures["streams"], figures["rtp_p50"], figures["rtp_p99"],
                                                        figures["rtp_max"], figures["dropped"]))
    else:
        print("  RTP send interval: not measured (tcpdump missing or not permitted)")
    gc = figures["gc"]
    if gc:
        # Each datagram a phone sends is also received by the relay, sent on and received by the other phone.
        print("  GC over the capture (JVM uptime %.1f-%.1f s): %d young collections (%.0f ms), %d full (%.0f ms); "
              "%.1f MB allocated a second, %.0f bytes for each datagram the phones sent"
              % (gc["first"], gc["first"] + gc["uptime"], gc["young"], 1000 * gc["young_s"], gc["full"],
                 1000 * gc["full_s"], gc["allocated"] / gc["uptime"] / 1e6, gc["allocated"] / max(gc["sent"], 1)))
    if figures["clock"]:
        ran, waited = max(figures["clock"])
        print("  The busiest media clock thread ran %.0f ms a second and waited %.0f ms a second for a CPU "
              "(runnable while other threads or processes had both cores)" % (ran, waited))
    kamailio = figures["kamailio_cpu"]
    print("  CPU: %.1f %% of one core for %d calls (%d phones), %.3f %% a phone%s"
          % (figures["cpu"], calls, phones, figures["cpu"] / phones,
             "" if kamailio != kamailio else "; Kamailio %.1f %%" % kamailio))  # nan: no Kamailio


def start_capture():
    if not shutil.which("tcpdump"):
        return None
    out = tempfile.NamedTemporaryFile(prefix="farm-rtp", suffix=".pcap", delete=False)
    out.close()
    report = tempfile.TemporaryFile(mode="w+")
    # A binary capture of each datagram's first 64 bytes (headers only), written in blocks: printing 25,000
    # lines a second for 500 phones took tcpdump a good part of a core, which the phones it measured then
    # missed. -B: a 32 MB buffer (each datagram dropped would look like a late one). -U: none is lost at stop.
    process = subprocess.Popen(["tcpdump", "-i", "lo", "-n", "-U", "-s", "64", "-B", "32768", "-w", out.name,
                                "udp and src portrange %d-%d" % (RTP_MIN, RTP_MAX)],
                               stdout=subprocess.DEVNULL, stderr=report)
    deadline = time.monotonic() + 10
    while "listening on" not in read_from_start(report) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # tcpdump says it listens once its filter is in place: only then do the calls count
    return process, out.name, report


def read_from_start(report):
    report.seek(0)
    return report.read()


def stop_capture(capture):
    """Each RTP port's send intervals (ms), and how many datagrams the capture dropped (making intervals look long)."""
    if capture is None:
        return {}, 0
    process, name, report = capture
    process.terminate()
    process.wait()
    dropped = sum(int(count) for count in re.findall(r"(\d+) packets? dropped by (?:kernel|interface)",
                                                     read_from_start(report)))
    report.close()
    last, intervals = {}, {}
    for when, port in udp_sources(name):
        if port % 2:
            continue  # RTCP, on the odd port above each RTP port
        if port in last:
            intervals.setdefault(port, []).append(1000 * (when - last[port]))
        last[port] = when
    os.unlink(name)
    return intervals, dropped


def udp_sources(pcap):
    """(time in seconds, UDP source port) of each IPv4 datagram in a tcpdump capture of the loopback."""
    with open(pcap, "rb") as capture:
        data = capture.read()
    if len(data) < 24:
        return
    magic = struct.unpack_from("<I", data)[0]
    order = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    fraction = 1e-9 if magic in (0xA1B23C4D, 0x4D3CB2A1) else 1e-6
    link = struct.unpack_from(order + "I", data, 20)[0]
    link_header = {1: 14, 113: 16}.get(link)  # Ethernet (Linux's lo), Linux cooked capture
    if link_header is None:
        raise SystemExit("farm-api.py: tcpdump wrote link type %d, which this bench does not read" % link)
    offset = 24
    while offset + 16 <= len(data):
        seconds, fractions, kept, _ = struct.unpack_from(order + "IIII", data, offset)
        packet = data[offset + 16:offset + 16 + kept]
        offset += 16 + kept
        ip = packet[link_header:]
        if len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:
            continue
        udp = (ip[0] & 0x0F) * 4
        yield seconds + fractions * fraction, struct.unpack_from(">H", ip, udp)[0]


class Baresip:
    """One baresip process (Debian's 1.0.0), one account at Kamailio, driven over ctrl_tcp: netstring-framed JSON
    commands, each answered by a response with its token, and events ({"event":true,"type":"CALL_INCOMING",...})."""

    def __init__(self, processes, folder, number, kamailio, sip_port, control_port, rtp_min):
        os.mkdir(folder)
        self.number, self.control_port = number, control_port
        # As testing/sip-peers' Baresip says a sine: headless, loopback only, no DNS (every address is a literal).
        # sip_listen takes the port above for TLS: control_port is not next to sip_port.
        config = ["module_path /usr/lib/baresip/modules", "poll_method epoll", "sip_listen 127.0.0.1:%d" % sip_port,
                  "rtp_ports %d-%d" % (rtp_min, rtp_min + BARESIP_RTP_PORTS - 1), "dns_server 127.0.0.1:53",
                  "net_interface 127.0.0.1", "module g711.so", "module_tmp account.so", "module_app menu.so",
                  "module_app ctrl_tcp.so", "ctrl_tcp_listen 127.0.0.1:%d" % control_port,
                  # ausine says its sine in 48 kHz stereo only (resampled for PCMU); aufile would need no resampling,
                  # but holds its whole file in memory and hangs up at its end. alsa's null device, which the tests
                  # play to, never blocks: its player thread would spin a core. aubridge plays nothing on a device
                  # with no source.
                  "module ausine.so", "module aubridge.so", "audio_player aubridge,nil", "audio_alert aubridge,nil",
                  "audio_source ausine,440", "ausrc_srate 48000", "ausrc_channels 2"]
        with open(os.path.join(folder, "config"), "w") as file:
            file.write("\n".join(config) + "\n")
        with open(os.path.join(folder, "accounts"), "w") as file:
            file.write("<sip:%s@%s>;auth_pass=%s;regint=3600;audio_codecs=PCMU\n"
                       % (number, kamailio.address, Kamailio.password(number)))
        self.process = processes.start(["baresip", "-f", folder], os.path.join(folder, "baresip.log"))
        self.pid = self.process.pid
        self.tokens = 0
        self.pending = {}
        self.event_listeners = []

    async def connect(self, deadline):
        while True:
            try:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.control_port)
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("farm-api.py: baresip %s has no ctrl_tcp port" % self.number)
                await asyncio.sleep(0.1)
        self.writer.transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reading = asyncio.create_task(self.read())

    async def read(self):
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while True:
                length = int((await self.reader.readuntil(b":"))[:-1])
                message = json.loads((await self.reader.readexactly(length + 1))[:-1])
                if message.get("event"):
                    for listener in list(self.event_listeners):
                        listener(message)
                elif message.get("response"):
                    future = self.pending.pop(message.get("token"), None)
                    if future:
                        future.set_result(message)

    def send(self, command, params=""):
        self.tokens += 1
        token = str(self.tokens)
        future = asyncio.get_running_loop().create_future()
        self.pending[token] = future
        body = json.dumps({"command": command, "params": params, "token": token}).encode()
        self.writer.write(b"%d:%s," % (len(body), body))
        return future

    async def command(self, command, params="", timeout=30):
        return (await asyncio.wait_for(self.send(command, params), timeout)).get("data", "")

    def on_event(self, types, action):
        """Calls action(message) on each event of the types until the returned function removes it."""

        def listener(message):
            if message.get("type") in types:
                action(message)

        self.event_listeners.append(listener)
        return lambda: self.event_listeners.remove(listener)

    async def registered(self):
        """Waits for the account's REGISTER_OK, or finds it registered already (reginfo says OK)."""
        done = asyncio.get_running_loop().create_future()
        stop = self.on_event({"REGISTER_OK"}, lambda message: settle(done))
        try:
            if "OK" not in await self.command("reginfo"):
                await done
        finally:
            stop()
        return time.monotonic()


@contextlib.asynccontextmanager
async def baresips(processes, tmp, count, kamailio):
    """`count` baresip processes at Kamailio, numbers 40001, 40002, ..., connected to their ctrl_tcp; their start."""
    if count * BARESIP_RTP_PORTS > RTP_MAX - RTP_MIN + 1:
        raise SystemExit("farm-api.py: at most %d baresip processes" % ((RTP_MAX - RTP_MIN + 1) // BARESIP_RTP_PORTS))
    os.makedirs(tmp, exist_ok=True)
    base = free_block(4 * count)  # a process's SIP (UDP, TCP), TLS (SIP + 1) and ctrl_tcp (SIP + 2) ports
    start = time.monotonic()
    phones = [Baresip(processes, os.path.join(tmp, "baresip%d" % n), str(40001 + n), kamailio, base + 4 * n,
                      base + 4 * n + 2, RTP_MIN + BARESIP_RTP_PORTS * n) for n in range(count)]
    try:
        deadline = time.monotonic() + 60 + count * 0.2
        await asyncio.gather(*(phone.connect(deadline) for phone in phones))
        yield phones, start
    finally:
        for phone in phones:
            with contextlib.suppress(AttributeError):
                phone.writer.close()
        processes.stop(*(phone.process for phone in phones))


async def baresip_farm(args, processes, tmp, count, kamailio):
    """`count` baresip processes registered at Kamailio, then in calls in pairs; prints and returns their figures."""
    label = "baresip, Kamailio"
    async with baresips(processes, tmp, count, kamailio) as (phones, start):
        pids = [phone.pid for phone in phones]
        rss_started = sum(rss_mb(pid) for pid in pids)
        registration = max(await asyncio.wait_for(asyncio.gather(*(phone.registered() for phone in phones)),
                                                  60 + count * 0.5)) - start
        rss_registered, pss_registered = sum(rss_mb(pid) for pid in pids), sum(pss_mb(pid) for pid in pids)
        print("%s: %d processes started and registered in %.2f s" % (label, count, registration))
        callers, callees = phones[0::2], phones[1::2]
        for callee in callees:
            callee.on_event({"CALL_INCOMING"}, lambda message, callee=callee: callee.send("accept"))
        established = [asyncio.get_running_loop().create_future() for _ in callers]
        for caller, done in zip(callers, established):
            caller.on_event({"CALL_ESTABLISHED"}, lambda message, done=done: settle(done))
        await asyncio.gather(*(caller.command("dial", "sip:%s@%s" % (callee.number, kamailio.address))
                               for caller, callee in zip(callers, callees)))
        await asyncio.wait_for(asyncio.gather(*established), 60 + count * 0.5)
        figures = await in_calls(args, pids, kamailio)
        figures.update(run=label, phones=count, registration=registration, rss_phone=figures["rss"] / count)
        print("  RSS: %.0f MB started, %.0f MB registered (PSS %.0f MB), %.0f MB in %d calls (PSS %.0f MB): "
              "%.2f MB a phone, PSS %.2f MB a phone" % (rss_started, rss_registered, pss_registered, figures["rss"],
                                                      len(callees), figures["pss"], figures["rss_phone"],
                                                      figures["pss"] / count))
        print_in_calls(figures, len(callees), count)
        await asyncio.gather(*(caller.command("hangup") for caller in callers), return_exceptions=True)
    return figures


async def dial_samples(samples, dial_once):
    """Milliseconds from each dial to its first event; dial_once returns both times once the call is cleared."""
    latencies = []
    for _ in range(samples):
        start, heard = await dial_once()
        latencies.append(1000 * (heard - start))
    return latencies


def print_latency(what, latencies):
    print("%s (%d samples): p50 %.2f ms, p99 %.2f ms" % (what, len(latencies), percentile(latencies, 50),
                                                          percentile(latencies, 99)))


async def api(args, url):
    client = await Client.open(url)
    await client.request({"command": "subscribe", "filter": {"phones": ["phone1"], "events": ["LineUpdate"]}})
    latencies = []
    for _ in range(args.samples):
        start = time.perf_counter()
        first = asyncio.ensure_future(client.first_event(lambda message: True))
        client.send({"command": "Snapshot", "phone": "phone1"})
        latencies.append(1000 * (await first - start))
    print_latency("API command to first event (Snapshot to its LineUpdate)", latencies)

    async def dial_once():
        first = asyncio.ensure_future(client.first_event(lambda message: line_state(message) == "TsOffHook"))
        idle = asyncio.ensure_future(client.first_event(lambda message: line_state(message) in ("TsOnHook", "TsIdle")))
        start = time.perf_counter()
        client.send({"command": "MakeCall", "phone": "phone1", "args": [NOBODY]})
        heard = await first
        with contextlib.suppress(RuntimeError):  # the call may have failed by itself already
            await client.run("phone1", "EndCall")
        await idle
        return start, heard

    latencies = await dial_samples(args.samples // 5, dial_once)
    print_latency("API dial to first event (MakeCall %s to LineUpdate TsOffHook)" % NOBODY, latencies)
    await client.close()
    for connections in (1, args.connections):
        rate = await throughput(url, connections, args.api_seconds)
        print("API commands a second (ShowProgram) on %d connection%s (%d in flight each): %.0f"
              % (connections, "" if connections == 1 else "s", WINDOW, rate))


async def ctrl_tcp(args, processes, tmp, kamailio):
    """The same dial to first event, and commands a second on one connection, through baresip's ctrl_tcp."""
    async with baresips(processes, os.path.join(tmp, "ctrl_tcp"), 1, kamailio) as (phones, _):
        phone = phones[0]
        await phone.registered()

        async def dial_once():
            # Kamailio answers the dial 404 (nobody has the number): the call closes by itself.
            heard, closed = asyncio.get_running_loop().create_future(), asyncio.get_running_loop().create_future()
            stops = [phone.on_event({"CALL_LOCAL_SDP"}, lambda message: settle(heard, time.perf_counter())),
                     phone.on_event({"CALL_CLOSED"}, lambda message: settle(closed))]
            try:
                start = time.perf_counter()
                phone.send("dial", "sip:%s@%s" % (NOBODY, kamailio.address))
                await asyncio.wait_for(asyncio.gather(heard, closed), 30)
            finally:
                for stop in stops:
                    stop()
            return start, heard.result()

        latencies = await dial_samples(args.samples // 5, dial_once)
        print_latency("ctrl_tcp dial to first event (dial %s to CALL_LOCAL_SDP)" % NOBODY, latencies)
        done = [0]
        end = time.monotonic() + args.api_seconds

        async def one():
            while time.monotonic() < end:
                await phone.command("reginfo")
                done[0] += 1

        start = time.monotonic()
        await asyncio.gather(*(one() for _ in range(WINDOW)))
        print("ctrl_tcp commands a second (reginfo) on 1 connection (%d in flight): %.0f"
              % (WINDOW, done[0] / (time.monotonic() - start)))


async def throughput(url, connections, seconds):
    clients = [await Client.open(url) for _ in range(connections)]
    done = [0]
    end = time.monotonic() + seconds

    async def drive(client, n):
        phone = "phone%d" % (n % 2 + 1)

        async def one():
            while time.monotonic() < end:
                await client.request({"command": "ShowProgram", "phone": phone})
                done[0] += 1

        await asyncio.gather(*(one() for _ in range(WINDOW)))

    start = time.monotonic()
    await asyncio.gather(*(drive(client, n) for n, client in enumerate(clients)))
    rate = done[0] / (time.monotonic() - start)
    for client in clients:
        await client.close()
    return rate


def print_side_by_side(rows):
    columns = "%-32s %6s %9s %8s %8s %8s %8s %8s %8s"
    print("\nper phone, side by side (load average %.1f):" % os.getloadavg()[0])
    print(columns % ("run", "phones", "register", "RSS", "PSS", "RSS", "CPU", "RTP p99", "Kamailio"))
    print(columns % ("", "", "all, s", "MB/N", "MB/N", "added/N", "%/N", "ms", "CPU %"))
    for row in rows:
        added = row["rss_phone"] if row["run"].startswith("runtime") else float("nan")
        print("%-32s %6d %9.2f %8.2f %8.2f %8.2f %8.3f %8.1f %8.1f"
              % (row["run"], row["phones"], row["registration"], row["rss"] / row["phones"], row["pss"] / row["phones"],
                 added, row["cpu"] / row["phones"], row["rtp_p99"], row["kamailio_cpu"]))
    print("(RSS and PSS in calls, the processes' whole over N phones; RSS added: the runtime's over its stopped farm;\n"
          " CPU % of one core; Kamailio relays the signalling only; nan: not measured)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--registrar", default="embedded,kamailio")
    parser.add_argument("--baresip", type=int, default=100)
    parser.add_argument("--ctrl-tcp", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--call-seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--api-seconds", type=float, default=5)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--jar", default=JAR)
    args = parser.parse_args()
    registrars = args.registrar.split(",")
    if not set(registrars) <= {"embedded", "kamailio"} or not registrars:
        raise SystemExit("farm-api.py: --registrar is embedded, kamailio or both, comma-separated")
    for option, count in (("--phones", args.phones), ("--baresip", args.baresip)):
        if count < 0 or count % 2 or (option == "--phones" and count < 2):
            raise SystemExit("farm-api.py: %s is an even number, %d or more (they call each other in pairs)"
                             % (option, 2 if option == "--phones" else 0))
    if not os.path.exists(args.jar):
        raise SystemExit("farm-api.py: %s is missing; build it with mvn -pl runtime -am install" % args.jar)
    farms = [(args.phones, registrar) for registrar in registrars]
    if args.baresip and args.baresip != args.phones:
        farms.append((args.baresip, "kamailio"))  # the runtime's per-phone figures at baresip's N
    print("farm-api: %s, %d phones (%s), %d baresip processes, calls held %.0f s; API over %d connections; load average %.1f"
          % (args.jar, args.phones, args.registrar, args.baresip, args.call_seconds, args.connections, os.getloadavg()[0]))
    # A SIGTERM unwinds like an error, so that the processes started are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = tempfile.mkdtemp(prefix="farm-api-")
    processes = Processes()
    try:
        needs_kamailio = "kamailio" in registrars or args.baresip or args.ctrl_tcp
        kamailio = Kamailio(processes, tmp) if needs_kamailio else None
        rows = []
        for n, (phones, registrar) in enumerate(farms):
            run_tmp = os.path.join(tmp, "runtime%d" % n)
            os.mkdir(run_tmp)
            server = kamailio if registrar == "kamailio" else None
            runtime, url = start_runtime(processes, run_tmp, phones, server, os.path.abspath(args.jar))
            label = "runtime, %s" % ("Kamailio" if server else "embedded call server")
            rows.append(asyncio.run(farm(args, url, runtime.pid, phones, label, server)))
            if n == 0:
                asyncio.run(api(args, url))
            processes.stop(runtime)
        if args.baresip:
            rows.append(asyncio.run(baresip_farm(args, processes, tmp, args.baresip, kamailio)))
        if args.ctrl_tcp:
            asyncio.run(ctrl_tcp(args, processes, tmp, kamailio))
        print_side_by_side(rows)
    finally:
        processes.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
