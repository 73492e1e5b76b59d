import Foundation
import Testing

/// A Python HTTP server on 127.0.0.1 that plays the container credential endpoint and the EC2 instance
/// metadata service, checking the authorization and session token headers it receives.
///
/// Routes:
/// - `GET /container/creds` returns credentials when `Authorization` equals the expected token, else 401.
/// - `GET /container/flaky` returns 503 on its first request and credentials after.
/// - `GET /container/not-json` and `GET /container/missing-secret` return broken bodies.
/// - `PUT /latest/api/token` returns a session token when the TTL header is present, else 400.
/// - `GET /latest/meta-data/iam/security-credentials/` and `.../<role>` require that session token, else 401.
enum LocalCredentialServer {
    static let expectedContainerToken = "container-token-123"
    static let imdsSessionToken = "imds-session-token-456"
    static let roleName = "promlambda-role"

    static let script = #"""
    import json, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    EXPECTED_TOKEN, IMDS_TOKEN, ROLE = sys.argv[1], sys.argv[2], sys.argv[3]
    CREDENTIALS = {
        'AccessKeyId': 'ASIALOCALTEST', 'SecretAccessKey': 'local/secret+key', 'Token': 'local-session-token',
        'Expiration': '2026-03-14T10:00:00Z',
    }
    flaky_requests = [0]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, status, body, content_type='application/json'):
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header('Content-Type', content_type)
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_PUT(self):
            if self.path != '/latest/api/token':
                return self.reply(404, '{}')
            if self.headers.get('X-aws-ec2-metadata-token-ttl-seconds') != '21600':
                return self.reply(400, 'missing TTL', 'text/plain')
            self.reply(200, IMDS_TOKEN, 'text/plain')

        def do_GET(self):
            if self.path.startswith('/latest/'):
                if self.headers.get('X-aws-ec2-metadata-token') != IMDS_TOKEN:
                    return self.reply(401, 'bad session token', 'text/plain')
                if self.path == '/latest/meta-data/iam/security-credentials/':
                    return self.reply(200, ROLE + '\n', 'text/plain')
                if self.path == '/latest/meta-data/iam/security-credentials/' + ROLE:
                    return self.reply(200, json.dumps(dict(CREDENTIALS, Code='Success')))
                return self.reply(404, '{}')
            if self.headers.get('Authorization') != EXPECTED_TOKEN:
                return self.reply(401, '{"message": "bad token"}')
            if self.path == '/container/creds':
                return self.reply(200, json.dumps(CREDENTIALS))
            if self.path == '/container/flaky':
                flaky_requests[0] += 1
                if flaky_requests[0] == 1:
                    return self.reply(503, '{}')
                return self.reply(200, json.dumps(CREDENTIALS))
            if self.path == '/container/not-json':
                return self.reply(200, '<html>secret-looking body</html>', 'text/html')
            if self.path == '/container/missing-secret':
                return self.reply(200, json.dumps({'AccessKeyId': 'ASIAPARTIAL'}))
            self.reply(404, '{}')

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

    /// Starts a server, runs `body` with it, and stops the server afterwards, also when `body` throws.
    static func with<T>(_ body: (LocalPythonServer) async throws -> T) async throws -> T {
        try await LocalPythonServer.with(script: script, arguments: [expectedContainerToken, imdsSessionToken, roleName],
                                         needsBotocore: false, body)
    }
}
