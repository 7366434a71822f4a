import Core

/// The contents of a meeting's board pack, assembled from the board's records and the plans its
/// agenda links: cover and agenda, the minutes of the last meeting, the action log, and for each
/// linked plan its progress report and KPI scorecard. Exceptions come first everywhere.
///
/// A pure value built from Core data (no I/O, no markup), so the HTML page, the JSON API and a
/// `.docx` writer present the same pack. Every rating is Core's, as at `asAt`.
public struct BoardPack: Sendable, Codable, Hashable {
    public struct Cover: Sendable, Codable, Hashable {
        public var boardName: String
        public var boardKind: String
        /// "Tuesday 10 March 2026 at 2pm".
        public var when: String
        public var venue: String
        public var status: String
        public var chair: String?
        public var viceChair: String?
    }

    public struct AgendaEntry: Sendable, Codable, Hashable {
        public var number: Int
        public var title: String
        public var presenter: String
        public var purpose: String
        public var detail: String
        /// "Progress report: Children First in Northmoor…", "Children's home purchase business case.pdf".
        public var papers: [String]
        public var pages: String?
        public var isExempt: Bool
        /// Exempt, and the reader may not see exempt papers: the papers are left out.
        public var papersWithheld: Bool
    }

    public struct MinuteEntry: Sendable, Codable, Hashable {
        /// "179" or "CPB-41"; empty until the minutes are numbered.
        public var label: String
        public var itemNumber: Int
        public var title: String
        public var narrative: String
        /// Each "Resolved: that …".
        public var resolutions: [String]
        public var isExempt: Bool
    }

    /// The minutes of the board's previous held meeting.
    public struct PreviousMinutes: Sendable, Codable, Hashable {
        public var meetingID: Int64
        /// "10 February 2026".
        public var date: String
        /// "Draft", "Approved on 10 Mar 2026".
        public var status: String
        public var present: [String]
        public var apologies: [String]
        public var substitutes: [String]
        public var alsoInAttendance: [String]
        public var minutes: [MinuteEntry]
    }

    public struct ActionPointEntry: Sendable, Codable, Hashable {
        public var id: Int64
        public var text: String
        public var owner: String
        /// "Raised at the meeting on 10 Feb 2026, item 5".
        public var raised: String
        public var due: String
        public var status: String
        public var isOverdue: Bool
        public var overdueReason: String?
        /// "3 Mar 2026, Head of Performance: figures circulated".
        public var latestUpdate: String?
    }

    public struct RatingCount: Sendable, Codable, Hashable {
        /// `red`, `amber` … as `DeliveryRating`'s raw value.
        public var rating: String
        public var colour: String
        public var word: String
        public var count: Int
        /// The stylesheet's colour name: red, amber, green, blue, grey, purple.
        public var swatch: String
    }

    public struct ThemeRow: Sendable, Codable, Hashable {
        public var ref: String
        public var title: String
        public var actions: Int
        public var counts: [RatingCount]
        /// "62%", or nil where no action counts.
        public var averageComplete: String?
        /// The rollup in words: "12 actions: 2 Red (Overdue), …".
        public var sentence: String
    }

    public struct ActionException: Sendable, Codable, Hashable {
        public var actionID: Int64
        public var ref: String
        public var title: String
        public var leads: String
        public var rating: String
        public var ratingText: String
        public var reasons: [String]
        /// Red now and not red at the last meeting.
        public var newlyRed: Bool
        public var latestUpdate: String?
        public var latestUpdateDate: String?
        public var latestUpdateAuthor: String?
    }

    public struct UpdateDue: Sendable, Codable, Hashable {
        public var actionID: Int64
        public var ref: String
        public var title: String
        public var leads: String
        public var reason: String
    }

    public struct Change: Sendable, Codable, Hashable {
        public var actionID: Int64
        public var ref: String
        public var title: String
        public var date: String
        /// "Status changed to Complete", "Completed", or the update's author.
        public var what: String
        public var text: String
    }

