import Core
import Foundation
import Testing
@testable import Measures

@Suite("SSDA903 generator")
struct SSDA903GeneratorTests {
    static func generate(seed: UInt64, children: Int = 3_000) throws -> (URL, SSDA903Generator.Summary) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssda903-\(UUID().uuidString)")
        let summary = try SSDA903Generator(children: children, seed: seed).write(folder: folder)
        return (folder, summary)
    }

    @Test("the same seed writes the same files; the reader reads them with nothing unusable")
    func deterministicAndReadable() throws {
        let (a, summary) = try Self.generate(seed: 5)
        let (b, _) = try Self.generate(seed: 5)
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        for table in SSDA903Table.allCases {
            let one = try Data(contentsOf: a.appendingPathComponent(table.fileName))
            #expect(one == (try Data(contentsOf: b.appendingPathComponent(table.fileName))), "\(table)")
        }
        let inputs = try SSDA903Reader.read(folder: a)
        #expect(inputs.dataQuality.isEmpty, "\(inputs.dataQuality.prefix(5))")
        #expect(inputs.supplied == Set(SSDA903Table.allCases.map(\.key)))
        #expect(summary.lookedAfter > 50)
        #expect(inputs.ssda903.reviews.count > summary.lookedAfter / 2)
    }

    @Test("the children looked after are Annex A's with the same seed: ids, dates of birth and dates started to be looked after")
    func consistentWithAnnexA() throws {
        let generator = SSDA903Generator(children: 3_000, seed: 11)
        let annex = try generator.annexA()
        let (folder, _) = try Self.generate(seed: 11)
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try SSDA903Reader.read(folder: folder).ssda903
        let list8 = Dictionary(annex.lookedAfter.map { ($0.child.childID, $0) }, uniquingKeysWith: { a, _ in a })
        let list10 = Set(annex.adoptions.map(\.child.childID))
        let born = Dictionary(r.children.map { ($0.childID, $0.dateOfBirth) }, uniquingKeysWith: { a, _ in a })
        let firstEpisode = Dictionary(grouping: r.episodes.filter { $0.reasonNewEpisode == "S" }, by: \.childID)
        var compared = 0
        for id in Set(r.episodes.map(\.childID)) {
            #expect(list8[id] != nil || list10.contains(id), "\(id) is not on List 8 or 10")
            guard let row = list8[id], !list10.contains(id) else { continue }
            #expect(born[id] == row.child.dateOfBirth)
            if let start = firstEpisode[id]?.first?.start { #expect(start == row.start); compared += 1 }
        }
        #expect(compared > 20)
    }
}
