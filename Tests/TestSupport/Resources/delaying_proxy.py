#!/usr/bin/env python3
"""An HTTP proxy on 127.0.0.1 that forwards every request to one upstream server, delaying some.

A request whose decoded path, query or body contains --marker waits --delay-seconds before it is
forwarded; every other request is forwarded at once. Tests use it to make one PromQL query slow, by
putting a comment such as `# slow` into the expression, while the real Prometheus still computes the
result.

On start it prints one line, {"port": N}, to stdout. It exits on SIGTERM or SIGINT, or when its
standard input reaches end of file.
"""

import argparse
import json
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote_plus

# Response headers that describe the connection or the encoding of the upstream reply, not the content.
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    upstream = None
    marker = None
    delay_seconds = 0.0

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.forward("GET")

    def do_POST(self):
        self.forward("POST")

    def forward(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        decoded = unquote_plus(self.path) + unquote_plus((body or b"").decode("utf-8", errors="replace"))
        if self.marker in decoded:
            time.sleep(self.delay_seconds)

        request = urllib.request.Request(self.upstream + self.path, data=body, method=method)
        for name in ("Content-Type", "Accept"):
            if self.headers.get(name):
                request.add_header(name, self.headers[name])
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, headers, data = response.status, response.getheaders(), response.read()
        except urllib.error.HTTPError as error:
            status, headers, data = error.code, error.headers.items(), error.read()
        try:
            self.send_response(status)
            for name, value in headers:
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up waiting, which is what the delay is for.
            pass


def exit_when_stdin_closes():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description="Forward HTTP requests to one server, delaying marked ones.")
    parser.add_argument("--upstream", required=True, help="base URL of the server to forward to")
    parser.add_argument("--marker", required=True, help="text whose presence in a request delays it")
    parser.add_argument("--delay-seconds", type=float, required=True, help="how long a marked request waits")
    parser.add_argument("--port", type=int, default=0, help="TCP port; 0 picks a free one (default)")
    arguments = parser.parse_args()

    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()

    Handler.upstream = arguments.upstream.rstrip("/")
    Handler.marker = arguments.marker
    Handler.delay_seconds = arguments.delay_seconds
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    server.daemon_threads = True
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
