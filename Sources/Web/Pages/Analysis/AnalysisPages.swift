import Core
import Foundation
import Measures
import Reports

/// How the analysis pages write figures: a percentage to one place, counts whole.
enum AnalysisFigures {
    static func value(_ value: Double?, unit: String) -> String {
        guard let value else { return "–" }
        switch unit {
        case "%": return MeasureFormatting.number(value, decimals: 1) + "%"
        case "count": return MeasureFormatting.number(value, decimals: 0)
        default: return MeasureFormatting.number(value, decimals: 1)
        }
    }

    static func count(_ value: Double?) -> String {
        guard let value else { return "–" }
        return MeasureFormatting.number(value, decimals: value.rounded() == value ? 0 : 2)
    }

    /// "30 Jun 2024" from `2024-06-30`, "28 Mar 2024 09:15" from `2024-03-28T09:15`.
    static func date(_ stored: String?) -> String {
        guard let stored else { return "" }
        guard let day = Day(iso: String(stored.prefix(10))) else { return stored }
        let time = stored.count > 10 ? " " + stored.dropFirst(11) : ""
        return day.formatted + time
    }
}

/// The upload form's values and problems, as typed, for showing back.
struct AnalysisUploadForm: Sendable {
    var hasErrors = false
    var errors: [ErrorLink] = []
    var workbookError: String?
    var returnsError: String?
    var eventsError: String?
    var asAtError: String?
    var dateID = "as-at"
    var dateName = "as-at-"
    var dateDay: String
    var dateMonth: String
    var dateYear: String
    var dayInvalid = false
    var monthInvalid = false
    var yearInvalid = false
    var periodError: String?
    var periods: [Choice]
    var conventionError: String?
    var conventions: [Choice]

    static let periodNames: [(Period.Kind, String, String)] = [
        (.month, "Month", "The calendar month containing the as-at date"),
        (.quarter, "Quarter", "The financial quarter (Q1 is April to June)"),
        (.year, "Year", "The financial year, April to March"),
        (.rolling12, "Rolling 12 months", "The 12 months ending with the as-at date's month"),
    ]

    init(asAt: DateField, period: String = Period.Kind.month.rawValue, convention: String = TimescaleConvention.statutory.rawValue) {
        dateDay = asAt.day
        dateMonth = asAt.month
        dateYear = asAt.year
        periods = Self.periodNames.map { kind, label, hint in
            Choice(value: kind.rawValue, label: label, selected: kind.rawValue == period, id: "period-\(kind.rawValue)", hint: hint)
        }
        conventions = [
            Choice(value: "statutory", label: "Statutory", selected: convention == "statutory", id: "convention-statutory",
                   hint: "The start day is not counted"),
            Choice(value: "peer", label: "Peer (DfE validator)", selected: convention == "peer", id: "convention-peer",
                   hint: "The start day is day 1"),
        ]
    }

    init(upload: AnalysisUpload, problems: AnalysisUpload.Problems) {
        self.init(asAt: upload.asAt, period: upload.period, convention: upload.convention)
        errors = problems.links
        hasErrors = !errors.isEmpty
        workbookError = problems.workbook
        returnsError = problems.returns
        eventsError = problems.events
        asAtError = problems.asAt?.message
        dayInvalid = problems.asAt?.day ?? false
        monthInvalid = problems.asAt?.month ?? false
        yearInvalid = problems.asAt?.year ?? false
        periodError = problems.period
        conventionError = problems.convention
    }
}

/// `/analysis`: the upload form, the previous runs, and each measure's trend across them.
struct AnalysisPage: PageModel, Sendable {
    static let template = Template.analysis

    struct RunRow: Sendable {
        var href: String
        var ranAt: String
        var asAt: String
        var period: String
        var files: String
        var ranBy: String
        var detail: String
    }

    struct TrendRow: Sendable {
        var catalogueID: String
        var title: String
        var sparkline: String
        var cells: [String]
    }

    var title = "Analysis"
    var navAnalysis = true
    var form: AnalysisUploadForm
    var retentionText: String
    var runs: [RunRow]
    var hasRuns: Bool
    var trendCaption = ""
    var trendRuns: [String]
    var trend: [TrendRow]
    var hasTrend: Bool

