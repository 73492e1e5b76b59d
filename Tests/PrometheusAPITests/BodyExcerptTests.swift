import Foundation
@testable import PrometheusAPI
import Testing

/// Excerpts of unexpected bodies: HTML pages read as their text, other bodies cut as they are.
@Suite struct BodyExcerptTests {
    static let page = """
        <!DOCTYPE HTML>
        <html><head><title>Error response</title><style>body { color: red; }</style>
        <script>var x = "<b>";</script></head>
        <body><h1>Not Found</h1><p>Nothing matches &quot;/api/v1/query&quot; &amp; more.</p></body></html>
        """

    @Test func htmlPageBecomesItsText() {
        let excerpt = BodyExcerpt.make(Data(Self.page.utf8), contentType: "text/html;charset=utf-8", limit: 512)
        #expect(excerpt == #"Error response Not Found Nothing matches "/api/v1/query" & more."#)
    }

    @Test func htmlRecognizedWithoutContentType() {
        #expect(BodyExcerpt.isHTML(Data("  \n<!doctype html><p>x</p>".utf8), contentType: nil))
        #expect(BodyExcerpt.isHTML(Data("<HTML><body>x</body></HTML>".utf8), contentType: nil))
        #expect(!BodyExcerpt.isHTML(Data("<metrics>".utf8), contentType: "application/xml"))
    }

    @Test func htmlTextCutAtLimit() {
        let html = "<p>" + String(repeating: "word ", count: 100) + "</p>"
        let excerpt = BodyExcerpt.make(Data(html.utf8), contentType: "text/html", limit: 20)
        #expect(excerpt == "word word word word…")
    }

    @Test func plainBodyKeptAndCut() {
        let body = Data(String(repeating: "a", count: 30).utf8)
        #expect(BodyExcerpt.make(body, contentType: "text/plain", limit: 40) == String(repeating: "a", count: 30))
        #expect(BodyExcerpt.make(body, contentType: "text/plain", limit: 10) == String(repeating: "a", count: 10) + "…")
    }

    @Test func notFoundNamesTheBaseURL() {
        let error = PrometheusError.http(status: 404, contentType: "text/plain", body: "404 page not found")
        #expect(error.description.hasSuffix("Check that the URL is the server's base URL, the part before /api/v1."))
    }
}