    public struct ProgressReport: Sendable, Codable, Hashable {
        public var planID: Int64
        public var planTitle: String
        public var asAt: String
        /// "Since the last meeting on 10 Feb 2026".
        public var changesSince: String
        public var overall: ThemeRow
        public var themes: [ThemeRow]
        /// Red, then amber; newly red first within red.
        public var exceptions: [ActionException]
        public var updatesDue: [UpdateDue]
        public var statusChanges: [Change]
        public var completed: [Change]
        public var newUpdates: [Change]
    }

    public struct ScorecardRow: Sendable, Codable, Hashable {
        public var measureID: Int64
        public var code: String
        public var title: String
        public var period: String
        /// "62.5%", "No data", or the suppression notice.
        public var value: String
        public var isSuppressed: Bool
        public var target: String?
        public var targetReason: String?
        public var rag: String
        /// The stylesheet's colour name: green, amber, red, outline (no target), grey (no data).
        public var ragColour: String
        public var ragText: String
        public var direction: String
        public var arrow: String
        public var directionReason: String
        /// An SVG sparkline of the latest values; empty where the value is suppressed.
        public var sparkline: String
        public var isException: Bool
        public var exceptionReason: String?
    }

    public struct Scorecard: Sendable, Codable, Hashable {
        public var planID: Int64
        public var planTitle: String
        public var asAt: String
        /// Exceptions first, then red, amber and the rest.
        public var rows: [ScorecardRow]
        public var suppressionNote: String
    }

    public var meetingID: Int64
    public var boardID: Int64
    public var meetingDate: Day
    public var asAt: Day
    public var cover: Cover
    public var agenda: [AgendaEntry]
    public var previousMinutes: PreviousMinutes?
    /// The board's open and carried-forward action points as the review item shows them: overdue first.
    public var actionLog: [ActionPointEntry]
    public var progressReports: [ProgressReport]
    public var scorecards: [Scorecard]

    /// The plans a meeting's agenda links, by id, in agenda order (papers of exempt items only
    /// when `showExempt`).
    public static func linkedPlanIDs(_ meeting: Meeting, showExempt: Bool) -> [Int64] {
        var ids: [Int64] = []
        for item in meeting.agenda where showExempt || !item.isExempt {
            for paper in item.papers {
                switch paper {
                case let .planProgressReport(id), let .kpiScorecard(id):
                    if !ids.contains(id) { ids.append(id) }
                case .document: break
                }
            }
        }
        return ids
    }

