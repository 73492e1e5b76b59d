#!/usr/bin/env python3
"""A test double of the AWS Lambda Runtime API, version 2018-06-01, on 127.0.0.1.

It follows the published contract
(https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html):

  GET  /2018-06-01/runtime/invocation/next            200, the next queued event; waits while none is queued
  POST /2018-06-01/runtime/invocation/{id}/response   202; 413 when the body exceeds --max-response-bytes
  POST /2018-06-01/runtime/invocation/{id}/error      202
  POST /2018-06-01/runtime/init/error                 202

An unknown path gets 404, a wrong method 405, and a request id that is not the open invocation 400.
Each of those, and every other departure from the contract, is recorded as a violation so that a test
can assert there were none. Error posts must carry the content type
application/vnd.aws.lambda.error+json, a Lambda-Runtime-Function-Error-Type header and a JSON body with
exactly the string fields errorMessage and errorType and the string array stackTrace.

Tests drive it through control endpoints under /_double/, all JSON:

  POST /_double/events     queue an event: {"requestId": "...", "headers": {...}, "body": "<event text>"}.
                           The headers are sent with /next exactly as given, so a test can leave one out.
  GET  /_double/records?count=N&timeoutSeconds=T
                           wait until N records exist, then return {"records": [...], "violations": [...]};
                           504 with the same body when T seconds pass first.
  GET  /_double/waiting?timeoutSeconds=T
                           wait until a /next call is parked on the empty queue; 504 when T seconds pass first.

A record is {"kind": "response" | "responseTooLarge" | "error" | "initError", "requestId", "status",
"contentType", "errorTypeHeader", "bodyBytes", "body", "receivedAtMs"}; "body" is the UTF-8 text, left out
for a response rejected as too large, and "receivedAtMs" is the time the post arrived, in Unix epoch
milliseconds.

On start it prints one line, {"port": N}, to stdout. It runs until it gets SIGTERM or SIGINT, or until its
standard input reaches end of file, which happens when the test process with the other end exits.
"""

import argparse
import collections
import json
import os
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

VERSION = "/2018-06-01"
NEXT_PATH = VERSION + "/runtime/invocation/next"
INIT_ERROR_PATH = VERSION + "/runtime/init/error"
INVOCATION_PATH = re.compile("^" + re.escape(VERSION) + r"/runtime/invocation/([^/]+)/(response|error)$")
ERROR_CONTENT_TYPE = "application/vnd.aws.lambda.error+json"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
# The synchronous invocation payload limit, 6 MB, read here as 6 MiB.
DEFAULT_MAX_RESPONSE_BYTES = 6 * 1024 * 1024