    /// Runs shown in the trend, oldest first.
    static let trendLength = 6

    static func periodWord(_ kind: Period.Kind) -> String {
        switch kind {
        case .month: "monthly"
        case .quarter: "quarterly"
        case .year: "yearly"
        case .rolling12: "rolling 12-month"
        }
    }

    init(form: AnalysisUploadForm, runs: [AnalysisRun], retentionDays: Int) {
        self.form = form
        // GOV.UK: a page showing errors says so first in its title, which a screen reader reads on load.
        if form.hasErrors { title = "Error: Analysis" }
        retentionText = "The lists of children are deleted \(retentionDays) day\(retentionDays == 1 ? "" : "s") after each run; the figures are kept."
        self.runs = runs.map { run in
            RunRow(href: Path.analysisRun(run.id).href, ranAt: UKTime.text(run.ranAt), asAt: run.asAt.formatted,
                   period: run.period.readableLabel, files: run.fileNames.joined(separator: ", "), ranBy: run.ranBy,
                   detail: run.childLevelDeletedAt.map { "Deleted \(UKTime.text($0))" } ?? "Kept")
        }
        hasRuns = !runs.isEmpty
        // Like with like: a quarter's figure beside a year's would read as a change that is not one.
        let kind = runs.first?.period.kind
        let shown = runs.filter { $0.period.kind == kind }.prefix(Self.trendLength).sorted { ($0.asAt, $0.id) < ($1.asAt, $1.id) }
        trendCaption = "Each measure in the latest \(shown.count) \(kind.map(Self.periodWord) ?? "") runs, oldest first"
        trendRuns = shown.map { "\($0.period.longText) (as at \($0.asAt.formatted))" }
        let ids = shown.last?.results.map(\.catalogueID) ?? []
        trend = ids.map { id in
            let results = shown.map { $0.result(id) }
            let latest = results.last??.title ?? id
            let unit = results.compactMap { $0?.unit }.first ?? ""
            return TrendRow(catalogueID: id, title: latest,
                            sparkline: Sparkline.svg(values: results.compactMap { $0?.value }, label: "Trend of \(id) across the runs"),
                            cells: results.map { AnalysisFigures.value($0?.value, unit: unit) })
        }
        hasTrend = shown.count > 1
    }
}

/// `/analysis/runs/{id}`: each measure's figures, against the plan's target where a plan
/// measure is computed from it, and the data-quality report.
struct AnalysisRunPage: PageModel, Sendable {
    static let template = Template.analysisRun

    struct ResultRow: Sendable {
        var catalogueID: String
        var title: String
        var numerator: String
        var denominator: String
        var value: String
        var inTimescale: String
        var outOfTimescale: String
        var drillDownHref: String?
        var missingInput: String?
        /// "From Annex A (annex-a.xlsx)": the files that fed the figure.
        var sourcesText: String?
        var planMeasure: String?
        var planMeasureHref: String?
        var targetText: String?
        var chip: Chip?
        /// Why recording leaves this value out of the plan measure (`ComputedValue.problem`).
        var notRecordedText: String?
    }

    struct SheetCount: Sendable {
        var sheet: String
        var issues: Int
        var rowsNotUsed: Int
    }

    struct IssueRow: Sendable {
        var sheet: String
        var row: String
        var column: String
        var reason: String
    }

    var title: String
    var navAnalysis = true
    var breadcrumbs = [Crumb(href: Path.analysis.href, label: "Analysis")]
    var heading: String
    var caption: String
    var ranText: String
    var files: String
    var conventionText: String
    var deletedText: String?
    var keptText: String?
    var banner: [String: String]?
    /// The as-at date is after the data's last recorded date (`AnalysisRun.asAtWarning`).
    var asAtWarning: String?
    var recordHref: String
    var results: [ResultRow]
    var issueCount: Int
    var dataQualitySummary: String
    var sheets: [SheetCount]
    var issues: [IssueRow]
    var hasIssues: Bool
    var issuesCut: String?

    /// The report is for finding the faults to fix at source; the first rows show the pattern.
    static let issuesShown = 500

