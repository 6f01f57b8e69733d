#!/usr/bin/env python3
"""Start-up benchmark: VTGOConnect's runtime jar against a bare Felix + Gogo jar.

Run it through bench/startup.sh, which passes ./vtgoconnect's JVM flags. It prints the median of
--runs runs of each measure, the ratio vtgoconnect/bare, peak RSS, and then the same measures for
start-up options that ./vtgoconnect could take.

- To the first prompt: the jar runs on a pseudo-terminal (200x50, TERM=xterm-256color); the time
  runs from the fork to the prompt on the screen ("> " for VTGOConnect, the stock Gogo "g! " for the
  bare jar), then Ctrl-D ends the session.
- -c help: start to exit of a batch run that prints the command list, output to a pipe.
  The bare jar cannot take `-Dgosh.args=-c help` as it is: its stock gosh_profile calls setopt,
  which fails without a line reader, and the error handler of the profile fails again, so the
  shell thread dies and the framework never stops (a hang). It gets a gosh.home whose
  etc/gosh_profile is empty instead. In Gogo's -c mode the value of a command is not printed, so the
  bare jar runs `format (help)`, which prints the command list as the console's `help` would.
  Stock Gogo then stops the framework and the JVM exits with code 117; that is its normal end.
- Peak RSS: ru_maxrss of the java process, from wait4.
VTGOConnect runs as ./vtgoconnect runs it: with the class-data archive of a first run, and with a
framework cache kept from run to run (its uncounted warm-up run fills it; the bundles' digests in the
jar's manifest let the launcher keep them). The bare jar gets the same flags and an archive of its own.
"""
import argparse
import fcntl
import os
import pty
import select
import shlex
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import zipfile

TIMEOUT = 30.0
CTRL_D = b"\x04"
# A dump lists on stdout the classes it skips, and a stale archive warns there: keep both off.
QUIET_CDS = "-Xlog:cds*=off"


class BenchError(Exception):
    pass


