"""Benchmark promlambda against curl and two Python MCP servers on a real Prometheus.

Run it through scripts/bench, which installs the peers, builds promlambda and runs this in a
network namespace of its own. Usage:

    python Benchmarks/bench.py --bin-dir .build/release [--quick] [--sizes small,medium,large]
    python Benchmarks/bench.py --report-from Benchmarks/results/full.json --update-doc docs/benchmarks.md

It writes NAME.json (every number) and NAME.md (the tables) into --output, NAME being full or
quick, and with --update-doc replaces the generated part of that Markdown file. With
--report-from it measures nothing and renders NAME.md from the JSON file.
"""

import argparse
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
from importlib import metadata

from bench_clients import ServerError
from bench_report import render_report, update_document
from bench_run import SizeRun
from bench_systems import DemoPrometheus, MotoServer

PEER_PACKAGES = ["prometheus-mcp-server", "awslabs.prometheus-mcp-server", "fastmcp", "mcp", "moto", "boto3"]


class Settings:
    """Iteration counts and time limits of one run."""

    def __init__(self, quick, iterations=None):
        self.quick = quick
        # Warm calls per system and query; each query stops early after query_time_limit seconds.
        self.iterations = iterations or (5 if quick else 30)
        self.query_time_limit = 20 if quick else 90
        # Fresh-process runs for the start-up measurement, bounded by start_time_limit seconds.
        self.start_runs = 2 if quick else 10
        self.start_time_limit = 60 if quick else 240
        # One-shot process runs (curl, promlambda CLI) per query.
        self.process_runs = 5 if quick else 20
        # Whether the peers, which take seconds to start, also get a fresh process per query for
        # the memory table; promlambda always does.
        self.fresh_memory_peers = not quick

    def to_json(self):
        return dict(vars(self))


def command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unavailable: {error}"


def cpu_model():
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def os_name():
    with open("/etc/os-release") as release:
        for line in release:
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip().strip('"')
    return platform.platform()


def machine_description(paths):
    versions = {}
    for package in PEER_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": command_output(["nproc"]),
        "memory": command_output(["free", "-h"]),
        "cpu_model": cpu_model(),
        "os": os_name(),
        "kernel": platform.release(),
        "swift": (command_output(["swift", "--version"]).splitlines() or ["unknown"])[0],
        "python": platform.python_version(),
        "promlambda": command_output([paths["promlambda"], "version"]),
        "prometheus": command_output(["prometheus", "--version"]).splitlines()[0],
        "curl": command_output(["curl", "--version"]).splitlines()[0],
        "packages": versions,
        "network_namespace": os.environ.get("BENCH_NETWORK_NAMESPACE") == "1",
    }


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small data only, few iterations")
    parser.add_argument("--sizes", help="comma-separated data sizes (default: small,medium,large; small with --quick)")
    parser.add_argument("--iterations", type=int, help="warm calls per system and query (default: 30, 5 with --quick)")
    parser.add_argument("--bin-dir", default=".build/release", help="folder with promlambda and demo-prometheus")
    parser.add_argument("--venv-bin", default=os.path.dirname(sys.executable),
                        help="folder with the peers' console scripts (default: this Python's)")
    parser.add_argument("--output", default="Benchmarks/results", help="folder for NAME.json and NAME.md")
    parser.add_argument("--update-doc", help="Markdown file whose generated section receives the report")
    parser.add_argument("--report-from", help="render NAME.md (and --update-doc) from this JSON file instead of measuring")
    return parser.parse_args()


def measure(arguments):
    settings = Settings(arguments.quick, arguments.iterations)
    sizes = (arguments.sizes or ("small" if arguments.quick else "small,medium,large")).split(",")
    for size in sizes:
        if size not in ("small", "medium", "large"):
            sys.exit(f"bench: invalid size {size!r}: use small, medium or large")
    paths = {
        "promlambda": os.path.join(arguments.bin_dir, "promlambda"),
        "demo-prometheus": os.path.join(arguments.bin_dir, "demo-prometheus"),
        "prometheus-mcp-server": os.path.join(arguments.venv_bin, "prometheus-mcp-server"),
        "awslabs.prometheus-mcp-server": os.path.join(arguments.venv_bin, "awslabs.prometheus-mcp-server"),
    }
    for name in ("promlambda", "demo-prometheus"):
        if not os.access(paths[name], os.X_OK):
            sys.exit(f"bench: {paths[name]} is missing: build it with swift build -c release --static-swift-stdlib --product {name}")
    report = {"mode": "quick" if arguments.quick else "full", "settings": settings.to_json(),
              "machine": machine_description(paths), "sizes": {}, "setup_errors": []}
    with tempfile.TemporaryDirectory(prefix="promlambda-bench-") as workdir:
        moto = None
        try:
            moto = MotoServer(sys.executable, os.path.join(workdir, "moto.log"))
        except ServerError as error:
            # The AWS peer then fails its STS check at start, and the run records that.
            report["setup_errors"].append(f"moto: {error}")
        try:
            for size in sizes:
                print(f"bench: starting demo-prometheus --size {size}", flush=True)
                prometheus = DemoPrometheus(paths["demo-prometheus"], size, os.path.join(workdir, f"prometheus-{size}.log"))
                try:
                    size_dir = os.path.join(workdir, size)
                    os.makedirs(size_dir)
                    run = SizeRun(settings, paths, prometheus, moto.url if moto else None, size_dir)
                    report["sizes"][size] = run.run()
                finally:
                    prometheus.stop()
        finally:
            if moto:
                moto.stop()
    return report


def main():
    # SIGTERM (from scripts/bench's time limit) unwinds like an exception, so every server is stopped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    arguments = parse_arguments()
    if arguments.report_from:
        with open(arguments.report_from) as source:
            report = json.load(source)
    else:
        report = measure(arguments)
        os.makedirs(arguments.output, exist_ok=True)
        with open(os.path.join(arguments.output, f"{report['mode']}.json"), "w") as target:
            json.dump(report, target, indent=1, sort_keys=True)
    markdown = render_report(report)
    with open(os.path.join(arguments.output, f"{report['mode']}.md"), "w") as target:
        target.write(markdown)
    if arguments.update_doc:
        update_document(arguments.update_doc, markdown)
    print(markdown)


if __name__ == "__main__":
    main()