    /// Builds the pack.
    /// - Parameters:
    ///   - meetings: the board's meetings (for the previous meeting, due meetings and dates).
    ///   - actionPoints: the board's action points.
    ///   - plans: the linked plans with their full history, by plan id.
    ///   - measures: the measures of each linked plan, by plan id.
    ///   - asAt: the day the ratings are judged as at.
    ///   - showExempt: whether the reader may see exempt papers and minutes.
    public static func build(board: Board, meeting: Meeting, meetings: [Meeting], actionPoints: [ActionPoint],
                             plans: [Int64: PlanContents], measures: [Int64: [Measure]], asAt: Day,
                             showExempt: Bool, suppression: SmallNumbers = .standard) -> BoardPack {
        var byID: [Int64: Meeting] = [:]
        for m in meetings { byID[m.id] = m }
        byID[meeting.id] = meeting
        let previous = meetings
            .filter { $0.boardID == meeting.boardID && $0.id != meeting.id && $0.status == .held && ($0.date, $0.id) < (meeting.date, meeting.id) }
            .max { ($0.date, $0.id) < ($1.date, $1.id) }

        let cover = Cover(boardName: board.name, boardKind: board.kind.word, when: meeting.whenText, venue: meeting.venue,
                          status: meeting.status.word, chair: board.chair?.name, viceChair: board.viceChair?.name)

        let agenda = meeting.agenda.map { item in
            let withheld = item.isExempt && !showExempt
            return AgendaEntry(number: item.number, title: item.title, presenter: item.presenter, purpose: item.purpose.word,
                               detail: item.detail, papers: withheld ? [] : item.papers.map { paperTitle($0, plans: plans) },
                               pages: item.pages?.text, isExempt: item.isExempt, papersWithheld: withheld)
        }

        let previousMinutes = previous.map { minutes(of: $0, board: board, showExempt: showExempt) }

        let log = ActionLog.review(at: meeting, actionPoints: actionPoints, meetings: meetings).map { entry in
            let point = entry.actionPoint
            let raisedAt = byID[point.raisedAtMeetingID]
            // Overdue by the one rule the pages and the API use, as at the pack's day.
            let standing = point.standing(asAt: asAt, meetings: byID)
            return ActionPointEntry(
                id: point.id, text: point.text, owner: point.owner,
                raised: raisedAt.map { "Raised at the meeting on \($0.date.formatted), item \(point.raisedAtItem)" } ?? "Raised at item \(point.raisedAtItem)",
                due: entry.dueText, status: point.status.word, isOverdue: standing.isOverdue, overdueReason: standing.reason,
                latestUpdate: point.latestUpdate.map { "\($0.date.formatted), \($0.authorText): \($0.text)" })
        }

        let since = previous?.date
        var reports: [ProgressReport] = []
        var scorecards: [Scorecard] = []
        for item in meeting.agenda where showExempt || !item.isExempt {
            for paper in item.papers {
                switch paper {
                case let .planProgressReport(planID):
                    if let contents = plans[planID], !reports.contains(where: { $0.planID == planID }) {
                        reports.append(progressReport(contents, asAt: asAt, since: since))
                    }
                case let .kpiScorecard(planID):
                    if let contents = plans[planID], !scorecards.contains(where: { $0.planID == planID }) {
                        scorecards.append(scorecard(contents.plan, measures: measures[planID] ?? [], asAt: asAt, suppression: suppression))
                    }
                case .document:
                    break
                }
            }
        }
        return BoardPack(meetingID: meeting.id, boardID: board.id, meetingDate: meeting.date, asAt: asAt, cover: cover, agenda: agenda,
                         previousMinutes: previousMinutes, actionLog: log, progressReports: reports, scorecards: scorecards)
    }

    /// Assembles a meeting's pack from the store: the board's records, and each linked plan
    /// with its full history and measures (in code order). Ratings are as at the meeting's date,
    /// or `today` for a meeting still to come.
    public static func assemble(meetingID: Int64, store: any PlanStore & BoardStore, organisationID: Int64, today: Day,
                                showExempt: Bool) async throws -> BoardPack {
        let meeting = try await store.meeting(id: meetingID, organisationID: organisationID)
        let board = try await store.board(id: meeting.boardID, organisationID: organisationID)
        let meetings = try await store.meetings(boardID: board.id, organisationID: organisationID)
        let points = try await store.actionPoints(boardID: board.id, organisationID: organisationID)
        var plans: [Int64: PlanContents] = [:]
        var measures: [Int64: [Measure]] = [:]
        for planID in linkedPlanIDs(meeting, showExempt: showExempt) {
            guard let contents = try? await store.planContents(id: planID, organisationID: organisationID, fullHistory: true) else { continue }
            plans[planID] = contents
            var ids: [Int64] = []
            for action in contents.actions { for measure in action.measureIDs where !ids.contains(measure) { ids.append(measure) } }
            let found = ids.isEmpty ? [] : try await store.measures(ids: ids, organisationID: organisationID)
            measures[planID] = ReferenceOrder.sorted(found) { $0.code }
        }
        return build(board: board, meeting: meeting, meetings: meetings, actionPoints: points, plans: plans, measures: measures,
                     asAt: min(today, meeting.date), showExempt: showExempt)
    }

    static func paperTitle(_ paper: AgendaItem.Paper, plans: [Int64: PlanContents]) -> String {
        switch paper {
        case let .planProgressReport(id): "Progress report: " + (plans[id]?.plan.title ?? "plan \(id)")
        case let .kpiScorecard(id): "KPI scorecard: " + (plans[id]?.plan.title ?? "plan \(id)")
        case let .document(name): name
        }
    }