class State:
    """Everything the double stores, guarded by one condition variable."""

    def __init__(self, max_response_bytes):
        self.max_response_bytes = max_response_bytes
        self.changed = threading.Condition()
        self.queue = collections.deque()
        self.open_request_id = None
        self.served = 0
        self.waiting_next = 0
        self.records = []
        self.violations = []

    def violation(self, message):
        with self.changed:
            self.violations.append(message)
            self.changed.notify_all()

    def record(self, record):
        with self.changed:
            self.records.append(record)
            self.changed.notify_all()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes. With Nagle's algorithm the second write waits for the
    # client's delayed ACK, which added about 40 ms to every reply on Linux.
    disable_nagle_algorithm = True
    state = None  # set in main

    def log_message(self, format, *args):
        pass

    # MARK: routing

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PUT(self):
        self.route("PUT")

    def do_DELETE(self):
        self.route("DELETE")

    def route(self, method):
        url = urlsplit(self.path)
        path = url.path
        query = parse_qs(url.query)
        body = self.read_body()

        if path.startswith("/_double/"):
            return self.control(method, path, query, body)

        match = INVOCATION_PATH.match(path)
        if path == NEXT_PATH:
            expected = "GET"
        elif path == INIT_ERROR_PATH or match:
            expected = "POST"
        else:
            self.state.violation(f"{method} {path}: unknown path")
            return self.reply(404, {"errorMessage": "Not found", "errorType": "InvalidPath"})
        if method != expected:
            self.state.violation(f"{method} {path}: method must be {expected}")
            return self.reply(405, {"errorMessage": "Method not allowed", "errorType": "InvalidMethod"})
        if url.query:
            self.state.violation(f"{method} {path}: unexpected query {url.query!r}")

        if path == NEXT_PATH:
            return self.next_invocation(body)
        if path == INIT_ERROR_PATH:
            return self.init_error(body)
        request_id, action = match.group(1), match.group(2)
        if action == "response":
            return self.response(request_id, body)
        return self.invocation_error(request_id, body)

    # MARK: Runtime API endpoints

    def next_invocation(self, body):
        state = self.state
        if body:
            state.violation(f"GET {NEXT_PATH}: unexpected request body of {len(body)} bytes")
        with state.changed:
            if state.open_request_id is not None:
                state.violations.append(f"GET {NEXT_PATH}: request {state.open_request_id} was never answered")
                state.open_request_id = None
            state.waiting_next += 1
            state.changed.notify_all()
            while not state.queue:
                state.changed.wait()
            state.waiting_next -= 1
            event = state.queue.popleft()
            state.open_request_id = event["requestId"]
            state.served += 1
        data = event.get("body", "").encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in event.get("headers", {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def response(self, request_id, body):
        path = self.path
        if not self.is_open(request_id, path):
            return self.reply(400, {"errorMessage": "Invalid request ID", "errorType": "InvalidRequestID"})
        record = self.base_record("response", request_id, body)
        if len(body) > self.state.max_response_bytes:
            record["kind"] = "responseTooLarge"
            record["status"] = 413
            del record["body"]
            self.state.record(record)
            # The invocation stays open so that the runtime can still report an error for it.
            return self.reply(413, {
                "errorMessage": f"Exceeded maximum allowed payload size ({self.state.max_response_bytes} bytes).",
                "errorType": "RequestEntityTooLarge",
            })
        self.close_invocation(request_id)
        self.state.record(record)
        self.reply(202, {"status": "OK"})

    def invocation_error(self, request_id, body):
        if not self.is_open(request_id, self.path):
            return self.reply(400, {"errorMessage": "Invalid request ID", "errorType": "InvalidRequestID"})
        self.check_error_request(body)
        self.close_invocation(request_id)
        self.state.record(self.base_record("error", request_id, body))
        self.reply(202, {"status": "OK"})

    def init_error(self, body):
        if self.state.served > 0:
            self.state.violation(f"POST {INIT_ERROR_PATH}: sent after an invocation was served")
        self.check_error_request(body)
        self.state.record(self.base_record("initError", None, body))
        self.reply(202, {"status": "OK"})

    # MARK: contract checks

    def is_open(self, request_id, path):
        with self.state.changed:
            if self.state.open_request_id == request_id:
                return True
        self.state.violation(f"POST {path}: request id {request_id} is not the open invocation")
        return False

    def close_invocation(self, request_id):
        with self.state.changed:
            if self.state.open_request_id == request_id:
                self.state.open_request_id = None

    def check_error_request(self, body):
        where = f"POST {self.path}"
        content_type = self.headers.get("Content-Type")
        if content_type != ERROR_CONTENT_TYPE:
            self.state.violation(f"{where}: Content-Type is {content_type!r}, expected {ERROR_CONTENT_TYPE}")
        if not self.headers.get(ERROR_TYPE_HEADER):
            self.state.violation(f"{where}: header {ERROR_TYPE_HEADER} is missing")
        try:
            report = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self.state.violation(f"{where}: body is not JSON")
        if not isinstance(report, dict):
            return self.state.violation(f"{where}: body is not a JSON object")
        if set(report) != {"errorMessage", "errorType", "stackTrace"}:
            self.state.violation(f"{where}: body keys are {sorted(report)}, "
                                 "expected errorMessage, errorType and stackTrace")
        for key in ("errorMessage", "errorType"):
            if key in report and not isinstance(report[key], str):
                self.state.violation(f"{where}: {key} is not a string")
        trace = report.get("stackTrace", [])
        if not isinstance(trace, list) or not all(isinstance(frame, str) for frame in trace):
            self.state.violation(f"{where}: stackTrace is not an array of strings")

    def base_record(self, kind, request_id, body):
        return {
            "kind": kind,
            "requestId": request_id,
            "status": 202,
            "contentType": self.headers.get("Content-Type"),
            "errorTypeHeader": self.headers.get(ERROR_TYPE_HEADER),
            "bodyBytes": len(body),
            "body": body.decode("utf-8", errors="replace"),
            "receivedAtMs": time.time() * 1000,
        }

    # MARK: control endpoints

    def control(self, method, path, query, body):
        state = self.state
        timeout = float(query.get("timeoutSeconds", ["30"])[0])
        if method == "POST" and path == "/_double/events":
            event = json.loads(body.decode("utf-8"))
            with state.changed:
                state.queue.append(event)
                state.changed.notify_all()
            return self.reply(201, {"queued": len(state.queue)})
        if method == "GET" and path == "/_double/records":
            count = int(query.get("count", ["0"])[0])
            with state.changed:
                reached = state.changed.wait_for(lambda: len(state.records) >= count, timeout)
                snapshot = {"records": list(state.records), "violations": list(state.violations)}
            return self.reply(200 if reached else 504, snapshot)
        if method == "GET" and path == "/_double/waiting":
            with state.changed:
                reached = state.changed.wait_for(lambda: state.waiting_next > 0, timeout)
            return self.reply(200 if reached else 504, {"waiting": reached})
        return self.reply(404, {"errorMessage": f"No control endpoint {method} {path}"})

    # MARK: HTTP helpers

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def reply(self, status, payload):
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def exit_when_stdin_closes():
    """Exit once the parent closes standard input, so a crashed test run leaves no double behind."""
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description="Serve a Lambda Runtime API double on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="TCP port; 0 picks a free one (default)")
    parser.add_argument("--max-response-bytes", type=int, default=DEFAULT_MAX_RESPONSE_BYTES,
                        help="largest accepted /response body in bytes; larger ones get 413 (default 6 MiB)")
    arguments = parser.parse_args()

    # A parent that spawns from a thread with these signals blocked passes the blocked mask on.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()

    Handler.state = State(arguments.max_response_bytes)
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    server.daemon_threads = True
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