    init(run: AnalysisRun, planMeasures: [Measure], plans: [PlanContents], recorded: Int?, retentionDays: Int) {
        title = "Results as at \(run.asAt.formatted)"
        heading = "Results as at \(run.asAt.formatted)"
        caption = run.period.readableLabel
        ranText = "Computed by \(run.ranBy) on \(UKTime.text(run.ranAt))"
        files = run.fileNames.joined(separator: ", ")
        conventionText = run.convention == "peer" ? "Peer convention: the start day is day 1" : "Statutory convention: the start day is not counted"
        if let deleted = run.childLevelDeletedAt {
            deletedText = DrillDownPage.deletedSentence(deleted)
        } else {
            let due = run.ranAt.addingTimeInterval(TimeInterval(retentionDays) * 86_400)
            keptText = "The lists of children will be deleted on \(UKTime.text(due)) (\(retentionDays) day\(retentionDays == 1 ? "" : "s") after the run); the figures are kept."
        }
        asAtWarning = run.asAtWarning
        recordHref = Path.analysisRecording(run.id).href
        var byCatalogue: [String: Measure] = [:]
        for measure in planMeasures {
            if case .computed(let id) = measure.source, byCatalogue[id] == nil { byCatalogue[id] = measure }
        }
        let computed = Dictionary(run.computedValues().map { ($0.catalogueID, $0) }, uniquingKeysWith: { first, _ in first })
        let leftOut = byCatalogue.filter { id, measure in computed[id]?.problem(recordingOn: measure, plans: plans) != nil }.count
        if let recorded {
            var message = recorded == 0
                ? "No plan measure is computed from these measures, so nothing was recorded."
                : "\(recorded) value\(recorded == 1 ? "" : "s") recorded in the plan’s measures for \(run.period.longText)."
            if recorded == 0, leftOut > 0 { message = "Nothing was recorded in the plan’s measures for \(run.period.longText)." }
            if leftOut > 0 {
                message += " \(leftOut) plan measure\(leftOut == 1 ? " was" : "s were") left out: the table says why."
            }
            banner = ["message": message, "linkHref": Path.measures.href, "linkText": "See the measures"]
        }
        let kept = run.childLevelDeletedAt == nil
        results = run.results.map { result in
            var row = ResultRow(
                catalogueID: result.catalogueID, title: result.title,
                numerator: result.missingInput == nil ? AnalysisFigures.count(result.numerator) : "–",
                denominator: AnalysisFigures.count(result.denominator), value: AnalysisFigures.value(result.value, unit: result.unit),
                inTimescale: result.polarity == .higherIsBetter && result.counted > 0
                    ? AnalysisFigures.value(Double(result.counted - result.outOfTimescale) / Double(result.counted) * 100, unit: "%") : "–",
                outOfTimescale: result.missingInput == nil ? String(result.outOfTimescale) : "–",
                drillDownHref: kept && result.counted > 0 ? Path.drillDown(run.id, measure: result.catalogueID).href : nil,
                missingInput: result.missingInput.map { $0.hasPrefix("the ") ? "Not computed: \($0)" : "Not computed: no \($0) uploaded" },
                sourcesText: result.sources.flatMap { $0.isEmpty ? nil : "From " + $0.joined(separator: " and ") })
            if let measure = byCatalogue[result.catalogueID] {
                row.planMeasure = measure.code
                row.planMeasureHref = Path.measure(measure.id).href
                let rating = MeasureRules.rating(of: measure, value: result.value, for: run.period)
                row.chip = Chip(rating.rag)
                row.targetText = MeasureRules.targetInForce(for: measure, in: run.period).map { measure.format($0.value) }
                row.notRecordedText = computed[result.catalogueID]?.problem(recordingOn: measure, plans: plans).map { "Not recorded: \($0)" }
            }
            return row
        }
        issueCount = run.dataQuality.count
        let dropped = run.dataQuality.filter(\.rowDropped).count
        dataQualitySummary = issueCount == 0 ? "No unusable values."
            : "\(issueCount) unusable value\(issueCount == 1 ? "" : "s"); \(dropped) row\(dropped == 1 ? "" : "s") not used at all."
        let bySheet = Dictionary(grouping: run.dataQuality, by: \.sheet)
        sheets = bySheet.keys.sorted().map { sheet in
            SheetCount(sheet: sheet, issues: bySheet[sheet]!.count, rowsNotUsed: bySheet[sheet]!.filter(\.rowDropped).count)
        }
        issues = run.dataQuality.prefix(Self.issuesShown).map {
            IssueRow(sheet: $0.sheet, row: $0.row.map(String.init) ?? "", column: $0.column ?? "", reason: $0.reason)
        }
        hasIssues = issueCount > 0
        issuesCut = issueCount > Self.issuesShown ? "The first \(Self.issuesShown) of \(issueCount) are listed." : nil
    }
}

