import Core
import Foundation
import Logging

/// `serve --log-format json`: one JSON object per line, for a log collector —
/// `{"timestamp":…,"level":…,"label":…,"message":…,"request_id":…,"metadata":{…}}` — with keys in
/// that order and metadata keys sorted, so lines of one kind look alike.
///
/// What the server logs is chosen not to hold secrets or child-level data (route patterns, not
/// addresses; reasons and counts, not names). This handler is the second line: whatever reaches
/// it, a secret-bearing path segment (calendar feed, reset and invitation links), a query string,
/// a bearer token, or a metadata value under a key naming a secret (password, token, cookie,
/// session…) is written redacted.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    /// Takes each finished line, newline included.
    let write: @Sendable (String) -> Void
    let now: @Sendable () -> Date

    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.label = label
        self.write = write
        self.now = now
    }

    /// Standard error, where the text logs go too (standard output keeps the start-up messages).
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let given = event.metadata { merged.merge(given) { _, new in new } }
        if let error = event.error {
            // The error's type only: its description may quote what was sent.
            merged["error"] = "\(String(reflecting: type(of: error)))"
        }
        write(Self.line(at: now(), level: event.level, label: label, message: event.message.description, metadata: merged))
    }

    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The JSON line for one event.
    static func line(at date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var metadata = metadata
        // Hummingbird tags each request's logger with its id: a field of its own, to join lines on.
        let requestID = metadata.removeValue(forKey: "hb.request.id")
        var out = "{\"timestamp\":"
        JSONText.appendString(timestampStyle.format(date), to: &out)
        out += ",\"level\":"
        JSONText.appendString(level.rawValue, to: &out)
        out += ",\"label\":"
        JSONText.appendString(label, to: &out)
        out += ",\"message\":"
        JSONText.appendString(LogRedaction.clean(message), to: &out)
        if let requestID {
            out += ",\"request_id\":"
            JSONText.appendString(requestID.description, to: &out)
        }
        out += ",\"metadata\":"
        appendObject(metadata, to: &out)
        out += "}\n"
        return out
    }

    static func appendObject(_ metadata: Logger.Metadata, to out: inout String) {
        out += "{"
        for (index, key) in metadata.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(key, to: &out)
            out += ":"
            if LogRedaction.namesSecret(key) {
                JSONText.appendString(LogRedaction.redacted, to: &out)
            } else if let value = metadata[key] {
                appendValue(value, to: &out)
            }
        }
        out += "}"
    }

    static func appendValue(_ value: Logger.Metadata.Value, to out: inout String) {
        switch value {
        case let .string(text): JSONText.appendString(LogRedaction.clean(text), to: &out)
        case let .stringConvertible(item): JSONText.appendString(LogRedaction.clean(item.description), to: &out)
        case let .dictionary(nested): appendObject(nested, to: &out)
        case let .array(items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                appendValue(item, to: &out)
            }
            out += "]"
        }
    }

}

/// The JSON log's last check on what it writes.
enum LogRedaction {
    static let redacted = "[redacted]"

    /// Metadata keys whose values are never written.
    static func namesSecret(_ key: String) -> Bool {
        let key = key.lowercased()
        return ["password", "token", "secret", "cookie", "authorization", "session", "csrf"].contains { key.contains($0) }
    }

    /// Paths whose next segment is a secret, and what the segment is written as.
    static let secretSegments: [(prefix: String, placeholder: String)] = [
        ("/reset/", "{token}"), ("/invitations/", "{token}"), ("/calendar/feed/", "{token}.ics"),
    ]

    /// `text` with secret path segments, query strings after a path, and bearer tokens redacted.
    static func clean(_ text: String) -> String {
        guard text.contains("/") || text.lowercased().contains("bearer") else { return text }
        var result = text
        for (prefix, placeholder) in secretSegments {
            result = replacingSegments(after: prefix, with: placeholder, in: result)
        }
        return redactingBearer(in: redactingQueries(in: result))
    }

    static func isBoundary(_ character: Character) -> Bool {
        character.isWhitespace || "\"'<>()[]{},;".contains(character)
    }

    /// `/reset/abc?x=1` → `/reset/{token}?x=1` (the query goes next).
    static func replacingSegments(after prefix: String, with placeholder: String, in text: String) -> String {
        guard text.contains(prefix) else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: prefix) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || isBoundary($0) } ?? rest.endIndex
            if end > rest.startIndex, rest[rest.startIndex..<end] != Substring(placeholder) {
                out += placeholder
            } else {
                out += rest[rest.startIndex..<end]
            }
            rest = rest[end...]
        }
        return out + rest
    }

    /// `/sso/callback?code=…&state=…` → `/sso/callback?[redacted]`: a `?` inside a word that has
    /// a `/` before it starts a query string, which is dropped to the word's end.
    static func redactingQueries(in text: String) -> String {
        guard text.contains("?") else { return text }
        var out = ""
        var wordHasSlash = false
        var skipping = false
        for character in text {
            // Braces belong to a route pattern (`/plans/{id}?x`), so they do not end the word here.
            if character.isWhitespace || "\"'<>()[],;".contains(character) {
                wordHasSlash = false
                skipping = false
                out.append(character)
                continue
            }
            if skipping { continue }
            if character == "/" { wordHasSlash = true }
            if character == "?", wordHasSlash {
                out += "?" + redacted
                skipping = true
                continue
            }
            out.append(character)
        }
        return out
    }

    /// `Bearer abc` → `Bearer [redacted]`, whatever the case.
    static func redactingBearer(in text: String) -> String {
        guard let range = text.range(of: "bearer ", options: .caseInsensitive) else { return text }
        let rest = text[range.upperBound...]
        let end = rest.firstIndex(where: isBoundary) ?? rest.endIndex
        let tail = redactingBearer(in: String(rest[end...]))
        return String(text[..<range.upperBound]) + (end > rest.startIndex ? redacted : "") + tail
    }
}
