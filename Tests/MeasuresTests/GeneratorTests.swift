import Core
import Foundation
import Testing
@testable import Measures

@Suite("Synthetic Annex A generator")
struct GeneratorTests {
    func generate(seed: UInt64, children: Int = 300) throws -> (MeasureInputs, AnnexAGenerator.Summary) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("generator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workbook = folder.appendingPathComponent("annex-a.xlsx"), events = folder.appendingPathComponent("events")
        let summary = try AnnexAGenerator(children: children, seed: seed).write(workbook: workbook, eventsFolder: events)
        var inputs = try AnnexAReader.read(url: workbook)
        inputs.merge(try LocalEventReader.read(folder: events))
        return (inputs, summary)
    }

    @Test("the same seed gives the same records; another seed does not")
    func deterministic() throws {
        let (a, _) = try generate(seed: 5)
        let (b, _) = try generate(seed: 5)
        let (c, _) = try generate(seed: 6)
        #expect(a.assessments == b.assessments)
        #expect(a.contacts == b.contacts)
        #expect(a.dataQuality == b.dataQuality)
        #expect(a.assessments != c.assessments)
    }

    @Test("every list and event file is written and read, with realistic shares and a few bad rows")
    func realistic() throws {
        let (inputs, summary) = try generate(seed: 1, children: 2000)
        #expect(inputs.supplied == Set((3...10).map { "list\($0)" } + LocalEventKind.allCases.map(\.rawValue)))
        #expect(summary.rows["List 3"] == inputs.referrals.count + inputs.dataQuality.filter(\.rowDropped).count)
        let engine = MeasureEngine(inputs: inputs)
        let asm = engine.compute("ASM-45WD", period: .financialYear(startYear: 2023), asAt: Day(2024, 3, 31))!
        // Most assessments in time, a tail late.
        #expect((asm.value ?? 0) > 75 && (asm.value ?? 100) < 95)
        #expect(!inputs.dataQuality.isEmpty)
        #expect(Double(inputs.dataQuality.count) < Double(summary.total) * 0.02)
        // The SSDA903 measures read a return, not Annex A: they say it was not supplied.
        #expect(engine.computeAll(period: .financialYear(startYear: 2023), asAt: Day(2024, 3, 31))
            .filter { !$0.measure.needs.contains { $0.hasPrefix("ssda903.") } }.allSatisfy { $0.missingInput == nil })
    }
}
