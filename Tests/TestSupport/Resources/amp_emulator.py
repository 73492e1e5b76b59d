#!/usr/bin/env python3
"""Emulate Amazon Managed Service for Prometheus (AMP) on 127.0.0.1 for promlambda's tests.

The emulator follows the public AMP API: the control plane operations ListWorkspaces and
DescribeWorkspace (botocore's service model amp/2020-08-01), and the Prometheus-compatible data
plane under /workspaces/<id>/api/v1/, which it forwards to a real Prometheus (or a stub).

Every request except /_emulator/* must carry a valid SigV4 signature for service "aps". The
emulator recomputes it with botocore's SigV4Auth from its own copy of the credentials, never with
promlambda's signer, and compares the whole Authorization header.

Usage:
    amp_emulator.py --config CONFIG.json

The first line on stdout is the chosen port. The emulator serves until its stdin reaches end of
file (the test process exited or closed the pipe) or it receives SIGTERM. One line per request goes
to stderr.

Configuration (JSON; every key but "credentials" is optional):
    region                  signing region, default "us-east-1"
    account_id              account in ARNs, default "123456789012"
    credentials             {"access_key_id", "secret_access_key", "session_token" (optional)}
    expired_session_token   respond with ExpiredTokenException to otherwise valid requests
    clock_offset_seconds    added to this machine's clock before the 5-minute signing-time check
    page_size               the largest ListWorkspaces page the emulator returns, default 100
    prometheus_url          base URL of the Prometheus that data plane requests are forwarded to
    denied_actions          IAM actions rejected with AccessDeniedException, such as "aps:QueryMetrics"
    principal_arn           the caller named in AccessDeniedException messages
    throttle                {"count": N, "retry_after_seconds": S}: respond to the next N requests with 429
    workspaces              [{"workspaceId", "alias", "status", "createdAt" (epoch seconds), "tags",
                              "kmsKeyArn"}]

Control endpoints (unsigned; the server listens on 127.0.0.1 only, so only local tests reach them):
    GET  /_emulator/requests   every request received so far, with the status of its response
    POST /_emulator/throttle   body {"count": N, "retry_after_seconds": S}
    POST /_emulator/reset      forget the received requests

Where the AMP documentation does not state the behaviour, the emulator picks one and marks it with
a NOTE next to the code.
"""

import argparse
import base64
import datetime
import json
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.compat import HTTPHeaders
    from botocore.credentials import Credentials
except ImportError as error:  # The Swift launcher shows stderr when the first stdout line never comes.
    sys.stderr.write(f"amp_emulator: botocore is required ({error}). Install it, for example with "
                     "'pip install botocore', or set PROMLAMBDA_TEST_PYTHON to a Python that has it.\n")
    sys.exit(2)

SERVICE = "aps"
SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"
MAX_SKEW_SECONDS = 300
DEFAULT_PAGE_SIZE = 100
MAX_RESULTS_RANGE = (1, 1000)
ALIAS_LENGTH_RANGE = (1, 100)
TENANT_HEADER = "X-Scope-OrgID"
CORAL_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.coral.service/"

# Data plane APIs that AMP serves, by the path after /api/v1/, with their IAM action and methods
# (AMP user guide, "Prometheus-compatible APIs"). label/<name>/values is matched separately.
DATA_PLANE_APIS = {
    "query": ("aps:QueryMetrics", {"GET", "POST"}),
    "query_range": ("aps:QueryMetrics", {"GET", "POST"}),
    "labels": ("aps:GetLabels", {"GET", "POST"}),
    "series": ("aps:GetSeries", {"GET", "POST"}),
    "metadata": ("aps:GetMetricMetadata", {"GET"}),
    "rules": ("aps:ListRules", {"GET"}),
    "alerts": ("aps:ListAlerts", {"GET"}),
}
LABEL_VALUES_API = ("aps:GetLabels", {"GET"})


