import Core
import Foundation
@testable import Measures
import Testing

@Suite("Returns recognised by content")
struct ReturnFilesTests {
    var fixtures: URL { Build.fixtures }
    func file(_ path: String, as name: String? = nil) throws -> (fileName: String, data: Data) {
        let url = fixtures.appendingPathComponent(path)
        return (name ?? url.lastPathComponent, try Data(contentsOf: url))
    }

    @Test("a workbook is Annex A, a CSV with an SSDA903 header is SSDA903 whatever its name, a named event file is local events")
    func kinds() throws {
        let annex = try file("small-annex-a.xlsx", as: "upload.bin")
        #expect(ReturnFiles.kind(of: annex.data, fileName: annex.fileName) == .annexA)
        let episodes = try file("ssda903/episodes-any-name.csv", as: "export-7.csv")
        #expect(ReturnFiles.kind(of: episodes.data, fileName: episodes.fileName) == .ssda903)
        let contacts = Data("contact_id,child_id,received_at,decided_at,outcome,category\nC1,X1,2024-06-01T09:00,2024-06-01T10:00,NFA,cp\n".utf8)
        #expect(ReturnFiles.kind(of: contacts, fileName: "contacts.csv") == .localEvents)
        #expect(ReturnFiles.kind(of: Data("a,b\n1,2\n".utf8), fileName: "other.csv") == nil)
        #expect(throws: ReturnFilesError.unrecognised("other.csv")) {
            try ReturnFiles.read(files: [("other.csv", Data("a,b\n1,2\n".utf8))])
        }
    }

    @Test("an Annex A workbook and an SSDA903 return read together; each result names the files that fed it")
    func mixedSources() throws {
        let inputs = try ReturnFiles.read(files: [try file("small-annex-a.xlsx"), try file("ssda903/header.csv"), try file("ssda903/episodes-any-name.csv")])
        #expect(inputs.supplied.contains("list4"))
        #expect(inputs.supplied.contains("ssda903.header") && inputs.supplied.contains("ssda903.episodes"))
        #expect(inputs.sources["list4"] == ["Annex A (small-annex-a.xlsx)"])
        #expect(inputs.sources["ssda903.episodes"] == ["SSDA903 (header.csv, episodes-any-name.csv)"])
        let result = MeasureEngine(inputs: inputs).compute(.asm45WD, period: q1, asAt: june30, detail: .figuresOnly)
        #expect(result.sources == ["Annex A (small-annex-a.xlsx)"])
        #expect(result.analysisResult.sources == ["Annex A (small-annex-a.xlsx)"])
        let missing = MeasureEngine(inputs: inputs).compute(.conNFA, period: q1, asAt: june30)
        #expect(missing.missingInput == "contacts" && missing.sources.isEmpty)
    }

    @Test("a CIN census is recognised by content; alone it feeds the census measures, and those it cannot carry are not computed, with why")
    func census() throws {
        let census = try file("CINCensus/small-census.xml", as: "return.dat")
        #expect(ReturnFiles.kind(of: census.data, fileName: census.fileName) == .cinCensus)
        let inputs = try ReturnFiles.read(files: [census])
        let engine = MeasureEngine(inputs: inputs)
        #expect(engine.compute(.asm45WD, period: q1, asAt: june30).sources == ["CIN census (return.dat)"])
        for (id, reason) in CINCensusReader.measuresNotCarried {
            // SUP-6W also lacks its supervision file here, which it says first.
            let missing = engine.compute(id, period: q1, asAt: june30).missingInput
            #expect(missing == reason || (id == .sup6W && missing == "supervision"), "\(id)")
        }
        // Beside Annex A (this one holds Lists 4 and 5 only), Lists 4 and 5 come from the workbook,
        // nothing twice, and ASM-SEEN is computed from it; List 6 still comes from the census alone.
        let mixed = try ReturnFiles.read(files: [try file("small-annex-a.xlsx"), census])
        let annexOnly = try ReturnFiles.read(files: [try file("small-annex-a.xlsx")])
        #expect(mixed.assessments == annexOnly.assessments)
        #expect(mixed.enquiries == annexOnly.enquiries)
        #expect(mixed.sources["list4"] == ["Annex A (small-annex-a.xlsx)"])
        #expect(mixed.sources["list6"] == ["CIN census (return.dat)"])
        #expect(mixed.measuresNotCarried[.asmSeen] == nil)
        #expect(mixed.measuresNotCarried[.cinSeen] == CINCensusReader.measuresNotCarried[.cinSeen])
        #expect(mixed.dataQuality.contains { $0.sheet == "CIN census (return.dat)" && $0.reason.hasPrefix("List 4 also came from Annex A (small-annex-a.xlsx)") })
    }

    @Test("two files supplying the same list: the first is used, the second's rows left out with a note, so no child counts twice")
    func sameListTwice() throws {
        let annex = try file("small-annex-a.xlsx")
        let once = try ReturnFiles.read(files: [annex])
        let twice = try ReturnFiles.read(files: [annex, (fileName: "copy.xlsx", data: annex.data)])
        #expect(twice.assessments.count == once.assessments.count)
        #expect(twice.sources["list4"] == ["Annex A (small-annex-a.xlsx)"])
        #expect(twice.dataQuality.contains { $0.sheet == "Annex A (copy.xlsx)" && $0.reason.hasPrefix("List 4 also came from Annex A (small-annex-a.xlsx)") })
        let a = MeasureEngine(inputs: once).compute(.asm45WD, period: q1, asAt: june30)
        let b = MeasureEngine(inputs: twice).compute(.asm45WD, period: q1, asAt: june30)
        #expect(a.denominator == b.denominator && a.numerator == b.numerator)
    }
}
