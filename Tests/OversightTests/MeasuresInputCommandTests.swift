import Core
import Foundation
import Testing

@Suite("oversight measures compute --input")
struct MeasuresInputCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MeasuresTests/Fixtures")

    @Test("Annex A and an SSDA903 folder, recognised by content; each CSV and JSON result names its sources")
    func mixed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let returns = folder.appendingPathComponent("ssda903")
        try FileManager.default.createDirectory(at: returns, withIntermediateDirectories: true)
        for name in ["header.csv", "episodes-any-name.csv"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("ssda903/\(name)"), to: returns.appendingPathComponent(name))
        }
        let workbook = folder.appendingPathComponent("la-export.bin")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("small-annex-a.xlsx"), to: workbook)
        let csv = folder.appendingPathComponent("out.csv").path, json = folder.appendingPathComponent("out.json").path
        let computed = try Command.run(["measures", "compute", "--input", workbook.path, "--input", returns.path,
                                        "--as-at", "2024-06-30", "--period", "quarter", "--measures", "ASM-45WD,CON-NFA", "--out", csv])
        #expect(computed.status == 0, "\(computed.error)")
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasSuffix(",missing_input,sources") == true)
        #expect(lines.contains { $0.hasPrefix("ASM-45WD,") && $0.hasSuffix(",Annex A (la-export.bin)") })
        #expect(lines.contains { $0.hasPrefix("CON-NFA,") && $0.hasSuffix(",contacts,") })
        let asJSON = try Command.run(["measures", "compute", "--input", workbook.path, "--input", returns.path,
                                      "--as-at", "2024-06-30", "--period", "quarter", "--measures", "ASM-45WD", "--out", json])
        #expect(asJSON.status == 0, "\(asJSON.error)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: Any]])
        #expect(items.first?["sources"] as? [String] == ["Annex A (la-export.bin)"])
        #expect((items.first?["counted_rows"] as? [Any])?.isEmpty == false)
    }

    @Test("a CIN census alone: the measures it feeds name it; one it cannot carry is not computed, with why")
    func census() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("census-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Command.run(["measures", "compute", "--input", Self.fixtures.appendingPathComponent("CINCensus/small-census.xml").path,
                                      "--as-at", "2024-06-30", "--period", "quarter", "--measures", "ASM-45WD,CIN-SEEN", "--out", out])
        #expect(result.status == 0, "\(result.error)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("ASM-45WD,") && $0.hasSuffix(",CIN census (small-census.xml)") })
        #expect(lines.contains { $0.hasPrefix("CIN-SEEN,") && $0.hasSuffix(",the census does not record when a child in need was last seen,") })
    }

    @Test("a file that is none of the kinds is refused, named")
    func refused() throws {
        let result = try Command.run(["measures", "compute", "--input", Self.fixtures.appendingPathComponent("ssda903").path,
                                      "--as-at", "2024-06-30"])
        #expect(result.status != 0)
        #expect(result.error.contains("not-903.csv is not an Annex A workbook (.xlsx), an SSDA903 table"))
    }
}
