import Foundation

/// A local HTTP server that checks each request's SigV4 signature with botocore, as AWS would on receipt.
///
/// It rebuilds the request from what arrived on the socket: the method, the raw path and query, the body, and
/// the headers named in `SignedHeaders`. It signs that with botocore at the request's `X-Amz-Date` and returns
/// 200 when the `Authorization` headers match, else 403 with botocore's header and canonical request. This
/// checks that the bytes the HTTP client really sends, not only the signer's view of them, are the signed ones.
enum BotocoreVerifyingServer {
    static let script = #"""
    import datetime, sys
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    CREDENTIALS = Credentials(sys.argv[1], sys.argv[2], sys.argv[3] or None)
    REGION, SERVICE = sys.argv[4], sys.argv[5]

    class CapturingSigV4Auth(botocore.auth.SigV4Auth):
        def canonical_request(self, request):
            self.captured = super().canonical_request(request)
            return self.captured

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, status, text):
            data = text.encode()
            self.send_response(status)
            self.send_header('Content-Type', 'text/plain')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def verify(self):
            body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
            received = self.headers.get('Authorization', '')
            if 'SignedHeaders=' not in received:
                return self.reply(403, 'missing Authorization')
            signed_names = received.split('SignedHeaders=')[1].split(',')[0].split(';')
            request = AWSRequest(method=self.command, url='http://' + self.headers['Host'] + self.path, data=body)
            for name, value in self.headers.items():
                if name.lower() in signed_names:
                    request.headers[name] = value
            stamp = datetime.datetime.strptime(self.headers['X-Amz-Date'], '%Y%m%dT%H%M%SZ')
            botocore.auth.get_current_datetime = lambda: stamp
            signer = CapturingSigV4Auth(CREDENTIALS, SERVICE, REGION)
            signer.add_auth(request)
            if request.headers['Authorization'] == received:
                return self.reply(200, 'signature verified')
            self.reply(403, 'expected ' + request.headers['Authorization'] + '\ncanonical request:\n' + signer.captured)

        do_GET = verify
        do_POST = verify

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

    /// Starts a server that expects signatures by `credentials` for `region` and `service`, runs `body` with it,
    /// and stops it afterwards.
    static func with<T>(accessKeyId: String = "AKIDEXAMPLE",
                        secretAccessKey: String = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                        sessionToken: String = "client-session-token", region: String = "us-east-1",
                        service: String = "aps", _ body: (LocalPythonServer) async throws -> T) async throws -> T {
        try await LocalPythonServer.with(script: script,
                                         arguments: [accessKeyId, secretAccessKey, sessionToken, region, service],
                                         needsBotocore: true, body)
    }
}
