import Core
import Foundation
import Testing

@Suite("oversight measures compute: SSDA903 reviews, participation, long-term stability and missing incidents")
struct SSDA903ReviewCommandTests {
    @Test("a generated return: --measures selects the five, each has a value and names the return as its source")
    func generatedReturn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("903-reviews-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let returns = folder.appendingPathComponent("ssda903").path
        let generated = try Command.run(["generate", "ssda903", "--children", "2000", "--seed", "5", "--out", returns])
        #expect(generated.status == 0, "\(generated.error)")
        let out = folder.appendingPathComponent("out.csv").path
        let ids = ["903-REVIEWS", "903-REVIEW-PN", "903-STABILITY-LT", "903-MISSING-INCIDENTS", "903-AWAY-INCIDENTS"]
        let computed = try Command.run(["measures", "compute", "--input", returns, "--as-at", "2024-03-31", "--period", "year",
                                        "--measures", ids.joined(separator: ","), "--out", out])
        #expect(computed.status == 0, "\(computed.error)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        let valueColumn = try #require(header.firstIndex(of: "value"))
        #expect(lines.dropFirst().map { String($0.prefix { $0 != "," }) } == ids)
        for line in lines.dropFirst() {
            // The value column precedes any quoted title comma only for these titles, which hold none.
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells.count > valueColumn && Double(cells[valueColumn]) != nil, "\(line)")
            #expect(line.contains("SSDA903 ("), "\(line)")
        }
    }
}
