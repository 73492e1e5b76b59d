"""A Lambda Runtime API endpoint for one bootstrap start, on 127.0.0.1.

    python runtime_api_stub.py

It prints "listening PORT" when ready, then "METHOD PATH" for every request. GET .../invocation/next
gets a 500, which tells a runtime to exit; every other request gets a 202. It exits after 60 s.
"""

import http.server
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    def record(self):
        print(f"{self.command} {self.path}", flush=True)

    def do_GET(self):
        self.record()
        status = 500 if self.path.endswith("/runtime/invocation/next") else 202
        body = b'{"errorMessage":"runtime_api_stub ends the runtime","errorType":"Stub.Stop"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.record()
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening {server.server_address[1]}", flush=True)
threading.Timer(60, server.shutdown).start()
server.serve_forever()
sys.exit(0)
