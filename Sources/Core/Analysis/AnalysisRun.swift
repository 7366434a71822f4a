import Foundation

/// One computation of the catalogue from uploaded child-level records (`/analysis`): the
/// aggregate results and the data-quality report, kept for the trend across runs. The
/// child-level drill-down rows are stored beside it and deleted under the retention rule;
/// the uploaded files themselves are never kept.
public struct AnalysisRun: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var organisationID: Int64
    /// Who ran it: "Jo Bloggs <jo.bloggs@northmoor.example>".
    public var ranBy: String
    public var ranAt: Date
    public var asAt: Day
    public var period: Period
    /// `statutory` or `peer`.
    public var convention: String
    /// The Annex A workbook first, then the local-event files.
    public var fileNames: [String]
    public var results: [AnalysisResult]
    public var dataQuality: [DataQualityNote]
    /// When the retention rule deleted the child-level drill-down; nil while it is kept.
    public var childLevelDeletedAt: Date?
    /// The latest day anything in the uploaded records happened; nil for runs from before it was
    /// kept, or records with no dates.
    public var latestRecordedDay: Day?

    public init(id: Int64 = 0, organisationID: Int64, ranBy: String, ranAt: Date, asAt: Day, period: Period,
                convention: String, fileNames: [String], results: [AnalysisResult], dataQuality: [DataQualityNote],
                childLevelDeletedAt: Date? = nil, latestRecordedDay: Day? = nil) {
        self.id = id
        self.organisationID = organisationID
        self.ranBy = ranBy
        self.ranAt = ranAt
        self.asAt = asAt
        self.period = period
        self.convention = convention
        self.fileNames = fileNames
        self.results = results
        self.dataQuality = dataQuality
        self.childLevelDeletedAt = childLevelDeletedAt
        self.latestRecordedDay = latestRecordedDay
    }

    /// Said wherever the run's figures are shown when its "as at" date is after the latest day
    /// in the data: the days between count as if nothing happened on them (nothing referred,
    /// nothing late), which a board would read as good news.
    public var asAtWarning: String? {
        guard let latest = latestRecordedDay, asAt > latest else { return nil }
        let gap = latest.days(until: asAt)
        return "The as-at date, \(asAt.formattedLong), is \(gap) day\(gap == 1 ? "" : "s") after the latest date in the uploaded records, "
            + "\(latest.formattedLong). Those days count as if nothing happened on them: nothing referred, nothing late. "
            + "Run it again as at \(latest.formattedLong), or upload records that run to the as-at date."
    }

    /// The workbook's name, which computed plan values name as their source.
    public var workbookName: String { fileNames.first ?? "" }

    public func result(_ catalogueID: String) -> AnalysisResult? { results.first { $0.catalogueID == catalogueID } }

    /// Each result as a dated plan measure value, marked as computed from the workbook as at the
    /// run's date; nil (with the reason) where there is nothing to record.
    public func computedValues() -> [ComputedValue] {
        results.map { $0.computedValue(period: period, asAt: asAt, convention: convention, workbookName: workbookName) }
    }
}

/// One catalogue measure's figures in a run.
public struct AnalysisResult: Sendable, Codable, Hashable {
    public var catalogueID: String
    public var title: String
    /// `%`, `count`, `days` or `cases`, as the catalogue says.
    public var unit: String
    public var polarity: Measure.Polarity
    public var numerator: Double?
    public var denominator: Double?
    public var value: Double?
    /// Rows counted, rows left out, and the counted rows out of timescale (the drill-down's first rows).
    public var counted: Int
    public var excluded: Int
    public var outOfTimescale: Int
    /// Set when the input the measure needs was not uploaded.
    public var missingInput: String?
    /// The files that fed it (`Annex A (annex-a.xlsx)`, `SSDA903 (header.csv, episodes.csv)`);
    /// nil for runs stored before sources were kept.
    public var sources: [String]?

    public init(catalogueID: String, title: String, unit: String, polarity: Measure.Polarity, numerator: Double?,
                denominator: Double?, value: Double?, counted: Int, excluded: Int, outOfTimescale: Int, missingInput: String?,
                sources: [String]? = nil) {
        self.sources = sources
        self.catalogueID = catalogueID
        self.title = title
        self.unit = unit
        self.polarity = polarity
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.counted = counted
        self.excluded = excluded
        self.outOfTimescale = outOfTimescale
        self.missingInput = missingInput
    }

    /// As a dated plan measure value, marked as computed from the workbook as at the date;
    /// nil when nothing was counted or the input was missing.
    public func measureValue(period: Period, asAt: Day, convention: String, workbookName: String) -> MeasureValue? {
        guard let value, missingInput == nil else { return nil }
        return MeasureValue(period: period, value: value, numerator: numerator, denominator: denominator, asAt: asAt,
                            note: "Computed: \(counted) rows counted, \(excluded) excluded (\(convention) convention).",
                            // Read in sentences on the measure page and in its history, so in words.
                            computedFrom: "\(workbookName) as at \(asAt.formattedLong)")
    }

    /// The value to record, or why there is none.
    public func computedValue(period: Period, asAt: Day, convention: String, workbookName: String) -> ComputedValue {
        let value = measureValue(period: period, asAt: asAt, convention: convention, workbookName: workbookName)
        return ComputedValue(catalogueID: catalogueID, value: value,
                             reasonNotRecorded: value != nil ? nil : missingInput.map { "no input: \($0)" } ?? "nothing counted")
    }
}

