import Documents
import Testing

@Suite("Escaping text for XML and HTML")
struct MarkupTextTests {
    @Test("the five markup characters are escaped and everything else is kept", arguments: [
        ("Plain text", "Plain text"),
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        ("Tom & Jerry \"quoted\"", "Tom &amp; Jerry &quot;quoted&quot;"),
        ("Café — naïve 😀", "Café — naïve 😀"),
        ("Line one\nline two\ttabbed\r\n", "Line one\nline two\ttabbed\r\n"),
        ("", ""),
    ])
    func escapes(text: String, expected: String) {
        #expect(MarkupText.escaped(text) == expected)
    }

    @Test("characters XML does not allow become spaces, so the document stays well formed")
    func disallowedCharacters() {
        #expect(MarkupText.escaped("a\u{0}b\u{8}c\u{1F}d") == "a b c d")
        #expect(MarkupText.escaped("x\u{FFFE}y\u{FFFF}z\u{FFFD}") == "x y z\u{FFFD}")
    }

    @Test("appending escapes into an existing buffer")
    func appends() {
        var out = "<td>"
        MarkupText.escape("5 < 6", into: &out)
        out += "</td>"
        #expect(out == "<td>5 &lt; 6</td>")
    }
}
