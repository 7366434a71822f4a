import Core
import Foundation
import Hummingbird

/// The analysis runs in the JSON API: aggregates only. The lists of children stay on the
/// analysts' pages, so a script with a token never holds child-level data.
extension APIController {
    var analysisStore: any AnalysisStore { environment.store }

    @Sendable func listAnalysisRuns(_ request: Request, context: AppContext) async throws -> Response {
        try json(["runs": try await analysisStore.analysisRuns(organisationID: org).map(AnalysisRunSummary.init)])
    }

    @Sendable func getAnalysisRun(_ request: Request, context: AppContext) async throws -> Response {
        try json(AnalysisRunResource(try await analysisStore.analysisRun(id: try id(context), organisationID: org)))
    }
}

struct AnalysisRunSummary: Encodable, Sendable {
    var id: Int64
    var ranBy: String
    var ranAt: Date
    var asAt: Day
    var period: String
    var convention: String
    var files: [String]
    var childLevelDeletedAt: Date?
    var latestRecordedDay: Day?
    var asAtWarning: String?
    var links: [String: String]

    init(_ run: AnalysisRun) {
        id = run.id
        ranBy = run.ranBy
        ranAt = run.ranAt
        asAt = run.asAt
        period = run.period.label
        convention = run.convention
        files = run.fileNames
        childLevelDeletedAt = run.childLevelDeletedAt
        latestRecordedDay = run.latestRecordedDay
        asAtWarning = run.asAtWarning
        links = ["self": Path.api(.analysisRun(run.id)).href, "page": Path.analysisRun(run.id).href]
    }
}

struct AnalysisRunResource: Encodable, Sendable {
    struct SheetQuality: Encodable, Sendable {
        var sheet: String
        var issues: Int
        var rowsNotUsed: Int
    }

    struct DataQuality: Encodable, Sendable {
        var issues: Int
        var rowsNotUsed: Int
        var bySheet: [SheetQuality]
    }

    var run: AnalysisRunSummary
    var results: [AnalysisResult]
    var dataQuality: DataQuality

    init(_ run: AnalysisRun) {
        self.run = AnalysisRunSummary(run)
        results = run.results
        let bySheet = Dictionary(grouping: run.dataQuality, by: \.sheet)
        dataQuality = DataQuality(
            issues: run.dataQuality.count, rowsNotUsed: run.dataQuality.filter(\.rowDropped).count,
            bySheet: bySheet.keys.sorted().map { sheet in
                SheetQuality(sheet: sheet, issues: bySheet[sheet]!.count, rowsNotUsed: bySheet[sheet]!.filter(\.rowDropped).count)
            })
    }
}