def read_until(fd, needle, deadline, pid):
    """Reads fd until needle shows (None: until end of output); kills pid on timeout."""
    seen = b""
    while needle is None or needle not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            os.kill(pid, 9)
            raise BenchError(f"timed out waiting for {needle!r}; output so far: {seen[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the pseudo-terminal's other side is closed
            data = b""
        if not data:
            if needle is None:
                return seen
            raise BenchError(f"output ended before {needle!r}: {seen[-500:]!r}")
        seen += data
    return seen


def to_prompt(command, prompt):
    """Seconds from start to the prompt on a pseudo-terminal, and peak RSS in KB of the session."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
            os.execve(command[0], command, dict(os.environ, TERM="xterm-256color"))
        finally:
            os._exit(127)
    try:
        deadline = time.monotonic() + TIMEOUT
        read_until(fd, prompt, deadline, pid)
        elapsed = time.perf_counter() - start
        os.write(fd, CTRL_D)
        read_until(fd, None, deadline, pid)
    finally:
        os.close(fd)
    _, _, usage = os.wait4(pid, 0)
    return elapsed, usage.ru_maxrss, cpu_seconds(usage)


def batch(command, expected):
    """Seconds from start to exit of a run with output to a pipe, and its peak RSS in KB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = read_until(process.stdout.fileno(), None, time.monotonic() + TIMEOUT, process.pid)
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = 0  # reaped above, with its rusage
    process.stdout.close()
    if expected not in output:
        raise BenchError(f"{' '.join(command)} did not print {expected!r}: {output[-500:]!r}")
    return elapsed, usage.ru_maxrss, cpu_seconds(usage)


def cpu_seconds(usage):
    """User and system CPU of the whole run (every thread): on a loaded machine it moves less than the wall clock."""
    return usage.ru_utime + usage.ru_stime


class Subject:
    """A jar and how to start it, interactively and in batch."""

    def __init__(self, name, interactive, prompt, batch_command, batch_expects):
        self.name, self.interactive, self.prompt = name, interactive, prompt
        self.batch_command, self.batch_expects = batch_command, batch_expects
        self.samples = {key: [] for key in ("prompt", "batch", "prompt_rss", "batch_rss", "prompt_cpu", "batch_cpu")}

    def measure(self, counted=True):
        seconds, rss, cpu = to_prompt(self.interactive, self.prompt)
        batch_seconds, batch_rss, batch_cpu = batch(self.batch_command, self.batch_expects)
        if counted:
            for key, value in (("prompt", seconds), ("batch", batch_seconds), ("prompt_rss", rss), ("batch_rss", batch_rss),
                               ("prompt_cpu", cpu), ("batch_cpu", batch_cpu)):
                self.samples[key].append(value)

    def median(self, key):
        """In ms for times, in MB for sizes."""
        value = statistics.median(self.samples[key])
        return value / 1024 if key.endswith("_rss") else value * 1000


def measure_all(subjects, runs):
    """One uncounted warm-up each (page cache, framework cache), then runs interleaved against drift."""
    for subject in subjects:
        subject.measure(counted=False)
    for _ in range(runs):
        for subject in subjects:
            subject.measure()
        print(".", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--java", required=True)
    parser.add_argument("--root", required=True, help="the project's root folder")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-options", action="store_true", help="only the comparison, not the start-up options")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=ARGUMENTS",
                        help="instead of the start-up options: ./vtgoconnect with these JVM arguments added (split as a"
                             " shell does), against today's; may be given more than once")
    parser.add_argument("--jar", action="append", default=[], metavar="NAME=PATH",
                        help="instead of the start-up options: ./vtgoconnect run from another build's jar (with its own"
                             " archive and kept cache), against today's; may be given more than once")
    parser.add_argument("jvm_flags", nargs="*", help="./vtgoconnect's JVM flags, after --")
    options = parser.parse_args()
    runtime = os.path.join(os.path.abspath(options.root), "runtime")
    product_jar = f"{runtime}/target/vtgoconnect.jar"

    def without(*dropped):
        """./vtgoconnect's JVM flags but these."""
        return [flag for flag in options.jvm_flags if flag not in dropped]

    def vtgo(name, extra=(), flags=tuple(options.jvm_flags), jar=product_jar):
        # The extra arguments come last, so that a -D of theirs overrides these (the JVM keeps the last).
        command = [options.java, *flags, f"-Dfelix.fileinstall.dir={runtime}/etc", f"-Dvtgoconnect.home={runtime}",
                   *extra, "-jar", jar]
        return Subject(name, command, b"> ", command + ["-c", "help"], b"MakeCall")

    with tempfile.TemporaryDirectory(prefix="vtgo-bench-") as scratch:
        # The runs' working folder: without ConfigAdmin the runtime writes its log to ./log.
        os.chdir(scratch)
        gosh_home = os.path.join(scratch, "gosh")
        os.makedirs(os.path.join(gosh_home, "etc"))
        open(os.path.join(gosh_home, "etc", "gosh_profile"), "w").close()
        bare_jar = ["-jar", f"{runtime}/target/bare.jar"]

        def bare_subject(extra=()):
            flags = [*options.jvm_flags, *extra]
            return Subject("bare", [options.java, *flags, *bare_jar], b"g! ",
                           [options.java, *flags, f"-Dgosh.home={gosh_home}", "-Dgosh.args=-c format (help)",
                            *bare_jar], b"felix:lb")

        def cds(subject, archive, prompt):
            """Dumps the classes of one interactive session of the subject, as ./vtgoconnect's first run does."""
            start = time.perf_counter()
            dump = [subject.interactive[0], f"-XX:ArchiveClassesAtExit={archive}", QUIET_CDS, *subject.interactive[1:]]
            to_prompt(dump, prompt)
            print(f"AppCDS archive for {subject.name}: {os.path.getsize(archive) >> 20} MB, made by a session"
                  f" that took {time.perf_counter() - start:.1f} s", file=sys.stderr)
            return [f"-XX:SharedArchiveFile={archive}", QUIET_CDS]

        def cache(name):
            """A framework cache kept from run to run, as ./vtgoconnect keeps one (its warm-up run fills it)."""
            return ["-Dlaunch.keep=true", f"-Dlaunch.storage.dir={scratch}/{name}"]

        # As ./vtgoconnect runs it (with the class-data archive of its first run and a kept framework
        # cache), against the bare jar given the same flags and an archive of its own.
        product_cds = cds(vtgo("vtgoconnect", cache("first-run")), os.path.join(scratch, "vtgoconnect.jsa"), b"> ")
        product = vtgo("./vtgoconnect", product_cds + cache("framework"))
        bare = bare_subject(cds(bare_subject(), os.path.join(scratch, "bare.jsa"), b"g! "))

        print(f"Start-up of runtime/target/*.jar, median of {options.runs} runs, {os.cpu_count()} CPUs,"
              f" {java_version(options.java)}, flags {' '.join(options.jvm_flags)} and AppCDS", file=sys.stderr)
        load_before = os.getloadavg()[0]
        measure_all([product, bare], options.runs)
        print_comparison(product, bare, options.runs)
        # The machine may be shared: a ratio taken under load says less than one taken on a quiet machine.
        print(f"load average (1 min): {load_before:.1f} before the runs, {os.getloadavg()[0]:.1f} after")
        if options.no_options:
            return
        if options.variant or options.jar:
            measure_variants([product, *given_variants(options.variant, vtgo, product_cds, cache),
                              *given_jars(options.jar, vtgo, cds, cache, scratch)], bare, options.runs)
            return

        variants = [
            vtgo("JVM flags alone: no AppCDS, a fresh framework cache at each start"),
            product,
            vtgo("+ AppCDS alone (a fresh framework cache at each start, as before)", product_cds),
            vtgo("+ kept framework cache alone (launch.keep, launch.storage.dir)", cache("kept")),
            vtgo("+ -XX:-UsePerfData", ["-XX:-UsePerfData"]),
            # The JIT's threads take about a third of -c help's CPU: compiling later compiles less in a short run
            # (and a long run's hot code later too: check the call server's CPU a call before adopting it).
            vtgo("+ -XX:CompileThresholdScaling=5, with AppCDS and kept cache",
                 ["-XX:CompileThresholdScaling=5", *product_cds, *cache("scaled")]),
            vtgo("+ -Xshare:off (no CDS at all: what the JDK's default CDS gives)", ["-Xshare:off"]),
            # C1 alone takes one compiler thread: the JVM's own number (2 on 2 processors, more on more) with -XX:CICompilerCount
            # left out, and C2 as well without either (the JVM refuses one compiler thread for both compilers).
            vtgo("without -XX:CICompilerCount=1 (the JVM's own count), with AppCDS and kept cache",
                 [*product_cds, *cache("compilers")], flags=without("-XX:CICompilerCount=1")),
            vtgo("without -XX:TieredStopAtLevel=1 and -XX:CICompilerCount=1 (C2 as well)",
                 flags=without("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1")),
            # Not an option but a scale: what the hotdeploy feature's bundles cost at each start.
            vtgo("for scale: without FileInstall and ConfigAdmin (-Dlaunch.bundles=...)",
                 ["-Dlaunch.bundles=" + ",".join(bundle for bundle in run_bundles(product_jar)
                                                 if "fileinstall" not in bundle and "configadmin" not in bundle)]),
        ]
        measure_variants(variants, bare, options.runs)


def named(option, given, form, valid=lambda value: True):
    """Each NAME=VALUE given to the option, numbered: (number, name, value)."""
    for number, item in enumerate(given):
        name, separator, value = item.partition("=")
        if not separator or not name or not valid(value):
            raise BenchError(f"{option} {item!r} is not {form}")
        yield number, name, value


def given_variants(given, vtgo, product_cds, cache):
    """The --variant options: ./vtgoconnect as it runs (archive, a kept cache of its own) with their arguments."""
    return [vtgo(name, [*product_cds, *cache(f"variant-{number}"), *shlex.split(arguments)])
            for number, name, arguments in named("--variant", given, "NAME=ARGUMENTS")]


def given_jars(given, vtgo, cds, cache, scratch):
    """The --jar options: ./vtgoconnect as it runs, from another build's jar, with an archive and a kept cache of its own."""
    variants = []
    for number, name, path in named("--jar", given, "NAME=PATH of a jar", os.path.isfile):
        archive = cds(vtgo(name, cache(f"jar-{number}-first-run"), jar=path), os.path.join(scratch, f"jar-{number}.jsa"), b"> ")
        variants.append(vtgo(name, [*archive, *cache(f"jar-{number}")], jar=path))
    return variants


def measure_variants(variants, bare, runs):
    """Measures the variants in the same rounds and prints each against the first."""
    print("Start-up options for ./vtgoconnect", file=sys.stderr)
    measure_all(variants, runs)
    print_variants(variants, bare, runs)


def run_bundles(jar):
    """The bundles the jar's launcher installs (launch.bundles, which a system property overrides)."""
    with zipfile.ZipFile(jar) as source:
        for line in source.read("launcher.properties").decode("utf-8").splitlines():
            if line.startswith("launch.bundles="):
                return line.split("=", 1)[1].split(",")
    raise BenchError(f"{jar} has no launch.bundles")


def java_version(java):
    output = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    return output.splitlines()[0] if output else java


def print_comparison(product, bare, runs):
    print(f"\nVTGOConnect against bare Felix + Gogo (median of {runs} runs)\n")
    print(f"{'':32}{'vtgoconnect':>12}{'bare':>10}{'ratio':>8}   target")
    rows = [("start to first prompt (ms)", "prompt", "<= 1.2x bare, < 1000 ms"),
            ("-c help, start to exit (ms)", "batch", "<= 2x bare"),
            ("CPU, prompt session (ms)", "prompt_cpu", "start, prompt and Ctrl-D; all threads"),
            ("CPU, -c help (ms)", "batch_cpu", "all threads"),
            ("peak RSS, prompt session (MB)", "prompt_rss", ""),
            ("peak RSS, -c help (MB)", "batch_rss", "")]
    for label, key, target in rows:
        ours, theirs = product.median(key), bare.median(key)
        print(f"{label:32}{ours:12.0f}{theirs:10.0f}{ours / theirs:8.2f}   {target}")
    prompt_ratio = product.median("prompt") / bare.median("prompt")
    batch_ratio = product.median("batch") / bare.median("batch")
    print(f"\nprompt {'meets' if prompt_ratio <= 1.2 else 'misses'} 1.2x bare, "
          f"{'meets' if product.median('prompt') < 1000 else 'misses'} 1 s; "
          f"-c help {'meets' if batch_ratio <= 2 else 'misses'} 2x bare")


def print_variants(variants, bare, runs):
    """Each option against today's flags, measured again in the same rounds (the first row)."""
    today = variants[0]
    print(f"\nStart-up options for ./vtgoconnect (median of {runs} runs)\n")
    # The CPU of -c help moves less than its wall time on a loaded machine.
    print(f"{'option':72}{'prompt ms':>10}{'change':>8}{'-c help ms':>11}{'change':>8}{'CPU ms':>8}{'change':>8}"
          f"{'RSS MB':>8}{'prompt/bare':>12}")
    for subject in variants:
        prompt, batch_ms, batch_cpu = subject.median("prompt"), subject.median("batch"), subject.median("batch_cpu")
        print(f"{subject.name:72}{prompt:10.0f}{percent(prompt, today.median('prompt')):>8}{batch_ms:11.0f}"
              f"{percent(batch_ms, today.median('batch')):>8}{batch_cpu:8.0f}"
              f"{percent(batch_cpu, today.median('batch_cpu')):>8}{subject.median('prompt_rss'):8.0f}"
              f"{prompt / bare.median('prompt'):12.2f}")


def percent(value, reference):
    return f"{(value / reference - 1) * 100:+.0f}%"


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(f"startup.py: {error}")
