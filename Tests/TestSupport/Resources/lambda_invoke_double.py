#!/usr/bin/env python3
"""A test double of the AWS Lambda Invoke API (synchronous calls) on 127.0.0.1, backed by real runtimes.

For every --function NAME it serves one Lambda Runtime API double (runtime_api_double.py, in this
directory) on its own port. The test starts a real `bootstrap` process for each function with
AWS_LAMBDA_RUNTIME_API pointing at that port. An Invoke request then travels as it does in Lambda:

  POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=...]

1. The SigV4 signature is checked with botocore's SigV4Auth, for the credentials and region given on
   the command line and the signing name `lambda`. The result is recorded, and with --require-signature
   a request without a valid signature gets 403, as Lambda rejects it.
2. FunctionName may be a name, NAME:QUALIFIER or an ARN; an unknown function gets 404
   ResourceNotFoundException. X-Amz-Invocation-Type must be RequestResponse or absent.
3. The payload becomes the next event of that function's Runtime API, with a new request id, a deadline
   --timeout-seconds away, and the base64 X-Amz-Client-Context decoded into the raw JSON header
   Lambda-Runtime-Client-Context.
4. The runtime's /response body is returned with 200. Its /error body, an /init/error, or no response
   within the timeout is returned with 200 and X-Amz-Function-Error: Unhandled, as Lambda reports a
   function error.

Control endpoint: GET /_double/invocations returns {"invocations": [...], "violations": [...]}, where
each invocation is {"functionName", "qualifier", "signature", "status", "functionError", "payload",
"clientContext"} and "signature" is "valid", "missing" or "invalid: <reason>".

On start it prints one line, {"port": N, "runtimeApis": {"NAME": PORT, ...}}, to stdout. It exits on
SIGTERM or SIGINT, or when its standard input reaches end of file.
"""

import argparse
import base64
import binascii
import datetime
import json
import os
import re
import signal
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runtime_api_double  # noqa: E402

INVOKE_PATH = re.compile(r"^/2015-03-31/functions/([^/]+)/invocations$")
AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request, "
    r"SignedHeaders=(?P<signed>[a-z0-9;.-]+), Signature=(?P<signature>[0-9a-f]{64})$")
# The synchronous Invoke payload limit, 6 MB, read here as 6 MiB.
MAX_PAYLOAD_BYTES = 6 * 1024 * 1024
# SigV4 rejects a request whose X-Amz-Date is more than 5 minutes from the server's clock.
MAX_CLOCK_SKEW_SECONDS = 300


