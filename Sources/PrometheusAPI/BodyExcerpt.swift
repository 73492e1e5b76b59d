import Foundation

/// The start of an unexpected response body, short enough for an error message.
///
/// An HTML page, such as the 404 page of a web server that is not Prometheus, becomes its text:
/// tags removed, common entities decoded and white space collapsed, so the message shows the
/// page's words instead of its markup.
enum BodyExcerpt {
    /// How much of an HTML body is read for its text, in bytes.
    static let htmlReadLimit = 16_384

    static func make(_ body: Data, contentType: String?, limit: Int) -> String {
        if isHTML(body, contentType: contentType) {
            let text = plainText(fromHTML: String(decoding: body.prefix(htmlReadLimit), as: UTF8.self))
            return cut(text, limit: limit, more: body.count > htmlReadLimit)
        }
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        return body.count > limit ? text + "…" : text
    }

    static func isHTML(_ body: Data, contentType: String?) -> Bool {
        if let contentType, contentType.lowercased().contains("html") { return true }
        let start = body.prefix(64).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let opening = String(decoding: start.prefix(14), as: UTF8.self).lowercased()
        return opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html")
    }

    /// Returns the words of an HTML page: the content of `script` and `style` elements and all tags
    /// removed, a few common entities decoded, runs of white space turned into one space.
    static func plainText(fromHTML html: String) -> String {
        var text = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            rest = rest[open...]
            let lowered = rest.prefix(8).lowercased()
            let skippedElement = lowered.hasPrefix("<script") ? "</script>" : lowered.hasPrefix("<style") ? "</style>" : nil
            if let closing = skippedElement, let end = rest.range(of: closing, options: .caseInsensitive) {
                rest = rest[end.upperBound...]
            } else if let close = rest.firstIndex(of: ">") {
                rest = rest[rest.index(after: close)...]
            } else {
                rest = ""
            }
            text += " "
        }
        text += rest
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "),
                                    ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func cut(_ text: String, limit: Int, more: Bool) -> String {
        guard text.utf8.count > limit else { return more ? text + " …" : text }
        var kept = ""
        for character in text {
            if kept.utf8.count + character.utf8.count > limit { break }
            kept.append(character)
        }
        return kept.trimmingCharacters(in: .whitespaces) + "…"
    }
}