class APIError(Exception):
    """A response in AWS's rest-json error form: status, x-amzn-ErrorType and a JSON message."""

    def __init__(self, status, error_type, message, extra=None, headers=None, coral_suffix=False):
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message
        self.extra = extra or {}
        self.headers = headers or {}
        self.coral_suffix = coral_suffix


class ReceivedRequestSigV4Auth(SigV4Auth):
    """botocore's SigV4Auth over exactly the headers the client listed in SignedHeaders.

    botocore as a client leaves headers such as User-Agent out of what it signs. AWS as a server
    checks whatever list the client signed, so the emulator feeds in only the listed headers and
    signs all of them. Everything else (canonical URI, query, header values, payload hash, key
    derivation) is botocore's own code.
    """

    def headers_to_sign(self, request):
        header_map = HTTPHeaders()
        for name, value in request.headers.items():
            header_map[name.lower()] = value
        return header_map


class Emulator:
    """The configuration and the shared mutable state, guarded by one lock."""

    def __init__(self, config):
        credentials = config["credentials"]
        self.access_key_id = credentials["access_key_id"]
        self.secret_access_key = credentials["secret_access_key"]
        self.session_token = credentials.get("session_token")
        self.expired_session_token = bool(config.get("expired_session_token", False))
        self.region = config.get("region", "us-east-1")
        self.account_id = config.get("account_id", "123456789012")
        self.clock_offset = float(config.get("clock_offset_seconds", 0))
        self.page_size = int(config.get("page_size", DEFAULT_PAGE_SIZE))
        self.prometheus_url = (config.get("prometheus_url") or "").rstrip("/")
        self.denied_actions = set(config.get("denied_actions", []))
        self.principal_arn = config.get("principal_arn", f"arn:aws:iam::{self.account_id}:user/promlambda-test")
        self.workspaces = [self._normalize_workspace(item) for item in config.get("workspaces", [])]
        throttle = config.get("throttle") or {}
        self.lock = threading.Lock()
        self.throttle_count = int(throttle.get("count", 0))
        self.throttle_retry_after = int(throttle.get("retry_after_seconds", 1))
        self.requests = []
        self.port = None

    def _normalize_workspace(self, item):
        workspace_id = item["workspaceId"]
        return {
            "workspaceId": workspace_id,
            "alias": item.get("alias"),
            "status": item.get("status", "ACTIVE"),
            "createdAt": item.get("createdAt", 1_700_000_000),
            "tags": item.get("tags"),
            "kmsKeyArn": item.get("kmsKeyArn"),
            "arn": f"arn:aws:aps:{self.region}:{self.account_id}:workspace/{workspace_id}",
        }

    def now(self):
        return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=self.clock_offset)

    def workspace(self, workspace_id):
        return next((w for w in self.workspaces if w["workspaceId"] == workspace_id), None)

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)

    def take_throttle(self):
        """Return the Retry-After seconds if this request is to be throttled, else None."""
        with self.lock:
            if self.throttle_count <= 0:
                return None
            self.throttle_count -= 1
            return self.throttle_retry_after

    # Signature verification

    def verify_signature(self, method, raw_path, headers, body):
        """Raise APIError unless the request is signed as AWS requires it."""
        authorization = headers.get("Authorization")
        if not authorization:
            raise APIError(403, "MissingAuthenticationTokenException", "Missing Authentication Token",
                           coral_suffix=True)
        fields = parse_authorization(authorization)
        for name in ("Credential", "SignedHeaders", "Signature"):
            if name not in fields:
                raise APIError(403, "IncompleteSignatureException",
                               f"Authorization header requires '{name}' parameter. Authorization={authorization}",
                               coral_suffix=True)
        scope = fields["Credential"].split("/")
        if len(scope) != 5 or scope[4] != "aws4_request":
            raise APIError(403, "IncompleteSignatureException",
                           f"Credential should have five slash-separated parts ending in aws4_request: "
                           f"{fields['Credential']}", coral_suffix=True)
        access_key_id, scope_date, scope_region, scope_service, _ = scope
        if access_key_id != self.access_key_id:
            raise APIError(403, "UnrecognizedClientException",
                           "The security token included in the request is invalid.", coral_suffix=True)

        amz_date = headers.get("X-Amz-Date")
        if not amz_date:
            raise APIError(403, "IncompleteSignatureException",
                           "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
                           coral_suffix=True)
        self.check_signing_time(amz_date)
        if scope_date != amz_date[:8]:
            raise APIError(403, "InvalidSignatureException",
                           f"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
                           f"HTTP: '{scope_date}' != '{amz_date[:8]}', from '{amz_date}'.", coral_suffix=True)
        if scope_region != self.region:
            raise APIError(403, "InvalidSignatureException",
                           f"Credential should be scoped to a valid region. Expected '{self.region}', "
                           f"got '{scope_region}'.", coral_suffix=True)
        if scope_service != SERVICE:
            raise APIError(403, "InvalidSignatureException",
                           f"Credential should be scoped to correct service: '{SERVICE}'.", coral_suffix=True)

        token = headers.get("X-Amz-Security-Token")
        if token != self.session_token:
            raise APIError(403, "UnrecognizedClientException",
                           "The security token included in the request is invalid.", coral_suffix=True)
        if self.session_token and self.expired_session_token:
            raise APIError(403, "ExpiredTokenException", "The security token included in the request is expired",
                           coral_suffix=True)

        signed_names = fields["SignedHeaders"].split(";")
        if "host" not in signed_names:
            raise APIError(403, "InvalidSignatureException",
                           "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
                           coral_suffix=True)

        request = AWSRequest(method=method, url=f"http://{headers.get('Host', '')}{raw_path}", data=body)
        for name in signed_names:
            for value in headers.get_all(name, []):
                request.headers[name] = value
        request.context["timestamp"] = amz_date
        signer = ReceivedRequestSigV4Auth(
            Credentials(self.access_key_id, self.secret_access_key, self.session_token), SERVICE, self.region)
        canonical_request = signer.canonical_request(request)
        string_to_sign = signer.string_to_sign(request, canonical_request)
        signature = signer.signature(string_to_sign, request)
        expected = (f"AWS4-HMAC-SHA256 Credential={signer.scope(request)}, "
                    f"SignedHeaders={signer.signed_headers(signer.headers_to_sign(request))}, "
                    f"Signature={signature}")
        if authorization != expected:
            # AWS appends the canonical request and string to sign, in this form, to the message.
            raise APIError(403, "InvalidSignatureException",
                           "The request signature we calculated does not match the signature you provided. "
                           "Check your AWS Secret Access Key and signing method. Consult the service "
                           "documentation for details.\n\n"
                           f"The Canonical String for this request should have been\n'{canonical_request}'\n\n"
                           f"The String-to-Sign should have been\n'{string_to_sign}'\n", coral_suffix=True)

    def check_signing_time(self, amz_date):
        try:
            signed_at = datetime.datetime.strptime(amz_date, SIGV4_TIMESTAMP).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            raise APIError(403, "IncompleteSignatureException",
                           f"Date must be in ISO-8601 'basic format'. Got '{amz_date}'.", coral_suffix=True)
        now = self.now().replace(microsecond=0)
        skew = datetime.timedelta(seconds=MAX_SKEW_SECONDS)
        if signed_at < now - skew:
            raise APIError(403, "InvalidSignatureException",
                           f"Signature expired: {amz_date} is now earlier than "
                           f"{(now - skew).strftime(SIGV4_TIMESTAMP)} ({now.strftime(SIGV4_TIMESTAMP)} - 5 min.)",
                           coral_suffix=True)
        if signed_at > now + skew:
            raise APIError(403, "InvalidSignatureException",
                           f"Signature not yet current: {amz_date} is still later than "
                           f"{(now + skew).strftime(SIGV4_TIMESTAMP)} ({now.strftime(SIGV4_TIMESTAMP)} + 5 min.)",
                           coral_suffix=True)

    def authorize(self, action, resource):
        if action in self.denied_actions:
            raise APIError(403, "AccessDeniedException",
                           f"User: {self.principal_arn} is not authorized to perform: {action} on resource: "
                           f"{resource}")

    # Control plane

    def list_workspaces(self, query):
        alias = first(query, "alias")
        if alias is not None:
            alias = alias.strip()
            if not ALIAS_LENGTH_RANGE[0] <= len(alias) <= ALIAS_LENGTH_RANGE[1]:
                raise validation_error("alias", "Member must have length between 1 and 100")
        max_results = DEFAULT_PAGE_SIZE
        if first(query, "maxResults") is not None:
            try:
                max_results = int(first(query, "maxResults"))
            except ValueError:
                raise validation_error("maxResults", "Member must be an integer")
            if not MAX_RESULTS_RANGE[0] <= max_results <= MAX_RESULTS_RANGE[1]:
                raise validation_error("maxResults", "Member must have value between 1 and 1000")
        offset = 0
        token = first(query, "nextToken")
        if token is not None:
            offset = decode_next_token(token, alias)

        self.authorize("aps:ListWorkspaces", f"arn:aws:aps:{self.region}:{self.account_id}:*")
        matching = [w for w in self.workspaces if alias is None or (w["alias"] or "").startswith(alias)]
        page_size = min(max_results, self.page_size)
        page = matching[offset:offset + page_size]
        body = {"workspaces": [summary(w) for w in page]}
        if offset + page_size < len(matching):
            body["nextToken"] = encode_next_token(offset + page_size, alias)
        return 200, body

    def describe_workspace(self, workspace_id):
        workspace = self.workspace(workspace_id)
        resource = f"arn:aws:aps:{self.region}:{self.account_id}:workspace/{workspace_id}"
        self.authorize("aps:DescribeWorkspace", resource)
        if workspace is None:
            raise workspace_not_found(workspace_id)
        description = summary(workspace)
        description["prometheusEndpoint"] = f"http://127.0.0.1:{self.port}/workspaces/{workspace_id}/api/v1/"
        return 200, {"workspace": description}

    # Data plane

    def data_plane_api(self, method, api_path):
        """Return the IAM action of an AMP data plane API, or raise the error AMP gives for it."""
        segments = api_path.split("/")
        if len(segments) == 3 and segments[0] == "label" and segments[2] == "values":
            action, methods = LABEL_VALUES_API
        elif api_path in DATA_PLANE_APIS:
            action, methods = DATA_PLANE_APIS[api_path]
        else:
            # NOTE: AMP's documentation lists the supported APIs but not the response for others. The emulator
            # responds with 404, as for an unknown route.
            raise APIError(404, "ResourceNotFoundException", f"The API /api/v1/{api_path} is not supported.")
        if method not in methods:
            # NOTE: the documentation states that these APIs accept GET only, but not which status rejects a
            # POST. The emulator responds with 405 Method Not Allowed.
            raise APIError(405, "ValidationException",
                           f"Method {method} is not allowed for /api/v1/{api_path}; use GET.")
        return action

    def forward(self, method, api_path, raw_query, headers, body):
        if not self.prometheus_url:
            raise APIError(500, "InternalServerException",
                           "The emulator has no prometheus_url to forward data plane requests to.")
        url = f"{self.prometheus_url}/api/v1/{api_path}"
        if raw_query:
            url += "?" + raw_query
        forwarded_headers = {"Accept": headers.get("Accept", "application/json")}
        if headers.get("Content-Type"):
            forwarded_headers["Content-Type"] = headers["Content-Type"]
        request = urllib.request.Request(url, data=body if method == "POST" else None,
                                         headers=forwarded_headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers.get("Content-Type"), response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type"), error.read()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "amp-emulator"

    @property
    def emulator(self):
        return self.server.emulator

    def do_GET(self):
        self.handle_request("GET")

    def do_POST(self):
        self.handle_request("POST")

    def do_PUT(self):
        self.handle_request("PUT")

    def do_DELETE(self):
        self.handle_request("DELETE")

    def log_message(self, format, *args):
        sys.stderr.write("amp_emulator: " + (format % args) + "\n")

    def handle_request(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        parts = urllib.parse.urlsplit(self.path)
        if parts.path.startswith("/_emulator/"):
            self.handle_control(method, parts.path, body)
            return

        entry = {
            "method": method,
            "path": parts.path,
            "query": parts.query,
            "headers": [[name, value] for name, value in self.headers.items()],
            "body": body.decode("utf-8", errors="replace"),
        }
        try:
            status, content_type, payload, extra_headers = self.route(method, parts, body)
            entry["status"] = status
        except APIError as error:
            entry["status"] = error.status
            entry["errorType"] = error.error_type
            status, content_type, extra_headers = error.status, "application/json", dict(error.headers)
            extra_headers["x-amzn-ErrorType"] = error.error_type + (CORAL_SUFFIX if error.coral_suffix else "")
            payload = json.dumps({"message": error.message, **error.extra}).encode()
        self.emulator.record(entry)
        self.send(status, content_type, payload, extra_headers)

    def route(self, method, parts, body):
        """Return (status, content type, body bytes, extra headers) or raise APIError."""
        if self.headers.get(TENANT_HEADER) is not None:
            # NOTE: AMP's handling of this header is undocumented. The emulator rejects it, so a client that
            # sends a Cortex or Mimir tenant header to AMP fails visibly.
            raise APIError(400, "ValidationException",
                           f"The {TENANT_HEADER} header is not accepted: AMP takes the tenant from the workspace "
                           f"in the path.", extra={"reason": "OTHER"})
        self.emulator.verify_signature(method, self.path, self.headers, body)
        retry_after = self.emulator.take_throttle()
        if retry_after is not None:
            raise APIError(429, "ThrottlingException", "Rate exceeded",
                           headers={"Retry-After": str(retry_after)})

        segments = parts.path.split("/")
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if parts.path == "/workspaces":
            if method != "GET":
                raise APIError(400, "ValidationException",
                               f"The emulator serves only ListWorkspaces (GET) at /workspaces, not {method}.",
                               extra={"reason": "UNKNOWN_OPERATION"})
            status, payload = self.emulator.list_workspaces(query)
            return status, "application/json", json.dumps(payload).encode(), {}
        if len(segments) == 3 and segments[1] == "workspaces":
            if method != "GET":
                raise APIError(400, "ValidationException",
                               f"The emulator serves only DescribeWorkspace (GET) at this path, not {method}.",
                               extra={"reason": "UNKNOWN_OPERATION"})
            status, payload = self.emulator.describe_workspace(urllib.parse.unquote(segments[2]))
            return status, "application/json", json.dumps(payload).encode(), {}
        if len(segments) >= 5 and segments[1] == "workspaces" and segments[3] == "api" and segments[4] == "v1":
            workspace_id = urllib.parse.unquote(segments[2])
            api_path = "/".join(segments[5:])
            action = self.emulator.data_plane_api(method, api_path)
            self.emulator.authorize(action, f"arn:aws:aps:{self.emulator.region}:{self.emulator.account_id}:"
                                            f"workspace/{workspace_id}")
            workspace = self.emulator.workspace(workspace_id)
            if workspace is None or workspace["status"] != "ACTIVE":
                raise workspace_not_found(workspace_id)
            status, content_type, payload = self.emulator.forward(method, api_path, parts.query, self.headers, body)
            return status, content_type, payload, {}
        # NOTE: the response of AWS's front end to an unknown path is not documented for AMP; this mirrors the
        # UnknownOperationException that rest-json services commonly return.
        raise APIError(404, "UnknownOperationException", f"No AMP operation matches {method} {parts.path}.")

    def handle_control(self, method, path, body):
        emulator = self.emulator
        if method == "GET" and path == "/_emulator/requests":
            with emulator.lock:
                payload = {"requests": list(emulator.requests)}
            self.send(200, "application/json", json.dumps(payload).encode(), {})
        elif method == "POST" and path == "/_emulator/throttle":
            settings = json.loads(body or b"{}")
            with emulator.lock:
                emulator.throttle_count = int(settings.get("count", 1))
                emulator.throttle_retry_after = int(settings.get("retry_after_seconds", 1))
            self.send(204, None, b"", {})
        elif method == "POST" and path == "/_emulator/reset":
            with emulator.lock:
                emulator.requests.clear()
            self.send(204, None, b"", {})
        else:
            self.send(404, "text/plain", f"unknown control endpoint {method} {path}\n".encode(), {})

    def send(self, status, content_type, payload, extra_headers):
        self.send_response(status)
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in extra_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if payload:
            self.wfile.write(payload)


# Helpers


def parse_authorization(value):
    """Split 'AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…' into its fields."""
    algorithm, _, rest = value.partition(" ")
    if algorithm != "AWS4-HMAC-SHA256":
        return {}
    fields = {}
    for part in rest.split(","):
        name, _, field_value = part.strip().partition("=")
        fields[name] = field_value
    return fields


def first(query, name):
    values = query.get(name)
    return values[0] if values else None


def summary(workspace):
    """The WorkspaceSummary wire form: no prometheusEndpoint, absent optional fields left out."""
    result = {
        "workspaceId": workspace["workspaceId"],
        "arn": workspace["arn"],
        "status": {"statusCode": workspace["status"]},
        "createdAt": workspace["createdAt"],
    }
    for name in ("alias", "tags", "kmsKeyArn"):
        if workspace.get(name) is not None:
            result[name] = workspace[name]
    return result


def encode_next_token(offset, alias):
    text = json.dumps({"offset": offset, "alias": alias}).encode()
    return base64.urlsafe_b64encode(text).decode()


def decode_next_token(token, alias):
    """Return the offset in the token, which must come from a listing with the same alias filter."""
    try:
        state = json.loads(base64.urlsafe_b64decode(token.encode()))
        offset = int(state["offset"])
    except (ValueError, KeyError, TypeError):
        raise validation_error("nextToken", "Invalid pagination token")
    if state.get("alias") != alias:
        raise validation_error("nextToken", "The pagination token does not match the other parameters")
    return offset


def validation_error(field, message):
    return APIError(400, "ValidationException", f"1 validation error detected: Value at '{field}' failed to "
                    f"satisfy constraint: {message}",
                    extra={"reason": "FIELD_VALIDATION_FAILED", "fieldList": [{"name": field, "message": message}]})


def workspace_not_found(workspace_id):
    return APIError(404, "ResourceNotFoundException", f"Workspace {workspace_id} not found",
                    extra={"resourceId": workspace_id, "resourceType": "WORKSPACE"})


def stop_when_stdin_closes(server):
    """Shut the server down once stdin reaches end of file, so no emulator outlives its test process."""
    sys.stdin.buffer.read()
    server.shutdown()


def main():
    parser = argparse.ArgumentParser(description="Emulate AMP on 127.0.0.1 for tests.")
    parser.add_argument("--config", required=True, help="path of the JSON configuration")
    arguments = parser.parse_args()
    with open(arguments.config, encoding="utf-8") as file:
        emulator = Emulator(json.load(file))

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.emulator = emulator
    emulator.port = server.server_address[1]
    print(emulator.port, flush=True)
    threading.Thread(target=stop_when_stdin_closes, args=(server,), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
