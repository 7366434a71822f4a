import Core
import Foundation
@testable import Measures
import Testing

@Suite("Figures-only runs")
struct FiguresOnlyTests {
    @Test("every measure gives the same figures, breakdowns and exclusions with and without the counted rows",
          arguments: [Period.Kind.month, .year])
    func sameFigures(kind: Period.Kind) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figures-only-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workbook = folder.appendingPathComponent("annex-a.xlsx"), events = folder.appendingPathComponent("events")
        _ = try AnnexAGenerator(children: 1500, seed: 16, asAt: Day(2024, 3, 31)).write(workbook: workbook, eventsFolder: events)
        var inputs = try AnnexAReader.read(url: workbook)
        inputs.merge(try LocalEventReader.read(folder: events))
        let engine = MeasureEngine(inputs: inputs)
        let asAt = Day(2024, 3, 31), period = Period.containing(asAt, kind: kind)
        let full = engine.computeAll(period: period, asAt: asAt, detail: .rows)
        let figures = engine.computeAll(period: period, asAt: asAt, detail: .figuresOnly)
        #expect(full.count == MeasureCatalogue.all.count)
        for (a, b) in zip(full, figures) {
            #expect(a.measure.id == b.measure.id)
            #expect(a.countedTotal > 0 || a.measure.id == .ehcp20W || a.missingInput != nil, "\(a.measure.id) counts nothing in the sample")
            #expect(a.numerator == b.numerator, "\(a.measure.id)")
            #expect(a.denominator == b.denominator, "\(a.measure.id)")
            #expect(a.value == b.value, "\(a.measure.id)")
            #expect(a.breakdowns == b.breakdowns, "\(a.measure.id)")
            #expect(a.excluded == b.excluded, "\(a.measure.id)")
            #expect(a.missingInput == b.missingInput, "\(a.measure.id)")
            #expect(a.countedTotal == a.counted.count && b.countedTotal == a.counted.count, "\(a.measure.id)")
            #expect(a.outOfTimescaleTotal == a.outOfTimescale.count && b.outOfTimescaleTotal == a.outOfTimescaleTotal, "\(a.measure.id)")
            #expect(a.analysisResult == b.analysisResult, "\(a.measure.id)")
            #expect(b.counted.isEmpty && b.detail == .figuresOnly && a.detail == .rows)
        }
    }
}
