#!/usr/bin/python3
"""Farm and remote API benchmark: N phones of one runtime (the exported runtime jar, run as ./vtgoconnect
runs it) registered with its embedded call server and in calls with G.711 media, driven only through the
remote API; then the API itself. Prints:
  - registration: the time from the first RunProgram to the last phone's "Connected to CallManager";
  - RSS of the runtime before the phones start, with all registered, in calls, and per phone;
  - the RTP send interval p50/p99/max of the phones' audio (tcpdump on loopback, when it can run);
  - CPU (user+sys) of the runtime, per second of calls and per call;
  - the API: command to first event (Snapshot to its LineUpdate) p50/p99 on one connection, and
    commands per second on 1 and on M connections (each with a window of requests in flight).
Uses Debian's python3-websockets. Builds nothing (mvn -pl runtime -am install first). Opens ports: run it in
a network namespace of its own (unshare -n bash -c 'ip link set lo up; bench/farm-api.py ...').
Usage: bench/farm-api.py [--phones 500] [--call-seconds 10] [--connections 50] [--api-seconds 5]
"""

import argparse
import asyncio
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import websockets

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "runtime/target/vtgoconnect.jar")
FLAGS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xms8m", "-Xlog:cds*=off"]
RTP_MIN, RTP_MAX = 40000, 49999
USER, PASSWORD = "bench", secrets.token_hex(8)
TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_block(size):
    """The first of `size` consecutive ports free for UDP and TCP (the farm's SIP ports)."""
    for base in range(21000, 60000 - size, size):
        try:
            for port in range(base, base + size):
                for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                    with socket.socket(socket.AF_INET, kind) as s:
                        s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise SystemExit("farm-api.py: no block of %d free ports" % size)


def pbkdf2(plain):
    salt = secrets.token_bytes(16)
    return "pbkdf2:100000:%s:%s" % (salt.hex(), hashlib.pbkdf2_hmac("sha256", plain.encode(), salt, 100000).hex())


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1)) / 1024


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] if ordered else float("nan")


def etc_folder(tmp, phones, http, sip):
    etc = os.path.join(tmp, "etc")
    os.mkdir(etc)
    # The call server's directory and settings; the phones are the farm's only.
    for name in os.listdir(os.path.join(ROOT, "runtime/etc")):
        if name.startswith(("io.vtgoconnect.callmanager", "io.vtgoconnect.log", "org.apache.felix.fileinstall")):
            shutil.copy(os.path.join(ROOT, "runtime/etc", name), etc)

    def write(name, *lines):
        with open(os.path.join(etc, name), "w") as file:
            file.write("\n".join(lines) + "\n")

    write("io.vtgoconnect.callmanager.cfg", "sip.port=%d" % sip, "voicemail.folder=%s/voicemail" % tmp)
    write("org.ops4j.pax.web.cfg", "org.osgi.service.http.port=%d" % http, "org.ops4j.pax.web.listening.addresses=127.0.0.1")
    password = os.path.join(tmp, "farm.password")
    with open(password, "w") as file:
        file.write("bench-{line}-%s\n" % secrets.token_hex(4))
    os.chmod(password, 0o600)
    write("io.vtgoconnect.farm-bench.cfg", "count=%d" % phones, "line.first=30000", "registrar=127.0.0.1:%d" % sip,
          "password.file=" + password, "sip.port.first=%d" % free_block(phones),
          "rtp.port.min=%d" % RTP_MIN, "rtp.port.max=%d" % RTP_MAX, "media.source=tone:440")
    write("io.vtgoconnect.remote.cfg", "requests.per.second=1000000", "request.burst=1000000", "queue.limit=100000",
          "max.wait=600")
    write("io.vtgoconnect.remote.user-bench.cfg", "name=" + USER, ".password=" + pbkdf2(PASSWORD))
    return etc


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


async def farm(args, url, pid):
    phones = ["phone%d" % n for n in range(1, args.phones + 1)]
    client = await Client.open(url)
    rss_idle = rss_mb(pid)
    done, last, waiting = await all_events(client, "CallManagerConnected", phones)
    start = time.monotonic()
    await asyncio.gather(*(client.run(phone, "RunProgram") for phone in phones))
    try:
        await asyncio.wait_for(done, 60 + args.phones * 0.5)
    except asyncio.TimeoutError:
        raise SystemExit("farm-api.py: %d phones never registered: %s" % (len(waiting), sorted(waiting)[:10]))
    registration = last[0] - start
    rss_registered = rss_mb(pid)
    print("phones: %d registered with the embedded call server in %.2f s" % (args.phones, registration))

    # Pairs: phone(2k-1) calls phone(2k)'s line; phone(2k) answers.
    callers, callees = phones[0::2], phones[1::2]
    connected = asyncio.get_running_loop().create_future()
    answered, ringing = set(), set()

    def on_line(message):
        # A ringing line is reported again once the caller is known: answer once.
        if message["event"] == "LineUpdate" and message["state"]["name"] == "TsRingIn" and message["phone"] not in ringing:
            ringing.add(message["phone"])
            asyncio.create_task(client.run(message["phone"], "Answer"))
        if message["event"] == "LineUpdate" and message["state"]["name"] == "TsConnected" and message["phone"] in callers:
            answered.add(message["phone"])
            if len(answered) == len(callees) and not connected.done():
                connected.set_result(None)

    client.event_listeners.append(on_line)
    await client.request({"command": "subscribe", "filter": {"events": ["LineUpdate"]}})
    await asyncio.gather(*(client.run(caller, "MakeCall", str(30000 + phones.index(callee)))
                           for caller, callee in zip(callers, callees)))
    await asyncio.wait_for(connected, 60 + args.phones * 0.5)
    client.event_listeners.remove(on_line)
    calls = len(callees)
    capture = start_capture()
    cpu_before, wall_before = cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(args.call_seconds)
    cpu = cpu_seconds(pid) - cpu_before
    wall = time.monotonic() - wall_before
    rss_calls = rss_mb(pid)
    intervals = stop_capture(capture)
    print("RSS: %.0f MB with the phones stopped, %.0f MB registered, %.0f MB in %d calls: %.2f MB a phone "
          "(in calls, over the stopped farm)" % (rss_idle, rss_registered, rss_calls, calls,
                                                 (rss_calls - rss_idle) / args.phones))
    if intervals:
        print("RTP send interval over %d streams: p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 22 ms)"
              % (len(intervals), percentile(sum(intervals.values(), []), 50), percentile(sum(intervals.values(), []), 99),
                 max(max(v) for v in intervals.values())))
    else:
        print("RTP send interval: not measured (tcpdump missing or not permitted)")
    print("CPU: %.1f %% of one core for %d calls (%d phones), %.3f %% a call" % (100 * cpu / wall, calls, args.phones,
                                                                            100 * cpu / wall / max(1, calls)))
    await asyncio.gather(*(client.run(caller, "EndCall") for caller in callers), return_exceptions=True)
    await client.close()


