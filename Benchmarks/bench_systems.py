"""The servers the benchmark starts, the systems it compares and the queries it sends them.

Every server listens on 127.0.0.1 only. The AWS peer reaches AWS STS through a local moto
server, and FastMCP's update check (an HTTP request at start) is switched off.
"""

import os
import socket
import subprocess
import threading
import time
import urllib.request

from bench_clients import ServerError, stop_with_parent

# Limits on waiting for a helper server to come up.
PROMETHEUS_START_SECONDS = 600
MOTO_START_SECONDS = 60

# Dummy credentials in the format of AWS' documentation examples: they sign requests to the
# local moto server and to Prometheus, which ignores the signature.
DUMMY_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "AWS_REGION": "us-east-1",
    # No instance metadata lookups (they go to 169.254.169.254) and no shared config files.
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
}


def base_env(home):
    """Return the environment every server process starts from: PATH, a private HOME and a UTF-8 locale."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8"}


class DemoPrometheus:
    """demo-prometheus at one data size; it stops when its standard input closes."""

    def __init__(self, binary, size, log_path):
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [binary, "--size", size], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            preexec_fn=stop_with_parent,
        )
        self.values = self._read_announcement()

    def _read_announcement(self):
        values = {}
        # readline blocks, so a server that never becomes ready is stopped, which ends the read with EOF.
        watchdog = threading.Timer(PROMETHEUS_START_SECONDS, self.process.terminate)
        watchdog.start()
        try:
            while "DATA_END" not in values:
                line = self.process.stdout.readline()
                if not line:
                    status = self.process.wait()
                    self.log.flush()
                    with open(self.log.name, errors="replace") as log:
                        tail = log.read()[-2000:]
                    raise ServerError(f"demo-prometheus exited with status {status} before it was ready "
                                      f"(stopped after {PROMETHEUS_START_SECONDS} s if negative). Its log ends:\n{tail}")
                key, _, value = line.decode().strip().partition("=")
                values[key] = value
        finally:
            watchdog.cancel()
        return values

    def stop(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.log.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MotoServer:
    """moto's standalone server on a free port of 127.0.0.1, standing in for AWS STS."""

    def __init__(self, python, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [python, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=stop_with_parent,
        )
        deadline = time.monotonic() + MOTO_START_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/moto-api/", timeout=2).read()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise ServerError(f"moto did not start on {self.url}; see {log_path}")
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class MCPSystem:
    """One MCP server under test: how to start it and how its tools take our queries."""

    def __init__(self, name, command, env, instant_tool, range_tool, map_arguments, budget_arguments=None):
        self.name = name
        self.command = command
        self.env = env
        self.instant_tool = instant_tool
        self.range_tool = range_tool
        self.map_arguments = map_arguments
        # Extra arguments this system takes for a query with its own result budget (Query.max_bytes).
        self.budget_arguments = budget_arguments

    def tool_call(self, query):
        """Return (tool name, arguments) for a query, or None when this system has no equivalent."""
        if query.max_bytes is not None and self.budget_arguments is None:
            return None
        tool = self.instant_tool if query.kind == "instant" else self.range_tool
        arguments = self.map_arguments(query)
        if query.max_bytes is not None:
            arguments.update(self.budget_arguments(query))
        return tool, arguments


def promql_arguments(query):
    """Arguments named as the Prometheus HTTP API names them, which all three servers use."""
    if query.kind == "instant":
        return {"query": query.promql, "time": query.time}
    return {"query": query.promql, "start": query.start, "end": query.end, "step": query.step}


def build_systems(paths, prometheus_url, moto_url, home):
    """Return the MCP systems to compare, in report order."""
    common = base_env(home)
    promlambda_env = dict(common, PROMETHEUS_URL=prometheus_url, LOG_LEVEL="error")
    fastmcp_env = dict(
        common,
        PROMETHEUS_URL=prometheus_url,
        # Without these, FastMCP prints a banner and requests its latest version from PyPI at start.
        FASTMCP_CHECK_FOR_UPDATES="off",
        FASTMCP_SHOW_SERVER_BANNER="false",
    )
    aws_env = dict(common, **DUMMY_AWS_ENV, PROMETHEUS_URL=prometheus_url, FASTMCP_LOG_LEVEL="WARNING")
    if moto_url:
        # botocore sends every AWS API call (here STS GetCallerIdentity) to this endpoint.
        aws_env["AWS_ENDPOINT_URL"] = moto_url
    return [
        MCPSystem(
            "promlambda", [paths["promlambda"], "mcp"], promlambda_env,
            "query", "range_query", promql_arguments,
            budget_arguments=lambda query: {"max_bytes": query.max_bytes},
        ),
        MCPSystem(
            "prometheus-mcp-server", [paths["prometheus-mcp-server"]], fastmcp_env,
            "execute_query", "execute_range_query", promql_arguments,
        ),
        MCPSystem(
            "awslabs.prometheus-mcp-server", [paths["awslabs.prometheus-mcp-server"]], aws_env,
            "ExecuteQuery", "ExecuteRangeQuery", promql_arguments,
        ),
    ]


class Query:
    """One PromQL query of the benchmark, instant or range."""

    def __init__(self, query_id, kind, promql, description, time=None, start=None, end=None, step=None,
                 max_bytes=None, floor_of=None):
        self.id = query_id
        self.kind = kind
        self.promql = promql
        self.description = description
        self.time = time
        self.start = start
        self.end = end
        self.step = step
        # A result budget for promlambda; systems without one skip the query.
        self.max_bytes = max_bytes
        # The query whose floor timing this one shares, when the HTTP request is the same.
        self.floor_of = floor_of

    def http_request(self):
        """Return the Prometheus API path and parameters that this query sends."""
        if self.kind == "instant":
            return "/api/v1/query", {"query": self.promql, "time": self.time}
        return "/api/v1/query_range", {"query": self.promql, "start": self.start, "end": self.end, "step": self.step}

    def cli_arguments(self):
        """Return the arguments of the equivalent promlambda CLI command."""
        if self.kind == "instant":
            arguments = ["query", self.promql, "--time", self.time]
        else:
            arguments = ["range", self.promql, "--start", self.start, "--end", self.end, "--step", self.step]
        if self.max_bytes is not None:
            arguments += ["--max-bytes", str(self.max_bytes)]
        return arguments


# Series 0 to 149 of demo_wide_gauge: 150 series on the medium and large data, all 10 on small.
WIDE_150 = 'demo_wide_gauge{series=~"1[0-4][0-9]|[0-9][0-9]?"}'


def build_queries(announced):
    """Return the benchmark's queries for the data window that demo-prometheus announced."""
    evaluation = announced["EVALUATION_TIME"]
    data_start = announced["DATA_START"]
    return [
        Query("instant_small", "instant", "sum by (method, status) (rate(demo_http_requests_total[5m]))",
              "instant, 4 series", time=evaluation),
        Query("instant_wide", "instant", "demo_wide_gauge",
              "instant, every demo_wide_gauge series", time=evaluation),
        Query("range_150", "range", WIDE_150,
              "range, 150 series (10 on small), 1 h at 60 s", start=data_start, end=evaluation, step="60s"),
        Query("range_150_full", "range", WIDE_150,
              "range_150 with max_bytes 1000000, so promlambda returns it whole",
              start=data_start, end=evaluation, step="60s", max_bytes=1_000_000, floor_of="range_150"),
        Query("range_wide", "range", "demo_wide_gauge",
              "range, every demo_wide_gauge series, 1 h at 300 s", start=data_start, end=evaluation, step="300s"),
    ]