    /// The minutes of a meeting as the pack prints them ("Resolved: that …").
    public static func minutes(of meeting: Meeting, board: Board, showExempt: Bool) -> PreviousMinutes {
        let attendance = meeting.attendance
        let entries = meeting.agenda.compactMap { item -> MinuteEntry? in
            guard let minute = item.minute else { return nil }
            let hidden = item.isExempt && !showExempt
            return MinuteEntry(label: minute.label, itemNumber: item.number, title: item.title,
                               narrative: hidden ? "This minute is exempt (Schedule 12A) and is not shown." : minute.narrative,
                               resolutions: minute.resolutions.map { "Resolved: " + $0 }, isExempt: item.isExempt)
        }
        return PreviousMinutes(meetingID: meeting.id, date: meeting.date.formattedLong, status: meeting.minutesStatus.text,
                               present: attendance.present.map { board.name(of: $0) },
                               apologies: attendance.apologies.map { board.name(of: $0) },
                               substitutes: attendance.substitutes.map { $0.sentence(on: board) },
                               alsoInAttendance: attendance.alsoInAttendance.map(\.text),
                               minutes: entries)
    }

    static func swatch(_ rating: DeliveryRating) -> String {
        switch rating {
        case .red: "red"
        case .amber: "amber"
        case .green: "green"
        case .blue: "blue"
        case .grey, .withdrawn: "grey"
        case .onHold: "purple"
        }
    }

    static func row(ref: String, title: String, _ rollup: RatingRollup) -> ThemeRow {
        ThemeRow(ref: ref, title: title, actions: rollup.total,
                 counts: rollup.shares.map { RatingCount(rating: $0.rating.rawValue, colour: $0.rating.colour, word: $0.rating.word, count: $0.count,
                                                      swatch: swatch($0.rating)) },
                 averageComplete: rollup.averagePercentComplete.map { MeasureFormatting.number($0, decimals: 0) + "%" }, sentence: rollup.sentence)
    }

