"""The measurements at one data size: warm latency, bytes to the model, start-up and memory.

Systems are measured in interleaved rounds (one call of each system per round), so a change
in machine load during a run affects all of them alike.
"""

import json
import os
import subprocess
import time

import anyio

from bench_clients import (
    KeepAliveHTTP,
    RawMCPSession,
    ServerError,
    result_bytes,
    sdk_start_to_first_answer,
    time_process,
)
from bench_stats import bounded_rounds, summarize
from bench_systems import base_env, build_queries, build_systems

WARM_UP_CALLS = 2


def load_snapshot():
    """Return the load averages and the `uptime` line at this moment."""
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    return {"loadavg": list(os.getloadavg()), "uptime": uptime}


def stderr_tail(path, limit=1500):
    try:
        with open(path, errors="replace") as log:
            return log.read()[-limit:]
    except OSError:
        return ""


def describe_prometheus_body(response):
    """Count the series and points of a parsed Prometheus API response."""
    data = response["data"]
    result = data["result"]
    if data["resultType"] == "matrix":
        return {"series": len(result), "points": sum(len(series.get("values", [])) for series in result)}
    if data["resultType"] == "vector":
        return {"series": len(result), "points": len(result)}
    return {"series": 1, "points": 1}


class SizeRun:
    """Everything measured against one demo-prometheus."""

    def __init__(self, settings, paths, prometheus, moto_url, workdir):
        self.settings = settings
        self.paths = paths
        self.announced = prometheus.values
        self.prometheus_url = self.announced["PROMETHEUS_URL"]
        self.workdir = workdir
        self.queries = build_queries(self.announced)
        self.systems = build_systems(paths, self.prometheus_url, moto_url, home=workdir)
        self.results = {"load_before": load_snapshot(), "errors": {}}

    def log(self, message):
        print(f"bench: {message}", flush=True)

    def record_error(self, system, stage, error, stderr_path=None):
        entry = {"stage": stage, "error": str(error)}
        if stderr_path:
            entry["stderr_tail"] = stderr_tail(stderr_path)
        self.results["errors"].setdefault(system, []).append(entry)
        self.log(f"{system}: {stage} failed: {error}")

    def run(self):
        self.measure_prometheus_responses()
        self.measure_warm()
        self.measure_fresh_memory()
        self.measure_one_shot_processes()
        self.measure_start_up()
        self.results["load_after"] = load_snapshot()
        return self.results

    # Prometheus' own responses, the size the servers have to handle.

    def measure_prometheus_responses(self):
        floor = KeepAliveHTTP(self.prometheus_url)
        responses = {}
        try:
            for query in self.queries:
                path, params = query.http_request()
                _, body = floor.get(path, params)
                responses[query.id] = {"body_bytes": len(body), **describe_prometheus_body(json.loads(body))}
        finally:
            floor.close()
        self.results["prometheus_responses"] = responses
        self.results["queries"] = [
            {"id": q.id, "kind": q.kind, "promql": q.promql, "description": q.description,
             "time": q.time, "start": q.start, "end": q.end, "step": q.step, "max_bytes": q.max_bytes,
             "floor_of": q.floor_of}
            for q in self.queries
        ]

    # Warm latency and bytes, all systems open at once.

    def start_sessions(self):
        sessions = {}
        for system in self.systems:
            stderr_path = os.path.join(self.workdir, f"{system.name}.warm.stderr")
            try:
                session = RawMCPSession(system.command, system.env, stderr_path)
                sessions[system.name] = session
                session.initialize()
                tools = session.list_tools()
                names = {tool["name"] for tool in tools}
                missing = {system.instant_tool, system.range_tool} - names
                if missing:
                    raise ServerError(f"tools/list has no {sorted(missing)}; it lists {sorted(names)}")
                listing = json.dumps(tools, separators=(",", ":"), ensure_ascii=False).encode()
                self.results.setdefault("tools_list", {})[system.name] = {
                    "tools": len(tools), "bytes": len(listing), "server_info": session.server_info,
                }
                self.results.setdefault("memory", {})[system.name] = {"after_initialize_kib": session.memory_kib()}
            except (ServerError, OSError, KeyError, ValueError) as error:
                self.record_error(system.name, "start for warm calls", error, stderr_path)
                if system.name in sessions:
                    sessions.pop(system.name).close()
        return sessions

    def measure_warm(self):
        sessions = self.start_sessions()
        floor = KeepAliveHTTP(self.prometheus_url)
        warm = {}
        outputs = {}
        try:
            for query in self.queries:
                self.log(f"warm {query.id}")
                calls = {}
                for system in self.systems:
                    call = system.tool_call(query)
                    if call and system.name in sessions:
                        calls[system.name] = call
                samples = {name: [] for name in calls}
                floor_samples = []
                path, params = query.http_request()
                # Warm-up calls: their results give the bytes and shape of each system's output.
                for name, (tool, arguments) in list(calls.items()):
                    try:
                        for _ in range(WARM_UP_CALLS):
                            _, line_bytes, result = sessions[name].call_tool(tool, arguments)
                        outputs.setdefault(query.id, {})[name] = self.describe_output(name, tool, arguments, line_bytes, result)
                    except (ServerError, OSError, ValueError) as error:
                        self.record_error(name, f"warm-up {query.id}", error, sessions[name].stderr_file.name)
                        del calls[name]
                for _ in range(WARM_UP_CALLS):
                    floor.get(path, params)
                for _ in bounded_rounds(self.settings.iterations, self.settings.query_time_limit):
                    if query.floor_of is None:
                        floor_samples.append(floor.get(path, params)[0])
                    for name, (tool, arguments) in list(calls.items()):
                        try:
                            seconds, _, _ = sessions[name].call_tool(tool, arguments)
                            samples[name].append(seconds)
                        except (ServerError, OSError, ValueError) as error:
                            self.record_error(name, f"warm {query.id}", error, sessions[name].stderr_file.name)
                            del calls[name]
                entry = {name: summarize(values) for name, values in samples.items() if values}
                if floor_samples:
                    entry["floor_http"] = summarize(floor_samples)
                warm[query.id] = entry
            for name, session in sessions.items():
                self.results["memory"][name]["after_session_kib"] = session.memory_kib()
        finally:
            floor.close()
            for session in sessions.values():
                session.close()
        self.results["warm"] = warm
        self.results["outputs"] = outputs

    def describe_output(self, name, tool, arguments, line_bytes, result):
        description = {"tool": tool, "arguments": arguments, "jsonrpc_line_bytes": line_bytes,
                       "is_error": bool(result.get("isError")), **result_bytes(result)}
        structured = result.get("structuredContent") or {}
        for key in ("returnedSeries", "totalSeries", "returnedPoints", "totalPoints", "truncated"):
            if key in structured:
                description[key] = structured[key]
        if description["is_error"]:
            texts = [item.get("text", "") for item in result.get("content", [])]
            description["error_text"] = " ".join(texts)[:500]
            self.log(f"{name}: {tool} returned an error result: {description['error_text']}")
        return description

    # Peak memory of a fresh server after one tool call.

    def measure_fresh_memory(self):
        fresh = {}
        for query in self.queries:
            for system in self.systems:
                call = system.tool_call(query)
                if not call or (system.name != "promlambda" and not self.settings.fresh_memory_peers):
                    continue
                stderr_path = os.path.join(self.workdir, f"{system.name}.fresh.stderr")
                session = None
                try:
                    session = RawMCPSession(system.command, system.env, stderr_path)
                    session.initialize()
                    before = session.memory_kib()
                    session.call_tool(*call)
                    after = session.memory_kib()
                    fresh.setdefault(query.id, {})[system.name] = {
                        "rss_after_initialize_kib": before["VmRSS"], "peak_kib": after["VmHWM"],
                    }
                except (ServerError, OSError, ValueError) as error:
                    self.record_error(system.name, f"fresh-process memory {query.id}", error, stderr_path)
                finally:
                    if session:
                        session.close()
        self.results["fresh_memory"] = fresh

    # One process per request: curl and the promlambda CLI.

    def measure_one_shot_processes(self):
        env = dict(base_env(self.workdir), PROMETHEUS_URL=self.prometheus_url, LOG_LEVEL="error")
        one_shot = {}
        for query in self.queries:
            self.log(f"one-shot processes {query.id}")
            path, params = query.http_request()
            curl = ["curl", "-sS", "--fail", "-o", "/dev/null", "-G", self.prometheus_url + path]
            for key, value in params.items():
                curl += ["--data-urlencode", f"{key}={value}"]
            commands = {"promlambda_cli": [self.paths["promlambda"], *query.cli_arguments()]}
            if query.floor_of is None:
                commands["curl_process"] = curl
            samples = {name: [] for name in commands}
            try:
                for _ in bounded_rounds(self.settings.process_runs, self.settings.query_time_limit):
                    for name, command in commands.items():
                        samples[name].append(time_process(command, env))
            except (ServerError, OSError, subprocess.TimeoutExpired) as error:
                self.record_error("one-shot", query.id, error)
            one_shot[query.id] = {name: summarize(values) for name, values in samples.items() if values}
        self.results["one_shot"] = one_shot

    # Process start to the first result, through the SDK client and the raw client.

    def measure_start_up(self):
        first_query = self.queries[0]
        start_up = {}
        failed = set()
        samples = {system.name: {"sdk_initialize": [], "sdk_first_call": [], "raw_initialize": [], "raw_first_call": []}
                   for system in self.systems}
        self.log("start-up")
        for _ in bounded_rounds(self.settings.start_runs, self.settings.start_time_limit):
            for system in self.systems:
                if system.name in failed:
                    continue
                tool, arguments = system.tool_call(first_query)
                stderr_path = os.path.join(self.workdir, f"{system.name}.start.stderr")
                try:
                    initialized, answered = anyio.run(
                        sdk_start_to_first_answer, system.command, system.env, stderr_path, tool, arguments
                    )
                    samples[system.name]["sdk_initialize"].append(initialized)
                    samples[system.name]["sdk_first_call"].append(answered)
                    session = RawMCPSession(system.command, system.env, stderr_path)
                    try:
                        initialized = session.initialize()
                        session.call_tool(tool, arguments)
                        samples[system.name]["raw_initialize"].append(initialized)
                        samples[system.name]["raw_first_call"].append(time.perf_counter() - session.started)
                    finally:
                        session.close()
                except Exception as error:  # noqa: BLE001 - any failure of a peer is recorded, not fatal
                    failed.add(system.name)
                    self.record_error(system.name, "start-up", f"{type(error).__name__}: {error}", stderr_path)
        for name, series in samples.items():
            start_up[name] = {key: summarize(values) for key, values in series.items() if values}
        self.results["start_up"] = start_up