def start_capture():
    if not shutil.which("tcpdump"):
        return None
    out = tempfile.NamedTemporaryFile(prefix="farm-rtp", suffix=".txt", delete=False)
    process = subprocess.Popen(["tcpdump", "-i", "lo", "-n", "-tt", "-q", "-l", "udp and src portrange %d-%d"
                                % (RTP_MIN, RTP_MAX)], stdout=out, stderr=subprocess.DEVNULL)
    return process, out.name


def stop_capture(capture):
    if capture is None:
        return {}
    process, name = capture
    process.terminate()
    process.wait()
    last, intervals = {}, {}
    with open(name) as lines:
        for line in lines:
            match = re.match(r"(\d+\.\d+) IP 127\.0\.0\.1\.(\d+) >", line)
            if not match:
                continue
            when, port = float(match.group(1)), match.group(2)
            if int(port) % 2:
                continue  # RTCP, on the odd port above each RTP port
            if port in last:
                intervals.setdefault(port, []).append(1000 * (when - last[port]))
            last[port] = when
    os.unlink(name)
    return intervals


async def api(args, url):
    client = await Client.open(url)
    await client.request({"command": "subscribe", "filter": {"phones": ["phone1"], "events": ["LineUpdate"]}})
    latencies = []
    for _ in range(args.samples):
        first = asyncio.get_running_loop().create_future()

        def heard(message):
            if not first.done():
                first.set_result(time.perf_counter())

        client.event_listeners.append(heard)
        start = time.perf_counter()
        client.send({"command": "Snapshot", "phone": "phone1"})
        latencies.append(1000 * (await asyncio.wait_for(first, 30) - start))
        client.event_listeners.remove(heard)
    print("API command to first event (Snapshot to its LineUpdate, %d samples): p50 %.2f ms, p99 %.2f ms"
          % (len(latencies), percentile(latencies, 50), percentile(latencies, 99)))
    await client.close()
    for connections in (1, args.connections):
        rate = await throughput(url, connections, args.api_seconds)
        print("API commands a second on %d connection%s (%d in flight each): %.0f"
              % (connections, "" if connections == 1 else "s", WINDOW, rate))


WINDOW = 16


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--call-seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--api-seconds", type=float, default=5)
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    if args.phones < 2 or args.phones % 2:
        raise SystemExit("farm-api.py: --phones is an even number, 2 or more (they call each other in pairs)")
    if not os.path.exists(JAR):
        raise SystemExit("farm-api.py: %s is missing; build it with mvn -pl runtime -am install" % JAR)
    tmp = tempfile.mkdtemp(prefix="farm-api-")
    http, sip = free_port(), free_port()
    etc = etc_folder(tmp, args.phones, http, sip)
    java = os.path.join(os.environ["JAVA_HOME"], "bin/java") if "JAVA_HOME" in os.environ else "java"
    # Batch mode, left waiting for a line that never comes, as bench/idle-rss.sh runs it.
    runtime = subprocess.Popen([java, *FLAGS, "-Duser.home=" + tmp, "-Dvtgoconnect.home=" + os.path.join(ROOT, "runtime"),
                                "-Dfelix.fileinstall.dir=" + etc, "-Dlaunch.storage.dir=" + os.path.join(tmp, "framework"), "-jar", JAR, "-c", "waitfor farm-api-never-printed 86400"],
                               stdout=open(os.path.join(tmp, "runtime.out"), "w"), stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, cwd=tmp)
    url = "ws://127.0.0.1:%d/vtgo/api" % http
    print("farm-api: %d phones, calls held %.0f s; API over %d connections; load average %.1f"
          % (args.phones, args.call_seconds, args.connections, os.getloadavg()[0]))
    try:
        asyncio.run(farm(args, url, runtime.pid))
        asyncio.run(api(args, url))
    finally:
        runtime.terminate()
        try:
            runtime.wait(30)
        except subprocess.TimeoutExpired:
            runtime.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