    /// A plan's progress report as at `asAt`; "what changed" counts from the day after `since`
    /// (the previous meeting), or the last 30 days where the board has not met before.
    public static func progressReport(_ contents: PlanContents, asAt: Day, since: Day?) -> ProgressReport {
        let assessment = PlanAssessment(contents: contents, asAt: asAt)
        let from = since ?? asAt.adding(days: -30)
        let themes = contents.themes.map { theme in
            row(ref: theme.ref, title: theme.title, assessment.byTheme[theme.id] ?? RatingRollup(ratings: []))
        }
        let exceptions = assessment.actions
            .filter { $0.delivery.rating == .red || $0.delivery.rating == .amber }
            .map { rated -> ActionException in
                let action = rated.action
                let wasRed = DeliveryRules.deliveryRating(of: action, asAt: from).rating == .red
                let latest = action.latestUpdate
                return ActionException(actionID: action.id, ref: action.ref, title: action.title, leads: action.leads.joined(separator: ", "),
                                       rating: rated.delivery.rating.rawValue,
                                       ratingText: "\(rated.delivery.rating.colour) – \(rated.delivery.rating.word)",
                                       reasons: rated.delivery.reasons, newlyRed: rated.delivery.rating == .red && !wasRed,
                                       latestUpdate: latest?.text, latestUpdateDate: latest?.date.formatted, latestUpdateAuthor: latest?.author)
            }
        let ordered = exceptions.enumerated().sorted { a, b in
            let ka = (a.element.rating == "red" ? 0 : 1, a.element.newlyRed ? 0 : 1, a.offset)
            let kb = (b.element.rating == "red" ? 0 : 1, b.element.newlyRed ? 0 : 1, b.offset)
            return ka < kb
        }.map(\.element)
        let due = assessment.actions.filter(\.update.isDue).map {
            UpdateDue(actionID: $0.action.id, ref: $0.action.ref, title: $0.action.title,
                      leads: $0.action.leads.joined(separator: ", "), reason: $0.update.reason)
        }
        var statusChanges: [Change] = []
        var completed: [Change] = []
        var updates: [Change] = []
        for action in contents.actions {
            for update in action.updates.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) where update.date > from && update.date <= asAt {
                if let status = update.status {
                    statusChanges.append(Change(actionID: action.id, ref: action.ref, title: action.title, date: update.date.formatted,
                                                what: "Status changed to \(status.word)", text: update.text))
                }
                updates.append(Change(actionID: action.id, ref: action.ref, title: action.title, date: update.date.formatted,
                                      what: update.author, text: update.text))
            }
            if let done = action.completedOn, done > from, done <= asAt {
                completed.append(Change(actionID: action.id, ref: action.ref, title: action.title, date: done.formatted,
                                        what: "Completed", text: action.outcome))
            }
        }
        return ProgressReport(planID: contents.plan.id, planTitle: contents.plan.title, asAt: asAt.formatted,
                              changesSince: since.map { "Since the last meeting on \($0.formatted)" } ?? "In the 30 days to \(asAt.formatted)",
                              overall: row(ref: "", title: "Whole plan", assessment.plan), themes: themes,
                              exceptions: ordered, updatesDue: due, statusChanges: statusChanges, completed: completed, newUpdates: updates)
    }

    /// A plan's KPI scorecard as at `asAt`: each measure's latest period, exceptions first.
    public static func scorecard(_ plan: Plan, measures: [Measure], asAt: Day, suppression: SmallNumbers = .standard) -> Scorecard {
        let rows = measures.map { measure -> (ScorecardRow, Int) in
            let ordered = measure.valuesInOrder
            let expected = Period.containing(asAt, kind: measure.frequency.periodKind).previous
            let period = ordered.last(where: { $0.period.start <= asAt }).map { max($0.period, expected) } ?? expected
            let value = measure.value(for: period)
            let rating = MeasureRules.rating(of: measure, for: period)
            let direction = suppression.shared(MeasureRules.direction(of: measure, for: period, comparedWith: period.previous),
                                               of: measure, for: period)
            let exception = MeasureRules.exceptionStatus(of: measure)
            let suppressed = value.map { suppression.suppresses($0, unit: measure.unit) } ?? false
            let valueText: String
            if let value {
                valueText = suppressed ? suppression.notice : measure.format(value.value)
            } else {
                valueText = "No data"
            }
            let recent = Array(ordered.filter { $0.period <= period }.suffix(12))
            let label = recent.count > 1
                ? "Trend of \(measure.code) over \(recent.count) periods, \(recent.first!.period.readableLabel) to \(recent.last!.period.readableLabel)"
                : "Trend of \(measure.code)"
            let anySuppressed = recent.contains { suppression.suppresses($0, unit: measure.unit) }
            let rag = rating.rag
            let ragText: String = switch rag {
            case .green, .amber, .red: "\(rag.colour) – \(rag.word)"
            case .noTarget, .noData: rag.word
            }
            let ragColour: String = switch rag {
            case .green: "green"
            case .amber: "amber"
            case .red: "red"
            case .noTarget: "outline"
            case .noData: "grey"
            }
            let row = ScorecardRow(measureID: measure.id, code: measure.code, title: measure.title, period: period.readableLabel,
                                   value: valueText, isSuppressed: suppressed,
                                   target: rating.target.map { measure.format($0.value) }, targetReason: rating.target?.reason,
                                   rag: rag.rawValue, ragColour: ragColour, ragText: ragText,
                                   direction: direction.word, arrow: direction.arrow, directionReason: direction.reason,
                                   sparkline: anySuppressed ? "" : Sparkline.svg(values: recent.map(\.value), label: label),
                                   isException: exception.isException, exceptionReason: exception.isException ? exception.reason : nil)
            let order = exception.isException ? 0 : (rag == .red ? 1 : (rag == .amber ? 2 : 3))
            return (row, order)
        }
        let sorted = rows.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element.0)
        return Scorecard(planID: plan.id, planTitle: plan.title, asAt: asAt.formatted, rows: sorted, suppressionNote: suppression.rule)
    }
}
