import Core
import Foundation

extension AnalysisRun {
    /// A run from the engine's results and the readers' data-quality report, ready to store.
    public init(results: [MeasureResult], dataQuality: [DataQualityIssue], organisationID: Int64, ranBy: String,
                ranAt: Date, asAt: Day, period: Period, convention: TimescaleConvention, fileNames: [String],
                latestRecordedDay: Day? = nil) {
        self.init(organisationID: organisationID, ranBy: ranBy, ranAt: ranAt, asAt: asAt, period: period,
                  convention: convention.rawValue, fileNames: fileNames, results: results.map(\.analysisResult),
                  dataQuality: dataQuality.map {
                      DataQualityNote(sheet: $0.sheet, row: $0.row, column: $0.column, reason: $0.reason, rowDropped: $0.rowDropped)
                  }, latestRecordedDay: latestRecordedDay)
    }
}

extension MeasureResult {
    /// The aggregate figures, without the rows.
    public var analysisResult: AnalysisResult {
        AnalysisResult(catalogueID: measure.id.rawValue, title: measure.title, unit: measure.unit, polarity: measure.polarity,
                       numerator: missingInput == nil ? numerator : nil, denominator: denominator, value: value,
                       counted: countedTotal, excluded: excluded.count, outOfTimescale: outOfTimescaleTotal,
                       missingInput: missingInput, sources: sources.isEmpty ? nil : sources)
    }

    /// The counted rows as the drill-down stores them.
    public var drillDownRows: [DrillDownRow] {
        let late = measure.polarity == .higherIsBetter
        return counted.map { row in
            DrillDownRow(catalogueID: measure.id.rawValue, childID: row.childID, team: row.team, worker: row.worker,
                         start: row.dates.first?.value, end: row.dates.count > 1 ? row.dates.last?.value : nil,
                         daysTaken: row.daysTaken, outOfTimescale: late ? !row.inNumerator : row.inNumerator, status: row.status)
        }
    }
}