/// What the drill-down's query string asks for: filters and sort. Unknown values are ignored.
struct DrillDownQuery: Decodable, Sendable {
    var team: String?
    var month: String?
    var sort: String?
    var order: String?

    /// Out of timescale first unless a column is chosen.
    var column: DrillDownSort { sort.flatMap { DrillDownSort(rawValue: $0) } ?? .status }
    /// Days taken reads longest first; other columns A to Z, unless the order says otherwise.
    var ascending: Bool { order.map { $0 != "desc" } ?? (column != .days) }
}

/// The columns the drill-down sorts by.
enum DrillDownSort: String, CaseIterable, Sendable {
    case child, team, worker, start, end, days, status

    var label: String {
        switch self {
        case .child: "Child ID"
        case .team: "Team"
        case .worker: "Worker"
        case .start: "Start"
        case .end: "End or due"
        case .days: "Days taken"
        case .status: "Status"
        }
    }
}

/// `/analysis/runs/{id}/measures/{measure}`: the children a measure counted, out of timescale
/// first, filtered by team and month, sortable, and downloadable as CSV.
struct DrillDownPage: PageModel, Sendable {
    static let template = Template.analysisDrillDown

    struct Header: Sendable {
        var label: String
        var href: String
        var ariaSort: String?
        var numeric: Bool
    }

    struct Row: Sendable {
        var childID: String
        var team: String
        var worker: String
        var start: String
        var end: String
        var days: String
        var status: String
        var late: Bool
    }

    var title: String
    var navAnalysis = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading: String
    var rule: String
    var deletedText: String?
    var teams: [Choice]
    var months: [Choice]
    var hasMonths: Bool
    var sortValue: String?
    var orderValue: String?
    var clearHref: String
    var filtersActive: Bool
    var headers: [Header]
    var rows: [Row]
    var hasRows: Bool
    var resultsText: String
    var tableCaption: String
    var csvHref: String

    static func deletedSentence(_ deleted: Date) -> String {
        "The child-level detail of this run was deleted on \(UKTime.text(deleted)) under the retention rule. The figures are kept."
    }

