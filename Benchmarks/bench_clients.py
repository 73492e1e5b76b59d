"""Clients that the benchmark times: a raw MCP stdio client, the MCP Python SDK client, and HTTP.

Every timer stops when the last byte of the response has been read, before it is parsed, so
the floor (HTTP) and the MCP servers are timed at the same point.
"""

import ctypes
import http.client
import json
import os
import signal
import subprocess
import threading
import time
import urllib.parse

# Per-call limit for one tools/call or HTTP request: a hung server fails the run, it does not stall it.
CALL_TIMEOUT_SECONDS = 120
PROTOCOL_VERSION = "2025-06-18"


def stop_with_parent():
    """Ask the kernel to send SIGTERM to this child when the benchmark process dies (Linux only).

    Used as Popen's preexec_fn, so no server outlives a killed benchmark.
    """
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class ServerError(Exception):
    """A server under test failed: it exited, timed out or sent something unexpected."""


class RawMCPSession:
    """A minimal MCP client over stdio: newline-delimited JSON-RPC, one request at a time.

    It does only what the timing needs (initialize, tools/list, tools/call) so that client
    overhead stays small next to the server's own work.
    """

    def __init__(self, command, env, stderr_path):
        self.command = command
        self.stderr_file = open(stderr_path, "wb")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr_file, env=env,
            preexec_fn=stop_with_parent,
        )
        self.next_id = 1

    def _send(self, message):
        self.process.stdin.write(json.dumps(message).encode() + b"\n")
        self.process.stdin.flush()

    def _read_response(self, request_id, deadline):
        """Read lines until the response to `request_id`, skipping notifications and server requests.

        Returns the raw line, its parsed message and the time the line was read, taken before parsing.
        """
        while True:
            line = self.process.stdout.readline()
            finished = time.perf_counter()
            if not line:
                raise ServerError(f"{self.command[0]} closed standard output (exit status {self.process.poll()})")
            if finished > deadline:
                raise ServerError(f"{self.command[0]} took more than {CALL_TIMEOUT_SECONDS} s to respond")
            message = json.loads(line)
            if message.get("id") == request_id and "method" not in message:
                return line, message, finished

    def request(self, method, params):
        """Send one request and return (seconds until the whole response was read, raw line, parsed message)."""
        request_id = self.next_id
        self.next_id += 1
        # readline blocks, so a server that stops responding is killed, which ends the read with EOF.
        watchdog = threading.Timer(CALL_TIMEOUT_SECONDS, self.process.kill)
        watchdog.start()
        try:
            started = time.perf_counter()
            self._send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
            line, message, finished = self._read_response(request_id, started + CALL_TIMEOUT_SECONDS)
        finally:
            watchdog.cancel()
        if "error" in message:
            raise ServerError(f"{method} returned JSON-RPC error {message['error']}")
        return finished - started, line, message

    def initialize(self):
        """Run the initialize handshake; returns seconds from process start to the initialize result."""
        _, _, message = self.request(
            "initialize",
            {
                "protocolVersion": PROTOCOL_VERSION,
                "capabilities": {},
                "clientInfo": {"name": "promlambda-bench", "version": "1"},
            },
        )
        elapsed = time.perf_counter() - self.started
        self._send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        self.server_info = message["result"].get("serverInfo", {})
        return elapsed

    def list_tools(self):
        _, _, message = self.request("tools/list", {})
        return message["result"]["tools"]

    def call_tool(self, name, arguments):
        """Call a tool; returns (seconds, bytes of the JSON-RPC line, the result object)."""
        seconds, line, message = self.request("tools/call", {"name": name, "arguments": arguments})
        return seconds, len(line), message["result"]

    def memory_kib(self):
        """Return VmRSS, RssAnon (the part not backed by files) and VmHWM (peak resident set) in KiB.

        The file-backed rest is mostly shared libraries, whose pages other processes share.
        """
        values = {}
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "RssAnon", "VmHWM"):
                    values[key] = int(rest.split()[0])
        return values

    def close(self):
        """Close standard input, which ends a stdio server, and kill it if it lingers."""
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr_file.close()


def result_bytes(result):
    """Measure what a tool result hands to the model: UTF-8 bytes of its text and structured content.

    structuredContent is counted as compact JSON, the smallest form a client could pass on.
    """
    text = sum(len(item.get("text", "").encode()) for item in result.get("content", []) if item.get("type") == "text")
    structured = result.get("structuredContent")
    structured_bytes = 0
    if structured is not None:
        structured_bytes = len(json.dumps(structured, separators=(",", ":"), ensure_ascii=False).encode())
    return {"text": text, "structured": structured_bytes, "total": text + structured_bytes}


async def sdk_start_to_first_answer(command, env, stderr_path, tool_name, arguments):
    """Time one fresh server through the MCP Python SDK client.

    Returns seconds from just before the process is spawned to the initialize result, and to
    the first tools/call result. The client uses the initialize handshake (mode "legacy"), as
    clients of the 2025 protocol revisions do, with no server/discover probe first.
    """
    import anyio
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters, stdio_client

    server = StdioServerParameters(command=command[0], args=command[1:], env=env)
    with anyio.fail_after(CALL_TIMEOUT_SECONDS), open(stderr_path, "w") as server_stderr:
        started = time.perf_counter()
        async with Client(stdio_client(server, errlog=server_stderr), mode="legacy") as client:
            initialized = time.perf_counter()
            result = await client.call_tool(tool_name, arguments)
            answered = time.perf_counter()
    if result.is_error:
        raise ServerError(f"{tool_name} returned an error: {result.content}")
    return initialized - started, answered - started


class KeepAliveHTTP:
    """The floor: GET requests to the Prometheus HTTP API over one persistent connection."""

    def __init__(self, base_url):
        parsed = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=CALL_TIMEOUT_SECONDS)

    def get(self, path, params):
        """Return (seconds until the whole body was read, the body)."""
        target = f"{path}?{urllib.parse.urlencode(params)}"
        started = time.perf_counter()
        self.connection.request("GET", target)
        response = self.connection.getresponse()
        body = response.read()
        finished = time.perf_counter()
        if response.status != 200:
            raise ServerError(f"GET {target} returned HTTP {response.status}: {body[:300]!r}")
        return finished - started, body

    def close(self):
        self.connection.close()


def time_process(command, env, timeout=CALL_TIMEOUT_SECONDS):
    """Run a command to completion; returns seconds from spawn to exit. Raises on a non-zero exit."""
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise ServerError(f"{os.path.basename(command[0])} exited with {completed.returncode}: {completed.stderr[-500:]!r}")
    return elapsed
