import Foundation
import Testing
@testable import Web

/// The multipart/form-data reader behind the analysis upload: what browsers send, and the
/// broken or hostile bodies it must refuse with a reason.
@Suite("Multipart form")
struct MultipartFormTests {
    static let boundary = "----OversightBoundary7MA4YWxkTrZu0gW"
    static let contentType = "multipart/form-data; boundary=\(boundary)"

    /// A body as a browser writes it: CRLF line ends, each part opened by the delimiter.
    static func body(_ parts: [(headers: [String], content: String)], close: Bool = true) -> Data {
        var text = ""
        for part in parts {
            text += "--\(boundary)\r\n" + part.headers.map { $0 + "\r\n" }.joined() + "\r\n" + part.content + "\r\n"
        }
        if close { text += "--\(boundary)--\r\n" }
        return Data(text.utf8)
    }

    static func field(_ name: String, _ value: String) -> (headers: [String], content: String) {
        (["Content-Disposition: form-data; name=\"\(name)\""], value)
    }

    @Test("Fields and files come out in order, with their names, file names and content types")
    func fieldsAndFiles() throws {
        let data = Self.body([
            Self.field("csrf", "token-123"),
            (["Content-Disposition: form-data; name=\"annex-a\"; filename=\"annex-a.xlsx\"",
              "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"], "PK\u{3}\u{4}binary"),
            (["Content-Disposition: form-data; name=\"events\"; filename=\"contacts.csv\"", "Content-Type: text/csv"],
             "child_id,received_at\r\nC1,2024-03-01\r\n"),
            (["Content-Disposition: form-data; name=\"events\"; filename=\"\"", "Content-Type: application/octet-stream"], ""),
        ])
        let form = try MultipartForm(body: data, contentType: Self.contentType)
        #expect(form.parts.count == 4)
        #expect(form.field("csrf") == "token-123")
        #expect(form.files("annex-a").first?.fileName == "annex-a.xlsx")
        #expect(form.files("annex-a").first?.text == "PK\u{3}\u{4}binary")
        // A file's own CRLFs are content; only the CRLF before the next boundary is not.
        #expect(form.files("events").map { $0.text } == ["child_id,received_at\r\nC1,2024-03-01\r\n"],
                "an empty file input is not a file")
        #expect(form.files("events").first?.contentType == "text/csv")
    }

    @Test("A boundary-like line inside a file, and a boundary split across what a reader might chunk, are handled")
    func boundaryLookalikes() throws {
        let tricky = "--\(Self.boundary.dropLast())\r\n--\(Self.boundary)x is not a boundary\r\n\r\n-\r\n--"
        let data = Self.body([(["Content-Disposition: form-data; name=\"f\"; filename=\"a.csv\""], tricky), Self.field("after", "yes")])
        let form = try MultipartForm(body: data, contentType: Self.contentType)
        #expect(form.files("f").first?.text == tricky)
        #expect(form.field("after") == "yes")
    }

    @Test("A preamble before the first boundary and an epilogue after the last are ignored; the quoted boundary is read")
    func preambleAndEpilogue() throws {
        var data = Data("This is a preamble.\r\n".utf8)
        data += Self.body([Self.field("a", "1")])
        data += Data("epilogue text".utf8)
        let form = try MultipartForm(body: data, contentType: "multipart/form-data; boundary=\"\(Self.boundary)\"")
        #expect(form.field("a") == "1")
    }

    @Test("A boundary with the odd characters RFC 2046 allows, quoted, and padding after a delimiter")
    func oddBoundary() throws {
        let boundary = "a b'()+_,-./:=?"
        let text = "--\(boundary)  \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--\(boundary)\t\r\n"
            + "Content-Disposition: form-data; name=\"b\"\r\n\r\n\r\n--\(boundary)--"
        let form = try MultipartForm(body: Data(text.utf8), contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"\(boundary)\"")
        #expect(form.field("a") == "1")
        #expect(form.field("b") == "", "an empty field is still a field")
    }

    @Test("File names: quotes escaped, UTF-8 sent raw, filename* (RFC 7578/5987) preferred, folders dropped")
    func fileNames() throws {
        let data = Self.body([
            (["Content-Disposition: form-data; name=\"a\"; filename=\"Annex \\\"A\\\"; 2024.xlsx\""], "x"),
            (["Content-Disposition: form-data; name=\"b\"; filename=\"Réunion – données.csv\""], "y"),
            (["Content-Disposition: form-data; name=\"c\"; filename=\"fallback.csv\"; filename*=UTF-8''%C3%A9v%C3%A8nements%20%E2%80%94%20mars.csv"], "z"),
            (["content-disposition: form-data; name=\"d\"; filename=\"C:\\\\Users\\\\jo\\\\annex.xlsx\""], "w"),
        ])
        let form = try MultipartForm(body: data, contentType: Self.contentType)
        #expect(form.files("a").first?.fileName == "Annex \"A\"; 2024.xlsx")
        #expect(form.files("b").first?.fileName == "Réunion – données.csv")
        #expect(form.files("c").first?.fileName == "évènements — mars.csv")
        #expect(form.files("d").first?.fileName == "annex.xlsx")
    }

    @Test("A body cut short, without its closing boundary, is refused")
    func missingFinalBoundary() {
        let cut = Self.body([Self.field("a", "1"), (["Content-Disposition: form-data; name=\"f\"; filename=\"a.csv\""], "half a fi")], close: false)
        #expect(throws: MultipartForm.Problem.self) { try MultipartForm(body: cut.dropLast(2), contentType: Self.contentType) }
        var endsAtDelimiter = Self.body([Self.field("a", "1")], close: false)
        endsAtDelimiter += Data("--\(Self.boundary)".utf8)
        #expect(throws: MultipartForm.Problem.self) { try MultipartForm(body: endsAtDelimiter, contentType: Self.contentType) }
    }

    @Test("Bare LF line ends are not multipart: the parts cannot be found")
    func lineFeedsOnly() {
        let text = "--\(Self.boundary)\nContent-Disposition: form-data; name=\"a\"\n\n1\n--\(Self.boundary)--\n"
        #expect(throws: MultipartForm.Problem.self) { try MultipartForm(body: Data(text.utf8), contentType: Self.contentType) }
    }

    @Test("No boundary, another content type, too many parts and oversized headers are refused with a reason")
    func limits() {
        #expect(throws: MultipartForm.Problem.noBoundary) { try MultipartForm(body: Data(), contentType: "multipart/form-data") }
        #expect(throws: MultipartForm.Problem.notMultipart) { try MultipartForm(body: Data(), contentType: "application/x-www-form-urlencoded") }
        let many = Self.body((0..<5).map { Self.field("f\($0)", "v") })
        #expect(throws: MultipartForm.Problem.tooManyParts(4)) {
            try MultipartForm(body: many, contentType: Self.contentType, limits: .init(parts: 4, headerBytes: 8192))
        }
        let long = Self.body([(["Content-Disposition: form-data; name=\"a\"", "X-Padding: " + String(repeating: "x", count: 200)], "1")])
        #expect(throws: MultipartForm.Problem.headersTooLarge(100)) {
            try MultipartForm(body: long, contentType: Self.contentType, limits: .init(parts: 4, headerBytes: 100))
        }
        let unnamed = Self.body([(["Content-Disposition: attachment"], "1")])
        #expect(throws: MultipartForm.Problem.self) { try MultipartForm(body: unnamed, contentType: Self.contentType) }
    }
}
