import Documents
import Foundation
import Testing
@testable import PlanImport

/// A file far larger than any plan is refused before recognition, naming the limit, so it
/// cannot hold a parsing thread for minutes.
@Suite("Plan size limit")
struct PlanSizeLimitTests {
    static func csv(rows: Int) -> Data {
        var text = "Ref,Action,Lead,Due date\n"
        for row in 1...rows { text += "\(row),Action \(row),Lead,31/03/2027\n" }
        return Data(text.utf8)
    }

    @Test("one row past the limit is refused naming it; a file at the limit is read")
    func limit() throws {
        do {
            _ = try PlanImporter.importPlans(data: Self.csv(rows: PlanImporter.maximumRows), fileName: "big.csv")
            Issue.record("a file over the limit was read")
        } catch {
            #expect(error.reason == .tooManyRows(limit: PlanImporter.maximumRows))
            #expect(error.message.contains("big.csv"))
            #expect(error.message.contains("10000"))
        }
        let result = try PlanImporter.importPlans(data: Self.csv(rows: PlanImporter.maximumRows - 1), fileName: "ok.csv")
        #expect(!result.plans.isEmpty)
    }
}
