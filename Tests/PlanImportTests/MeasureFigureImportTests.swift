import Core
import Foundation
import Testing
@testable import PlanImport

/// A target written beyond MeasureFigure's range (a slip such as "Target 99999999999999999999%")
/// is not imported: it becomes a warning naming the file, row and column, and the measure keeps
/// its other targets.
@Suite("Out-of-range figures in imported plans")
struct MeasureFigureImportTests {
    @Test("an out-of-range target is a warning naming file, row and column, and is not stored")
    func outOfRangeTarget() throws {
        let body = """
            Improvement plan
            Ref\tAction\tLead\tDue date\tSuccess measures
            1.1\tAudit supervision monthly\tHead of Service\t31/03/2025\t1. % of children seen within timescale Interim target by Oct 2024: 70% Target by Mar 2025: 99999999999999999999%
            1.2\tRelaunch the plan template\tQA Manager\t30/06/2025\t2. % of plans reviewed on time Target by Mar 2025: 95%

            """
        let result = try PlanImporter.importPlans(data: Data(body.utf8), fileName: "plan.txt", options: ImportOptions(asAt: Day(2024, 5, 1)))
        let measures = result.measures
        let first = try #require(measures.first { $0.code == "1" })
        #expect(first.targets.map(\.value) == [70])
        #expect(measures.flatMap(\.targets).allSatisfy { MeasureFigure.isUsable($0.value) })
        #expect(measures.first { $0.code == "2" }?.targets.map(\.value) == [95])
        let warning = try #require(result.warnings.first { $0.message.contains("99999999999999999999") })
        #expect(warning.fileName == "plan.txt")
        #expect(warning.row == 3)
        #expect(warning.column == 5)
        #expect(warning.message.contains("not imported"))
        // What is stored passes the store's own check.
        for plan in result.plans { #expect(PlanValidation.errors(in: plan.draft).isEmpty) }
    }
}
