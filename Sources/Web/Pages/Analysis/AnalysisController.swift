import Core
import Foundation
import Hummingbird
import Measures
import NIOPosix

/// `/analysis`: an analyst uploads the Annex A workbook and local-event files, the catalogue is
/// computed in the request, and the run is stored — its aggregates for good, its child-level
/// drill-down until the retention rule deletes it. Every route is for analysts only: the
/// drill-down names children.
struct AnalysisController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let csrf: String

    var store: any AnalysisStore & PlanStore { environment.store }
    var org: Int64 { identity.organisationID }

    /// A large authority's workbook with a year of local events is tens of megabytes.
    static let uploadSize = 50 * 1024 * 1024

    static let routes: [Route<AnalysisController>] = [
        .page(.get, .analysis, .permission(.readChildLevelData)) { $0.analysis },
        .init(method: .post, path: .analysis, access: .permission(.readChildLevelData), maxBodySize: uploadSize) { $0.upload },
        .page(.get, .analysisRun(.parameter), .permission(.readChildLevelData)) { $0.run },
        .init(method: .post, path: .analysisRecording(.parameter), access: .permission(.readChildLevelData)) { $0.record },
        .page(.get, .drillDown(.parameter, measure: .parameter), .permission(.readChildLevelData)) { $0.drillDown },
        .init(method: .get, path: .drillDownCSV(.parameter, measure: .parameter), access: .permission(.readChildLevelData)) { $0.drillDownCSV },
    ]

    // MARK: Upload

    @Sendable func analysis(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderAnalysis(form: AnalysisUploadForm(asAt: DateField(environment.today())))
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let form = try await context.uploadForm(request)
        let upload = AnalysisUpload(form: form)
        let today = environment.today()
        // Reading takes up to its time limit, and computing seconds for a large authority: the
        // reading on the parsing queue (shared with imports, a few files at once), the
        // computing on NIO's blocking pool, so other requests are not held up behind either.
        let inputs: AnalysisUpload.Inputs
        switch try await environment.readingQueue.run({ upload.read(today: today) }) {
        case let .failure(problems):
            environment.metrics?.analysisFinished(.refused)
            return try await renderAnalysis(form: AnalysisUploadForm(upload: upload, problems: problems), status: .badRequest).response()
        case let .success(read):
            inputs = read
        }
        let engine = MeasureEngine(inputs: inputs.records, options: EngineOptions(convention: inputs.convention))
        let period = Period.containing(inputs.asAt, kind: inputs.periodKind)
        let results = try await NIOThreadPool.singleton.runIfActive { engine.computeAll(period: period, asAt: inputs.asAt) }
        let run = AnalysisRun(results: results, dataQuality: inputs.records.dataQuality, organisationID: org,
                              ranBy: "\(identity.name) <\(identity.email)>", ranAt: environment.now(), asAt: inputs.asAt,
                              period: period, convention: inputs.convention, fileNames: inputs.fileNames,
                              latestRecordedDay: inputs.records.latestRecordedDay)
        let saved = try await store.createAnalysisRun(run, drillDown: results.flatMap { $0.drillDownRows })
        environment.metrics?.analysisFinished(.stored)
        context.logger.info("Analysis run stored", metadata: ["run": "\(saved.id)", "measures": "\(results.count)", "files": "\(inputs.fileNames.count)"])
        return redirect(to: .analysisRun(saved.id))
    }

    func renderAnalysis(form: AnalysisUploadForm, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let runs = try await store.analysisRuns(organisationID: org)
        let days = try await store.analysisRetentionDays(organisationID: org)
        return try render(AnalysisPage(form: form, runs: runs, retentionDays: days), status: status)
    }

    // MARK: A run's results

    @Sendable func run(_ request: Request, context: AppContext) async throws -> HTML {
        let run = try await store.analysisRun(id: try FormReading.id(in: context), organisationID: org)
        let measures = try await store.measures(organisationID: org)
        let recorded = request.uri.queryParameters.get("recorded").flatMap { Int($0) }
        let days = try await store.analysisRetentionDays(organisationID: org)
        let plans = try await store.allPlanContents(organisationID: org)
        return try render(AnalysisRunPage(run: run, planMeasures: measures, plans: plans, recorded: recorded, retentionDays: days))
    }

    /// "Record these values in the plan's measures": what `oversight measures compute --db` does,
    /// for this organisation.
    @Sendable func record(_ request: Request, context: AppContext) async throws -> Response {
        let run = try await store.analysisRun(id: try FormReading.id(in: context), organisationID: org)
        let outcome = try await store.recordComputedValues(run.computedValues(), organisationID: org)
        return redirect(to: .analysisRun(run.id), query: "recorded=\(outcome.recorded.count)")
    }

    // MARK: Drill-down

    @Sendable func drillDown(_ request: Request, context: AppContext) async throws -> HTML {
        let (run, result, rows) = try await drillDownRows(context: context)
        let query = try FormReading.decode(DrillDownQuery.self, from: request.uri.query ?? "")
        return try render(DrillDownPage(run: run, result: result, rows: rows, query: query))
    }

    @Sendable func drillDownCSV(_ request: Request, context: AppContext) async throws -> Response {
        let (run, result, rows) = try await drillDownRows(context: context)
        if let deleted = run.childLevelDeletedAt {
            throw HTTPError(.notFound, message: DrillDownPage.deletedSentence(deleted))
        }
        let query = try FormReading.decode(DrillDownQuery.self, from: request.uri.query ?? "")
        let shown = DrillDownPage.filteredAndSorted(rows, query: query)
        let name = "\(result.catalogueID)-run-\(run.id).csv"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(string: DrillDownPage.csv(shown).text)))
    }

    func drillDownRows(context: AppContext) async throws -> (AnalysisRun, AnalysisResult, [DrillDownRow]) {
        let run = try await store.analysisRun(id: try FormReading.id(in: context), organisationID: org)
        guard let id = context.parameters.get("measure"), let result = run.result(id) else {
            throw HTTPError(.notFound, message: "This run has no measure with that id")
        }
        let rows = run.childLevelDeletedAt == nil
            ? try await store.drillDown(runID: run.id, catalogueID: result.catalogueID, organisationID: org) : []
        return (run, result, rows)
    }

    // MARK: Rendering

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: csrf) }
}
