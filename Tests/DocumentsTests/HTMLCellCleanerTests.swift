import Foundation
import Testing
@testable import Documents

/// The tab-separated reader cleans each cell from bytes (`HTMLCellCleaner`), not through
/// tokens and `Character`s; what a person reads must not change with it.
@Suite("Cleaning cell HTML from bytes")
struct HTMLCellCleanerTests {
    /// Pieces that exercise every rule of the tokenizer and the normaliser, including the
    /// `Character`s that are more than one scalar (a space or a bullet carrying a combining
    /// mark, CR LF) and the Unicode spaces and line separators.
    static let pieces = [
        "<p>", "</P>", "<br/>", "<BR >", "<li class=\"a>b\">", "<td colspan='2'>", "<span>", "</span>", "<div\n>",
        "<h2>", "</blockquote>", "<blockquotes>", "<a href=x>", "<img alt=\"\" / >",
        " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{2028}", "\u{2029}",
        "&amp;", "&nbsp;", "&#8217;", "&#x2022;", "&#0;", "&bogus;", "&", "&&amp;", "<", ">", "<1>", "</", "<x",
        "a", "Zz", "1.2", "-", "\u{2022}", "\u{2022}\u{301}", " \u{301}", "e\u{301}", "\u{00A0}", "\u{3000}", "\u{0600} ",
        "\u{2019}", "<!-- c -->", "<!--", "<!x>", "<?p?>", "<script>x<p>y</script>", "<STYLE>p{}</style>", "<script>",
    ]

    @Test("Cleaning from bytes gives the text the tokenizer and normaliser give, for 5,000 generated cells")
    func sameAsTokens() {
        var generator = SplitMix(seed: 12)  // the fuzzing tests' generator: a failing case repeats
        for _ in 0..<5_000 {
            let count = generator.next(below: 14)
            let html = (0..<count).map { _ in Self.pieces[generator.next(below: Self.pieces.count)] }.joined()
            #expect(HTMLText.clean(html) == HTMLText.cleanThroughTokens(html), "\(html.debugDescription)")
        }
    }

    @Test("ASCII text is normalised on bytes exactly as Character by Character, for every ASCII character")
    func asciiNormalising() {
        for value in UInt8(0)..<0x80 {
            let character = String(UnicodeScalar(value))
            let text = "x\(character)y \(character)\(character)z\(character) \(character)"
            #expect(HTMLText.normalise(text) == HTMLText.normaliseCharacters(text), "byte \(value)")
        }
    }

    @Test("A dashed rule between Unicode spaces is dropped; a row of long dashes is kept; CR LF and CR end lines")
    func separatorRowsAndLineEnds() throws {
        let text = "Action\tLead\r\n\u{3000}--\t---\u{00A0}\r1.1\tManager\n\u{2014}\t\u{2014}\n"
        let document = try HTMLTableReader.read(data: Data(text.utf8), fileName: "plan.txt")
        #expect(document.tables.count == 1)
        #expect(document.tables[0].rows.map(\.number) == [1, 3, 4])
        #expect(document.tables[0].rows.map(\.texts) == [["Action", "Lead"], ["1.1", "Manager"], ["\u{2014}", "\u{2014}"]])
    }
}