class Function:
    """One function: its Runtime API double and the records of that double."""

    def __init__(self, name, max_response_bytes):
        self.name = name
        self.state = runtime_api_double.State(max_response_bytes)
        handler = type("RuntimeHandler", (runtime_api_double.Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def port(self):
        return self.server.server_address[1]

    def invoke(self, payload, client_context, timeout):
        """Queue the payload as an event and wait for the runtime's response or error: (kind, body)."""
        request_id = str(uuid.uuid4())
        headers = {
            "Lambda-Runtime-Aws-Request-Id": request_id,
            "Lambda-Runtime-Deadline-Ms": str(int((time.time() + timeout) * 1000)),
            "Lambda-Runtime-Invoked-Function-Arn": f"arn:aws:lambda:us-east-1:123456789012:function:{self.name}",
        }
        if client_context is not None:
            headers["Lambda-Runtime-Client-Context"] = client_context
        state = self.state

        def outcome():
            for record in state.records:
                if record["kind"] == "initError":
                    return record
                if record["requestId"] == request_id and record["kind"] in ("response", "error"):
                    return record
            return None

        with state.changed:
            state.queue.append({"requestId": request_id, "headers": headers, "body": payload.decode("utf-8")})
            state.changed.notify_all()
            answered = state.changed.wait_for(lambda: outcome() is not None, timeout)
            record = outcome() if answered else None
        if record is None:
            return "error", json.dumps({
                "errorMessage": f"Task timed out after {timeout:.2f} seconds",
                "errorType": "Sandbox.Timedout", "stackTrace": [],
            }).encode("utf-8")
        kind = "response" if record["kind"] == "response" else "error"
        return kind, record["body"].encode("utf-8")


class Double:
    """The Invoke API's state: functions, expected credentials and what was received."""

    def __init__(self, arguments):
        self.functions = {name: Function(name, arguments.max_response_bytes) for name in arguments.function}
        self.access_key_id = arguments.access_key_id
        self.secret_access_key = arguments.secret_access_key
        self.session_token = arguments.session_token
        self.region = arguments.region
        self.require_signature = arguments.require_signature
        self.timeout = arguments.timeout_seconds
        self.lock = threading.Lock()
        # botocore reads the signing time from a module-level function, so checks run one at a time.
        self.signing_lock = threading.Lock()
        self.invocations = []
        self.violations = []

    def violation(self, message):
        with self.lock:
            self.violations.append(message)

    def verify_signature(self, method, host, raw_path, headers, body):
        """Return "valid", "missing" or "invalid: <reason>" for the request's SigV4 Authorization header."""
        authorization = headers.get("Authorization")
        if not authorization:
            return "missing"
        match = AUTHORIZATION.match(authorization)
        if not match:
            return f"invalid: malformed Authorization header {authorization!r}"
        if match["key"] != self.access_key_id:
            return f"invalid: access key id {match['key']}, expected {self.access_key_id}"
        if match["service"] != "lambda":
            return f"invalid: signing name {match['service']}, expected lambda"
        if match["region"] != self.region:
            return f"invalid: region {match['region']}, expected {self.region}"
        amz_date = headers.get("X-Amz-Date", "")
        try:
            signed_at = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
        except ValueError:
            return f"invalid: X-Amz-Date {amz_date!r} is not YYYYMMDDTHHMMSSZ"
        if not amz_date.startswith(match["date"]):
            return f"invalid: credential scope date {match['date']} differs from X-Amz-Date {amz_date}"
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        skew = abs((signed_at - now).total_seconds())
        if skew > MAX_CLOCK_SKEW_SECONDS:
            return f"invalid: X-Amz-Date {amz_date} is {skew:.0f} s from the server's clock"
        if self.session_token and headers.get("X-Amz-Security-Token") != self.session_token:
            return "invalid: X-Amz-Security-Token is missing or wrong"

        request = AWSRequest(method=method, url=f"http://{host}{raw_path}", data=body)
        for name in match["signed"].split(";"):
            value = headers.get(name)
            if value is None:
                return f"invalid: signed header {name} is not in the request"
            request.headers[name] = value
        credentials = Credentials(self.access_key_id, self.secret_access_key, self.session_token)
        with self.signing_lock:
            original = botocore.auth.get_current_datetime
            botocore.auth.get_current_datetime = lambda: signed_at
            try:
                botocore.auth.SigV4Auth(credentials, "lambda", self.region).add_auth(request)
            finally:
                botocore.auth.get_current_datetime = original
        expected = request.headers["Authorization"]
        if expected != authorization:
            return f"invalid: botocore computes {expected}"
        return "valid"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    double = None  # set in main

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        body = self.read_body()
        if urlsplit(self.path).path == "/_double/invocations":
            with self.double.lock:
                snapshot = {"invocations": list(self.double.invocations), "violations": list(self.double.violations)}
            return self.reply(200, snapshot)
        self.double.violation(f"GET {self.path}: unknown path ({len(body)} body bytes)")
        self.reply(404, {"message": "Not found"}, error_type="UnknownOperationException")

    def do_POST(self):
        double = self.double
        body = self.read_body()
        url = urlsplit(self.path)
        match = INVOKE_PATH.match(url.path)
        if not match:
            double.violation(f"POST {self.path}: unknown path")
            return self.reply(404, {"message": "Not found"}, error_type="UnknownOperationException")

        signature = double.verify_signature("POST", self.headers.get("Host", ""), self.path, self.headers, body)
        record = {
            "functionName": unquote(match.group(1)), "qualifier": parse_qs(url.query).get("Qualifier", [None])[0],
            "signature": signature, "status": None, "functionError": None,
            "payload": body.decode("utf-8", errors="replace"), "clientContext": None,
        }
        try:
            self.invoke(record, body)
        finally:
            with double.lock:
                double.invocations.append(record)

    def invoke(self, record, body):
        double = self.double
        if double.require_signature and record["signature"] != "valid":
            return self.finish_with(record, 403, {"message": f"The request signature is {record['signature']}."},
                                    error_type="InvalidSignatureException")

        invocation_type = self.headers.get("X-Amz-Invocation-Type", "RequestResponse")
        if invocation_type != "RequestResponse":
            double.violation(f"X-Amz-Invocation-Type is {invocation_type!r}, expected RequestResponse")
            return self.finish_with(record, 400, {"message": "Only RequestResponse is served."},
                                    error_type="InvalidParameterValueException")
        if len(body) > MAX_PAYLOAD_BYTES:
            return self.finish_with(record, 413, {"message": "Request must be smaller than 6291456 bytes."},
                                    error_type="RequestTooLargeException")

        # A name, NAME:QUALIFIER, or an ARN whose name follows ":function:".
        name = record["functionName"]
        if ":function:" in name:
            name = name.split(":function:", 1)[1]
        name = name.split(":", 1)[0]
        function = double.functions.get(name)
        if function is None:
            arn = f"arn:aws:lambda:{double.region}:123456789012:function:{name}"
            return self.finish_with(record, 404, {"Type": "User", "message": f"Function not found: {arn}"},
                                    error_type="ResourceNotFoundException")

        client_context = None
        encoded = self.headers.get("X-Amz-Client-Context")
        if encoded is not None:
            try:
                client_context = base64.b64decode(encoded, validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                double.violation(f"X-Amz-Client-Context is not base64 UTF-8: {encoded!r}")
                return self.finish_with(record, 400, {"message": "Client context must be base64."},
                                        error_type="InvalidRequestContentException")
        record["clientContext"] = client_context

        kind, payload = function.invoke(body, client_context, double.timeout)
        headers = {"X-Amz-Executed-Version": "$LATEST"}
        if kind == "error":
            headers["X-Amz-Function-Error"] = "Unhandled"
            record["functionError"] = "Unhandled"
        record["status"] = 200
        self.send_raw(200, payload, headers)

    def finish_with(self, record, status, payload, error_type):
        record["status"] = status
        self.reply(status, payload, error_type=error_type)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def reply(self, status, payload, error_type=None):
        headers = {"x-amzn-ErrorType": error_type} if error_type else {}
        self.send_raw(status, json.dumps(payload).encode("utf-8"), headers)

    def send_raw(self, status, data, headers):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def main():
    parser = argparse.ArgumentParser(description="Serve a Lambda Invoke API double on 127.0.0.1.")
    parser.add_argument("--function", action="append", default=[], help="a function name to serve (repeatable)")
    parser.add_argument("--access-key-id", required=True, help="the access key id requests must be signed with")
    parser.add_argument("--secret-access-key", required=True, help="the secret key that goes with it")
    parser.add_argument("--session-token", help="the session token requests must carry, if any")
    parser.add_argument("--region", default="us-east-1", help="the region requests must be signed for")
    parser.add_argument("--require-signature", action="store_true",
                        help="reject a request without a valid signature with 403")
    parser.add_argument("--timeout-seconds", type=float, default=30,
                        help="the functions' timeout: seconds until an unanswered invocation fails (default 30)")
    parser.add_argument("--max-response-bytes", type=int, default=runtime_api_double.DEFAULT_MAX_RESPONSE_BYTES,
                        help="largest accepted /response body of a function, in bytes (default 6 MiB)")
    parser.add_argument("--port", type=int, default=0, help="TCP port of the Invoke API; 0 picks a free one")
    arguments = parser.parse_args()

    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    threading.Thread(target=runtime_api_double.exit_when_stdin_closes, daemon=True).start()

    Handler.double = Double(arguments)
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    server.daemon_threads = True
    runtime_apis = {name: function.port for name, function in Handler.double.functions.items()}
    print(json.dumps({"port": server.server_address[1], "runtimeApis": runtime_apis}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