/// A value the data-quality report found unusable: where, and why. Holds no child id.
public struct DataQualityNote: Sendable, Codable, Hashable {
    public var sheet: String
    public var row: Int?
    public var column: String?
    public var reason: String
    /// The whole row was left out (no child id), not just this value.
    public var rowDropped: Bool

    public init(sheet: String, row: Int?, column: String?, reason: String, rowDropped: Bool) {
        self.sheet = sheet
        self.row = row
        self.column = column
        self.reason = reason
        self.rowDropped = rowDropped
    }
}

/// One child's row of a measure's drill-down: what a team manager chases.
public struct DrillDownRow: Sendable, Codable, Hashable {
    public var catalogueID: String
    public var childID: String
    public var team: String?
    public var worker: String?
    /// The first date the row was judged on (`yyyy-mm-dd` or `yyyy-mm-ddThh:mm`), and the last
    /// (the event, or the due date of an open item) when there is more than one.
    public var start: String?
    public var end: String?
    /// Working days, hours or calendar days, as the measure counts.
    public var daysTaken: Int?
    public var outOfTimescale: Bool
    /// In words: `late`, `open and overdue`, `within 24 hours`…
    public var status: String

    public init(catalogueID: String, childID: String, team: String?, worker: String?, start: String?, end: String?,
                daysTaken: Int?, outOfTimescale: Bool, status: String) {
        self.catalogueID = catalogueID
        self.childID = childID
        self.team = team
        self.worker = worker
        self.start = start
        self.end = end
        self.daysTaken = daysTaken
        self.outOfTimescale = outOfTimescale
        self.status = status
    }

    /// The day that placed the row in its period: the last date it was judged on.
    public var eventDay: Day? { (end ?? start).flatMap { Day(iso: String($0.prefix(10))) } }
}

/// A computed result ready to record on the plan measures whose source names its catalogue id.
public struct ComputedValue: Sendable, Hashable {
    public var catalogueID: String
    public var value: MeasureValue?
    public var reasonNotRecorded: String?

    public init(catalogueID: String, value: MeasureValue?, reasonNotRecorded: String?) {
        self.catalogueID = catalogueID
        self.value = value
        self.reasonNotRecorded = reasonNotRecorded
    }
}

/// What recording computed values did: the plan measures given a value, and those left alone.
public struct ComputedValuesRecorded: Sendable, Hashable {
    /// Measure codes, in the plan's order.
    public var recorded: [String] = []
    /// "ASM-1 (no input: list4)".
    public var notRecorded: [String] = []
    public init() {}
}

extension PlanStore {
    /// Records each computed value on every plan measure of the organisation whose source names
    /// its catalogue id ("Computed (ASM-45WD)"), replacing a value already there for the period;
    /// each value is audited by the store. The command line and the analysis pages share it.
    public func recordComputedValues(_ values: [ComputedValue], organisationID: Int64) async throws -> ComputedValuesRecorded {
        let byID = Dictionary(values.map { ($0.catalogueID, $0) }, uniquingKeysWith: { first, _ in first })
        var outcome = ComputedValuesRecorded()
        let contents = try await allPlanContents(organisationID: organisationID)
        for measure in try await measures(organisationID: organisationID) {
            guard case .computed(let catalogueID) = measure.source, let computed = byID[catalogueID] else { continue }
            // A value that breaks a rule is named and left out, rather than refusing the values
            // already recorded before it.
            if let problem = computed.problem(recordingOn: measure, plans: contents) {
                outcome.notRecorded.append("\(measure.code) (\(problem))")
                continue
            }
            guard let value = computed.value else { continue }
            _ = try await recordValue(value, measureID: measure.id, organisationID: organisationID, replace: true)
            outcome.recorded.append(measure.code)
        }
        return outcome
    }

    /// Every plan of the organisation with its areas and actions (not their full history): what
    /// bounds the periods a measure takes values for.
    public func allPlanContents(organisationID: Int64) async throws -> [PlanContents] {
        var contents: [PlanContents] = []
        for plan in try await plans(organisationID: organisationID) {
            contents.append(try await planContents(id: plan.id, organisationID: organisationID, fullHistory: false))
        }
        return contents
    }
}

extension ComputedValue {
    /// Why this computed value is not recorded on `measure`, or nil when it is: nothing counted;
    /// a figure outside the rules (beyond `MeasureFigure`'s range, say); or a period outside the
    /// plans the measure reports to (`MeasureEditing.periodProblem`), unless the measure already
    /// has a value for that period, which recording replaces. The analysis page shows it beside
    /// the measure before anything is recorded, and recording leaves the value out with it.
    public func problem(recordingOn measure: Measure, plans contents: [PlanContents]) -> String? {
        guard let value else { return reasonNotRecorded ?? "nothing counted" }
        if let problem = PlanValidation.errors(in: value, unit: measure.unit).first { return problem.message }
        if measure.value(for: value.period) == nil,
           let problem = MeasureEditing.periodProblem(value.period, plans: MeasureEditing.plansReportedTo(byMeasure: measure.id, in: contents)) {
            return problem.message
        }
        return nil
    }
}
