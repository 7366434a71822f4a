import Core
import Foundation
@testable import Measures
import Testing

@Suite("Typed catalogue")
struct TypedCatalogueTests {
    @Test("every catalogue entry has a computation, and every computation a catalogue entry")
    func entriesAndComputationsMatch() {
        let catalogued = MeasureCatalogue.all.map(\.id)
        let computed = MeasureEngine.computationGroups.joined().map { $0.0 }
        #expect(Set(catalogued).subtracting(computed).isEmpty, "no computation for \(Set(catalogued).subtracting(computed).sorted())")
        #expect(Set(computed).subtracting(catalogued).isEmpty, "no catalogue entry for \(Set(computed).subtracting(catalogued).sorted())")
        #expect(catalogued.count == Set(catalogued).count, "an id is catalogued twice")
        #expect(computed.count == Set(computed).count, "an id has two computations")
    }

    @Test("a computed measure never reports a missing computation")
    func noneMissing() {
        var inputs = MeasureInputs()
        inputs.supplied = Set(MeasureCatalogue.all.flatMap(\.needs).flatMap { $0.split(separator: "|").map(String.init) })
        let results = MeasureEngine(inputs: inputs).computeAll(period: q1, asAt: june30)
        #expect(results.count == MeasureCatalogue.all.count)
        #expect(results.allSatisfy { $0.missingInput == nil })
    }

    @Test("an id from outside is trimmed and upper-cased; the constant and the parsed id are the same")
    func parsesKnownIDs() throws {
        #expect(try MeasureID.parse("ASM-45WD") == .asm45WD)
        #expect(try MeasureID.parse("  asm-45wd \n") == .asm45WD)
        #expect(MeasureID(rawValue: "CLA-VISIT") == .claVisit)
        #expect(try MeasureID.parseList("asm-45wd, ICPC-15WD,,ASM-45WD") == [.asm45WD, .icpc15WD])
        #expect(MeasureCatalogue.measure(.cinSeen).title == "Open children in need seen in the last 20 working days")
    }

    @Test("an unknown id is an error naming it and listing the known ids")
    func unknownID() {
        #expect(MeasureID(rawValue: "ASM-45") == nil)
        #expect(MeasureCatalogue.measure("ASM-45") == nil)
        do {
            _ = try MeasureID.parse("ASM-45")
            Issue.record("ASM-45 was accepted")
        } catch {
            #expect(error.description.hasPrefix("'ASM-45' is not a measure in the catalogue; the known ids are CON-NFA, CON-TIMELY"))
            #expect(error.description.contains("EHCP-20W"))
        }
        do {
            _ = try MeasureID.parseList("ASM-45WD,NOPE,ALSO-NOPE")
            Issue.record("NOPE was accepted")
        } catch {
            #expect(error.description.hasPrefix("NOPE, ALSO-NOPE are not measures in the catalogue"))
        }
    }

    @Test("a stored id decodes through the same check")
    func decoding() throws {
        let ids = try JSONDecoder().decode([MeasureID].self, from: Data(#"["CP-REVIEW","cla-visit"]"#.utf8))
        #expect(ids == [.cpReview, .claVisit])
        #expect(String(decoding: try JSONEncoder().encode(ids), as: UTF8.self) == #"["CP-REVIEW","CLA-VISIT"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MeasureID].self, from: Data(#"["CP-REVEIW"]"#.utf8)) }
    }
}
