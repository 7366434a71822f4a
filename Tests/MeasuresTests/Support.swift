import Core
import Foundation
@testable import Measures

/// Small builders so each test shows its rows.
enum Build {
    static func child(_ id: String, team: String? = nil, worker: String? = nil, born: Day? = nil) -> ChildDetails {
        ChildDetails(childID: id, dateOfBirth: born, team: team, worker: worker)
    }

    static func source(_ sheet: String, _ row: Int) -> RecordSource { RecordSource(sheet: sheet, row: row) }

    /// An engine over inputs built by `body`, with every input marked as supplied.
    static func engine(convention: TimescaleConvention = .statutory, _ body: (inout MeasureInputs) -> Void) -> MeasureEngine {
        var inputs = MeasureInputs()
        inputs.supplied = Set(AnnexAList.allCases.map(\.key) + LocalEventKind.allCases.map(\.rawValue) + SSDA903Table.allCases.map(\.key))
        body(&inputs)
        return MeasureEngine(inputs: inputs, options: EngineOptions(convention: convention))
    }

    static func moment(_ text: String) -> Stamp { DateText.stamp(text)! }

    static var fixtures: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }
}

/// Quarter 1 of 2024-25: 1 April to 30 June 2024.
let q1 = Period.quarter(startYear: 2024, quarter: 1)
let june30 = Day(2024, 6, 30)

extension MeasureEngine {
    func run(_ id: String, _ period: Period = q1, asAt: Day = june30) -> MeasureResult {
        compute(id, period: period, asAt: asAt)!
    }
}
