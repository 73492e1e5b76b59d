#!/usr/bin/env python3
"""Serve a small part of the Prometheus HTTP API on 127.0.0.1, for tests of the AMP emulator's forwarding.

The responses are computed from each request, so a test can compare a direct call with one forwarded by
the emulator:
    /api/v1/query              (GET or POST form) a vector with one sample whose labels carry the query and
                               whose value is the query's length, at the request's `time` (default 0)
    /api/v1/label/<name>/values  (GET) the values "<name>-a" and "<name>-b"
    anything else              404 with Prometheus' error envelope
    GET /_stub/requests        every request received, with its parameters and headers

Usage: prometheus_stub.py. The first line on stdout is the chosen port; the stub serves until stdin
reaches end of file or it receives SIGTERM.
"""

import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

requests_lock = threading.Lock()
received_requests = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.handle_request("GET")

    def do_POST(self):
        self.handle_request("POST")

    def log_message(self, format, *args):
        sys.stderr.write("prometheus_stub: " + (format % args) + "\n")

    def handle_request(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length > 0 else ""
        parts = urllib.parse.urlsplit(self.path)
        if parts.path == "/_stub/requests":
            with requests_lock:
                self.send_json(200, {"requests": list(received_requests)})
            return

        parameters = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if method == "POST" and "x-www-form-urlencoded" in (self.headers.get("Content-Type") or ""):
            parameters += urllib.parse.parse_qsl(body, keep_blank_values=True)
        with requests_lock:
            received_requests.append({
                "method": method,
                "path": parts.path,
                "parameters": [[name, value] for name, value in parameters],
                "headers": [[name, value] for name, value in self.headers.items()],
            })

        values = dict(parameters)
        segments = parts.path.split("/")
        if parts.path == "/api/v1/query":
            query = values.get("query", "")
            sample_time = float(values.get("time", "0"))
            result = [{"metric": {"__name__": "stub_sample", "query": query},
                       "value": [sample_time, str(len(query))]}]
            self.send_json(200, {"status": "success", "data": {"resultType": "vector", "result": result}})
        elif len(segments) == 6 and segments[1:4] == ["api", "v1", "label"] and segments[5] == "values" \
                and method == "GET":
            name = segments[4]
            self.send_json(200, {"status": "success", "data": [f"{name}-a", f"{name}-b"]})
        else:
            self.send_json(404, {"status": "error", "errorType": "not_found",
                                 "error": f"the stub does not serve {method} {parts.path}"})

    def send_json(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)

    def stop_when_stdin_closes():
        sys.stdin.buffer.read()
        server.shutdown()

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