    /// Out of timescale first, then the longest waits: the cases to chase on Monday morning.
    static func filteredAndSorted(_ rows: [DrillDownRow], query: DrillDownQuery) -> [DrillDownRow] {
        let team = FormReading.trimmed(query.team)
        let month = FormReading.trimmed(query.month).flatMap { Period(label: $0) }
        let sort = query.column, ascending = query.ascending
        let filtered = rows.filter { row in
            (team == nil || (row.team ?? notRecorded) == team) && (month.map { m in row.eventDay.map(m.contains) ?? false } ?? true)
        }
        func key(_ row: DrillDownRow) -> String {
            switch sort {
            case .child: row.childID
            case .team: row.team ?? ""
            case .worker: row.worker ?? ""
            case .start: row.start ?? ""
            case .end: row.end ?? ""
            case .days, .status: ""
            }
        }
        return filtered.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            switch sort {
            case .status:
                if x.outOfTimescale != y.outOfTimescale { return x.outOfTimescale == ascending }
                if x.daysTaken != y.daysTaken { return (x.daysTaken ?? -1) > (y.daysTaken ?? -1) }
            case .days:
                if x.daysTaken != y.daysTaken {
                    return ascending ? (x.daysTaken ?? -1) < (y.daysTaken ?? -1) : (x.daysTaken ?? -1) > (y.daysTaken ?? -1)
                }
            default:
                let order = key(x).localizedStandardCompare(key(y))
                if order != .orderedSame { return ascending ? order == .orderedAscending : order == .orderedDescending }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    static let notRecorded = "Not recorded"

    static func csv(_ rows: [DrillDownRow]) -> CSVDocument {
        var document = CSVDocument(rows: [["measure", "child_id", "team", "worker", "start", "end_or_due", "days_taken", "out_of_timescale", "status"]])
        for row in rows {
            document.append([row.catalogueID, row.childID, row.team ?? "", row.worker ?? "", row.start ?? "", row.end ?? "",
                             row.daysTaken.map(String.init) ?? "", row.outOfTimescale ? "yes" : "no", row.status])
        }
        return document
    }

    init(run: AnalysisRun, result: AnalysisResult, rows all: [DrillDownRow], query: DrillDownQuery) {
        let base = Path.drillDown(run.id, measure: result.catalogueID)
        title = "\(result.catalogueID) children, as at \(run.asAt.formatted)"
        caption = "\(result.catalogueID) · \(run.period.readableLabel) · as at \(run.asAt.formatted)"
        heading = result.title
        breadcrumbs = [Crumb(href: Path.analysis.href, label: "Analysis"),
                       Crumb(href: Path.analysisRun(run.id).href, label: "Results as at \(run.asAt.formatted)")]
        rule = MeasureCatalogue.measure(result.catalogueID)?.rule ?? ""
        deletedText = run.childLevelDeletedAt.map(Self.deletedSentence)

        let team = FormReading.trimmed(query.team)
        let month = FormReading.trimmed(query.month)
        let sort = query.column, ascending = query.ascending
        let teamNames = Set(all.map { $0.team ?? Self.notRecorded }).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        teams = [Choice(value: "", label: "All teams", selected: team == nil)]
            + teamNames.map { Choice(value: $0, label: $0, selected: $0 == team) }
        var periodMonths: [Period] = []
        if run.period.kind != .month {
            var day = run.period.start
            while day <= run.period.end && day <= run.asAt {
                periodMonths.append(.month(containing: day))
                day = day.adding(months: 1).firstOfMonth
            }
        }
        months = [Choice(value: "", label: "All of \(run.period.readableLabel)", selected: month == nil)]
            + periodMonths.map { Choice(value: $0.label, label: $0.readableLabel, selected: $0.label == month) }
        hasMonths = !periodMonths.isEmpty
        let isDefaultSort = query.sort == nil
        sortValue = isDefaultSort ? nil : sort.rawValue
        orderValue = isDefaultSort ? nil : (ascending ? "asc" : "desc")
        let filterPairs = [("team", team ?? ""), ("month", month ?? "")]
        let sortPairs = isDefaultSort ? [] : [("sort", sort.rawValue), ("order", ascending ? "asc" : "desc")]
        filtersActive = team != nil || month != nil
        clearHref = base.href(query: sortPairs.isEmpty ? nil : FormReading.query(sortPairs))
        headers = DrillDownSort.allCases.map { column in
            let current = column == sort
            let nextAscending = current ? !ascending : column != .days
            return Header(label: column.label,
                          href: base.href(query: FormReading.query(filterPairs + [("sort", column.rawValue), ("order", nextAscending ? "asc" : "desc")]), fragment: "children"),
                          ariaSort: current ? (ascending ? "ascending" : "descending") : nil, numeric: column == .days)
        }
        let shown = Self.filteredAndSorted(all, query: query)
        rows = shown.map { row in
            Row(childID: row.childID, team: row.team ?? Self.notRecorded, worker: row.worker ?? "", start: AnalysisFigures.date(row.start),
                end: AnalysisFigures.date(row.end), days: row.daysTaken.map(String.init) ?? "", status: row.status, late: row.outOfTimescale)
        }
        hasRows = !rows.isEmpty
        let late = shown.filter(\.outOfTimescale).count
        resultsText = "\(shown.count) \(shown.count == 1 ? "child" : "children") counted, \(late) out of timescale"
            + (filtersActive ? " (filtered)" : "") + "."
        tableCaption = isDefaultSort ? "Children, out of timescale first" : "Children sorted by \(sort.label.lowercased()), \(ascending ? "ascending" : "descending")"
        let csvQuery = FormReading.query(filterPairs + sortPairs)
        csvHref = Path.drillDownCSV(run.id, measure: result.catalogueID).href(query: csvQuery.isEmpty ? nil : csvQuery)
    }
}
