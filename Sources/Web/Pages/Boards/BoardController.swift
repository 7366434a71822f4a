import Core
import Foundation
import Hummingbird
import Reports

/// The board pages: boards, meetings, the live action log, attendance figures, the board pack,
/// and the forms a clerk uses. Reading needs `readPlans`; every change `manageBoards`; exempt
/// papers and minutes show only to roles with `readExemptPapers`.
///
/// Made for each request with the signed-in identity: every store call names its organisation.
struct BoardController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let csrf: String

    var store: any PlanStore & PeopleStore & BoardStore { environment.store }
    var org: Int64 { identity.organisationID }
    var mayManage: Bool { identity.can(.manageBoards) }
    /// How the signed-in person is recorded on what they write: "Sam Okafor (Editor)".
    var signedInAuthor: String { "\(identity.signature) (\(identity.role.word))" }
    var showExempt: Bool { identity.can(.readExemptPapers) }

    static let routes: [Route<BoardController>] = [
        .page(.get, .boards, .permission(.readPlans)) { $0.boards },
        .page(.get, .board(.parameter), .permission(.readPlans)) { $0.board },
        .page(.get, .boardAttendance(.parameter), .permission(.readPlans)) { $0.attendance },
        .init(method: .post, path: .boardMeetings(.parameter), access: .permission(.manageBoards)) { $0.createMeeting },
        .init(method: .post, path: .boardDetails(.parameter), access: .permission(.manageBoards)) { $0.editDetails },
        .init(method: .post, path: .boardMembers(.parameter), access: .permission(.manageBoards)) { $0.saveMember },
        .init(method: .post, path: .boardMemberRemoval(.parameter), access: .permission(.manageBoards)) { $0.removeMember },
        .init(method: .post, path: .workProgramme(.parameter), access: .permission(.manageBoards)) { $0.saveWorkProgrammeItem },
        .init(method: .post, path: .workProgrammeRemoval(.parameter), access: .permission(.manageBoards)) { $0.removeWorkProgrammeItem },
        .page(.get, .meeting(.parameter), .permission(.readPlans)) { $0.meeting },
        .page(.get, .meetingPack(.parameter), .permission(.readPlans)) { $0.pack },
        .init(method: .get, path: .meetingPackDocument(.parameter), access: .permission(.readPlans)) { $0.packDocument },
        .page(.get, .meetingMinutes(.parameter), .permission(.readPlans)) { $0.minutes },
        .init(method: .get, path: .meetingMinutesDocument(.parameter), access: .permission(.readPlans)) { $0.minutesDocument },
        .init(method: .post, path: .meetingAttendance(.parameter), access: .permission(.manageBoards)) { $0.recordAttendance },
        .init(method: .post, path: .meetingMinutes(.parameter), access: .permission(.manageBoards)) { $0.writeMinute },
        .init(method: .post, path: .minuteNumbering(.parameter), access: .permission(.manageBoards)) { $0.numberMinutes },
        .page(.get, .minutesApproval(.parameter), .permission(.manageBoards)) { $0.approveConfirmation },
        .init(method: .post, path: .minutesApproval(.parameter), access: .permission(.manageBoards)) { $0.approveMinutes },
        .init(method: .post, path: .meetingActionPoints(.parameter), access: .permission(.manageBoards)) { $0.raiseActionPoint },
        .page(.get, .meetingCancellation(.parameter), .permission(.manageBoards)) { $0.cancelConfirmation },
        .init(method: .post, path: .meetingCancellation(.parameter), access: .permission(.manageBoards)) { $0.cancelMeeting },
        .init(method: .post, path: .meetingReinstatement(.parameter), access: .permission(.manageBoards)) { $0.reinstateMeeting },
        .init(method: .post, path: .actionPointUpdates(.parameter), access: .permission(.manageBoards)) { $0.updateActionPoint },
    ]

    // MARK: Boards

    @Sendable func boards(_ request: Request, context: AppContext) async throws -> HTML {
        let today = environment.today()
        var cards: [BoardsPage.BoardCard] = []
        for board in try await store.boards(organisationID: org) {
            let meetings = try await store.meetings(boardID: board.id, organisationID: org)
            let points = try await store.actionPoints(boardID: board.id, organisationID: org)
            let log = Self.liveLog(board: board, meetings: meetings, points: points, today: today)
            let next = meetings.first { $0.date >= today && $0.status == .scheduled }
            cards.append(.init(boardHref: Path.board(board.id).href, boardName: board.name, boardKind: board.kind.word,
                               boardFrequency: board.meetingFrequency.word, boardChair: board.chair?.name ?? "No chair recorded",
                               nextMeeting: next?.whenText ?? "None scheduled", openCount: log.count,
                               overdueCount: Self.overdueCount(log, meetings: meetings, today: today)))
        }
        return try render(BoardsPage(asAt: today.formatted, boards: cards))
    }

    /// The board's open action points as they stand today, overdue first: the review a meeting
    /// held today would show.
    static func liveLog(board: Board, meetings: [Meeting], points: [ActionPoint], today: Day) -> [ActionLog.Entry] {
        let now = Meeting(id: Int64.max, boardID: board.id, date: today)
        return ActionLog.review(at: now, actionPoints: points, meetings: meetings)
    }

    /// How many of the log's action points are overdue today, by the one rule (`ActionPoint.standing`).
    static func overdueCount(_ log: [ActionLog.Entry], meetings: [Meeting], today: Day) -> Int {
        var byID: [Int64: Meeting] = [:]
        for m in meetings { byID[m.id] = m }
        return log.filter { $0.actionPoint.standing(asAt: today, meetings: byID).isOverdue }.count
    }

    @Sendable func board(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        return try render(try await boardPage(id: id, saved: request.uri.queryParameters.get("saved")))
    }

    func boardPage(id: Int64, saved: String? = nil, fields: FormFields? = nil, problems: FormProblems = FormProblems(),
                   setup: BoardSetupForms = BoardSetupForms()) async throws -> BoardPage {
        let today = environment.today()
        let board = try await store.board(id: id, organisationID: org)
        let meetings = try await store.meetings(boardID: id, organisationID: org)
        let points = try await store.actionPoints(boardID: id, organisationID: org)
        let programme = try await store.workProgramme(boardID: id, organisationID: org)
        var byID: [Int64: Meeting] = [:]
        for m in meetings { byID[m.id] = m }
        let log = Self.liveLog(board: board, meetings: meetings, points: points, today: today)
        let later = meetings.filter { $0.date >= today && $0.status != .cancelled }
        let rows = log.map { entry in
            ActionPointRow(entry: entry, meetings: byID, today: today,
                           form: mayManage ? ActionPointUpdateFormView(point: entry.actionPoint, returnTo: Path.board(id).href, later: later, today: today,
                                                                       by: signedInAuthor) : nil)
        }
        let members = board.members.map { member in
            BoardPage.MemberRow(memberName: member.name, memberRole: member.role, memberOrganisation: member.organisation,
                                memberMembership: member.membership.word,
                                memberPosition: member.id == board.chairID ? "Chair" : (member.id == board.viceChairID ? "Vice chair" : nil),
                                memberForm: mayManage ? MemberFormView(board: board, member: member, fields: setup.fields(for: .member(member.id)),
                                                                       problems: setup.problems(for: .member(member.id))) : nil)
        }
        let coming = meetings.filter { $0.date >= today && $0.status != .cancelled }
        let programmeRows = mayManage ? programme.items.map { item in
            ProgrammeItemRow(programmeTitle: item.title, programmePlacement: ProgrammeItemRow.placementText(item.placement, meetings: byID),
                             programmeForm: WorkProgrammeFormView(boardID: id, item: item, coming: coming, fields: setup.fields(for: .item(item.id)),
                                                                  problems: setup.problems(for: .item(item.id))))
        } : []
        let slots = programme.slots(calendar: meetings).filter { $0.meeting.date >= today && !$0.items.isEmpty }.map { slot in
            BoardPage.SlotRow(slotWhen: slot.meeting.date.formattedLong, slotHref: Path.meeting(slot.meeting.id).href, slotItems: slot.items.map(\.title))
        }
        let standing = programme.items.compactMap { item -> BoardPage.StandingRow? in
            guard case let .standing(rule) = item.placement else { return nil }
            return BoardPage.StandingRow(standingTitle: item.title, standingRule: rule.text, standingPresenter: item.presenter)
        }
        let overdue = Self.overdueCount(log, meetings: meetings, today: today)
        return BoardPage(
            title: board.name, breadcrumbs: [Crumb(href: Path.boards.href, label: "Boards")], banner: SavedBanner.forKey(saved),
            hasErrors: !problems.isEmpty || !setup.problems.isEmpty || setup.errorIntro != nil, errors: problems.links + setup.problems.links,
            errorIntro: setup.errorIntro, asAt: today.formatted,
            kind: board.kind.word, frequency: board.meetingFrequency.word, numbering: board.minuteNumbering.example,
            chairName: board.chair?.name ?? "Not recorded", viceChairName: board.viceChair?.name ?? "Not recorded",
            members: members, termsOfReference: FormReading.paragraphs(board.termsOfReference),
            upcoming: meetings.filter { $0.date >= today }.map(MeetingRow.init),
            past: meetings.filter { $0.date < today }.reversed().map(MeetingRow.init),
            slots: slots, standing: standing,
            unplaced: programme.unplaced(calendar: meetings).map(\.title), actionLog: rows,
            overdueSummary: "\(log.count) open action point\(log.count == 1 ? "" : "s"), \(overdue) overdue",
            attendanceHref: Path.boardAttendance(id).href, calendarHref: Path.boardCalendar(id).href, mayManage: mayManage,
            meetingForm: mayManage ? NewMeetingFormView(boardID: id, fields: fields, problems: problems) : nil,
            detailsForm: mayManage ? BoardDetailsFormView(board: board, fields: setup.fields(for: .details), problems: setup.problems(for: .details)) : nil,
            newMemberForm: mayManage ? MemberFormView(board: board, member: nil, fields: setup.fields(for: .member(nil)), problems: setup.problems(for: .member(nil))) : nil,
            programmeItems: programmeRows,
            newItemForm: mayManage ? WorkProgrammeFormView(boardID: id, item: nil, coming: coming, fields: setup.fields(for: .item(nil)),
                                                           problems: setup.problems(for: .item(nil))) : nil)
    }

    @Sendable func attendance(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let board = try await store.board(id: id, organisationID: org)
        let meetings = try await store.meetings(boardID: id, organisationID: org)
        let today = environment.today()
        // The financial year so far, unless the query names a period.
        let yearStart = Period.financialYear(containing: today).start
        let query = request.uri.queryParameters
        var problems = FormProblems()
        let fromField = DateField(day: query.get("from-day") ?? String(yearStart.day), month: query.get("from-month") ?? String(yearStart.month),
                                  year: query.get("from-year") ?? String(yearStart.year))
        let toField = DateField(day: query.get("to-day") ?? String(today.day), month: query.get("to-month") ?? String(today.month),
                                year: query.get("to-year") ?? String(today.year))
        var from = fromField.read(name: "Start of the period", latest: nil, id: "from", into: &problems) ?? yearStart
        var to = toField.read(name: "End of the period", latest: nil, id: "to", into: &problems) ?? today
        if to < from {
            problems.add("from", "The start of the period must be on or before its end", linkTo: "from-day")
            (from, to) = (yearStart, today)
        }
        let statistics = AttendanceStatistics(board: board, meetings: meetings, from: from, to: to)
        let rows = statistics.members.map { figures in
            AttendancePage.Row(figureName: figures.member.name, figureMembership: figures.member.membership.word, expected: figures.expected,
                               inPerson: figures.inPerson, bySubstitute: figures.bySubstitute, apologiesCount: figures.apologies,
                               absentCount: figures.absent, percentText: figures.percentInPerson.map { "\($0)%" } ?? "–",
                               sentence: figures.sentence)
        }
        let page = AttendancePage(title: "Attendance: \(board.name)",
                                  breadcrumbs: [Crumb(href: Path.boards.href, label: "Boards"), Crumb(href: Path.board(id).href, label: board.name)],
                                  boardName: board.name, summary: statistics.summary, rows: rows,
                                  fromDay: fromField.day, fromMonth: fromField.month, fromYear: fromField.year,
                                  toDay: toField.day, toMonth: toField.month, toYear: toField.year,
                                  hasErrors: !problems.isEmpty, errors: problems.links,
                                  periodError: problems.message("from") ?? problems.message("to"))
        return try render(page, status: problems.isEmpty ? .ok : .badRequest)
    }

    @Sendable func createMeeting(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.board(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        switch NewMeetingFormView.validated(fields, boardID: id) {
        case let .failure(list):
            return try render(try await boardPage(id: id, fields: fields, problems: list.problems), status: .badRequest).response()
        case let .success(meeting):
            let created = try await store.createMeeting(meeting, organisationID: org, fromTemplate: true)
            return redirect(to: .meeting(created.id), query: "saved=meeting")
        }
    }

    // MARK: Meetings

    /// What a failed form puts back on the meeting page.
    struct MeetingForms: Sendable {
        enum Form: Sendable, Equatable {
            case attendance, minute(Int), newPoint, pointUpdate(Int64), other
        }
        var form: Form = .other
        var fields: FormFields?
        var problems = FormProblems()
        var errorIntro: String?

        func fields(for form: Form) -> FormFields? { self.form == form ? fields : nil }
        func problems(for form: Form) -> FormProblems { self.form == form ? problems : FormProblems() }
    }

    @Sendable func meeting(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        return try render(try await meetingPage(id: id, saved: request.uri.queryParameters.get("saved")))
    }

    func meetingPage(id: Int64, saved: String? = nil, forms: MeetingForms = MeetingForms()) async throws -> MeetingPage {
        let today = environment.today()
        let meeting = try await store.meeting(id: id, organisationID: org)
        let board = try await store.board(id: meeting.boardID, organisationID: org)
        let meetings = try await store.meetings(boardID: board.id, organisationID: org)
        let points = try await store.actionPoints(boardID: board.id, organisationID: org)
        var byID: [Int64: Meeting] = [:]
        for m in meetings { byID[m.id] = m }
        let review = ActionLog.review(at: meeting, actionPoints: points, meetings: meetings)
        let later = meetings.filter { ($0.date, $0.id) > (meeting.date, meeting.id) && $0.status != .cancelled }
        let laterFromToday = meetings.filter { $0.date >= today && $0.status != .cancelled && $0.id != meeting.id }
        let plans = try await store.plans(organisationID: org)
        let titles = Dictionary(uniqueKeysWithValues: plans.map { ($0.id, $0.title) })
        let returnTo = Path.meeting(id).href

        func row(_ entry: ActionLog.Entry) -> ActionPointRow {
            let form: ActionPointUpdateFormView? = mayManage
                ? ActionPointUpdateFormView(point: entry.actionPoint, returnTo: returnTo, later: laterFromToday, today: today,
                                            by: signedInAuthor, fields: forms.fields(for: .pointUpdate(entry.actionPoint.id)),
                                            problems: forms.problems(for: .pointUpdate(entry.actionPoint.id)))
                : nil
            return ActionPointRow(entry: entry, meetings: byID, today: today, form: form)
        }

        let items = meeting.agenda.map { item -> MeetingPage.ItemView in
            let withheld = item.isExempt && !showExempt
            let papers = withheld ? [] : item.papers.map { paper -> MeetingPage.PaperView in
                switch paper {
                case let .planProgressReport(planID):
                    MeetingPage.PaperView(paperTitle: "Progress report: \(titles[planID] ?? "plan \(planID)")", paperHref: Path.meetingPack(id).href(fragment: "plan-\(planID)"))
                case let .kpiScorecard(planID):
                    MeetingPage.PaperView(paperTitle: "KPI scorecard: \(titles[planID] ?? "plan \(planID)")", paperHref: Path.meetingPack(id).href(fragment: "scorecard-\(planID)"))
                case let .document(name):
                    MeetingPage.PaperView(paperTitle: name, paperHref: nil)
                }
            }
            let minute = item.minute.flatMap { minute -> MeetingPage.MinuteView? in
                guard !minute.narrative.isEmpty || !minute.resolutions.isEmpty || !minute.label.isEmpty else { return nil }
                return MeetingPage.MinuteView(minuteLabel: minute.label.isEmpty ? nil : minute.label,
                                              minuteParagraphs: withheld ? [] : FormReading.paragraphs(minute.narrative),
                                              minuteResolutions: minute.resolutions.map { "Resolved: " + $0 }, minuteWithheld: withheld,
                                              minuteRecordedBy: minute.recordedBy)
            }
            let raised = points.filter { $0.raisedAtMeetingID == meeting.id && $0.raisedAtItem == item.number }
                .map { row(ActionLog.entry(for: $0, at: meeting, meetings: byID)) }
            let isReview = item.kind == .reviewOfActionPoints
            let minuteForm = mayManage && meeting.status == .held && !withheld
                ? MinuteFormView(meeting: meeting, item: item, fields: forms.fields(for: .minute(item.number)), problems: forms.problems(for: .minute(item.number)))
                : nil
            return MeetingPage.ItemView(itemNumber: item.number, itemAnchor: "item-\(item.number)", itemTitle: item.title,
                                        itemPresenter: item.presenter.isEmpty ? nil : item.presenter, itemPurpose: item.purpose.word,
                                        itemDetail: item.detail.isEmpty ? nil : item.detail, itemExempt: item.isExempt,
                                        papersWithheld: withheld && !item.papers.isEmpty, papers: papers, minute: minute,
                                        isReview: isReview, review: isReview ? review.map(row) : [], reviewEmpty: isReview && review.isEmpty,
                                        raisedHere: raised, hasRaised: !raised.isEmpty, minuteForm: minuteForm)
        }

        let attendance = meeting.attendance
        let previous = Self.minutesToApprove(at: meeting, among: meetings)
        let canApprove = previous.map { !$0.minutesStatus.isLocked } ?? false && meeting.status != .cancelled
            && meeting.item(ofKind: .minutesOfLastMeeting) != nil
        let mayRecordAttendance = MeetingSafeguards.mayRecordAttendance(at: meeting, today: today)
        let approvalRefusal = canApprove ? MinutesLifecycle.approvalRefusal(at: meeting, today: today) : nil
        var problems = forms.problems
        if forms.form == .other, problems.isEmpty, forms.errorIntro != nil { problems = FormProblems() }
        let hasErrors = !problems.isEmpty || forms.errorIntro != nil
        return MeetingPage(
            title: (hasErrors ? "Error: " : "") + "\(board.name): \(meeting.date.formattedLong)",
            breadcrumbs: [Crumb(href: Path.boards.href, label: "Boards"), Crumb(href: Path.board(board.id).href, label: board.name)],
            banner: SavedBanner.forKey(saved), hasErrors: hasErrors, errors: problems.links,
            errorIntro: forms.errorIntro, caption: board.name, heading: meeting.whenText, venue: meeting.venue,
            statusChip: MeetingRow.chip(meeting.status),
            minutesStatus: meeting.status == .held ? "Minutes: \(meeting.minutesStatus.text)" : nil,
            packHref: Path.meetingPack(id).href, packDocxHref: Path.meetingPackDocument(id).href,
            historyHref: Path.meetingHistory(id).href,
            minutesHref: meeting.status == .held ? Path.meetingMinutes(id).href : nil,
            minutesDocxHref: meeting.status == .held ? Path.meetingMinutesDocument(id).href : nil, boardHref: Path.board(board.id).href, items: items,
            isCancelled: meeting.status == .cancelled,
            cancellationText: meeting.status == .cancelled ? (meeting.cancellation?.sentence ?? "No reason was recorded when it was cancelled.") : nil,
            hasAttendance: !attendance.isEmpty,
            present: attendance.present.map { board.name(of: $0) }, apologies: attendance.apologies.map { board.name(of: $0) },
            substitutes: attendance.substitutes.map { $0.sentence(on: board) }, alsoInAttendance: attendance.alsoInAttendance.map(\.text),
            amendments: meeting.minutesAmendments.map(\.sentence),
            mayManage: mayManage,
            attendanceNotYet: mayManage && meeting.status == .scheduled && !mayRecordAttendance
                ? MeetingSafeguards.attendanceRefusal(at: meeting, today: today).map { $0 + "." } : nil,
            attendanceForm: mayManage && mayRecordAttendance
                ? AttendanceFormView(meeting: meeting, board: board, fields: forms.fields(for: .attendance), problems: forms.problems(for: .attendance)) : nil,
            actionPointForm: mayManage && meeting.status != .cancelled
                ? NewActionPointFormView(meeting: meeting, later: later, fields: forms.fields(for: .newPoint), problems: forms.problems(for: .newPoint)) : nil,
            numberForm: mayManage && meeting.status == .held && !meeting.minutesStatus.isLocked
                ? SimpleFormView(simplePostTo: Path.minuteNumbering(id).href, simpleVersion: String(meeting.version),
                                 simpleLabel: meeting.lastMinuteNumber == nil ? "Number the minutes" : "Number the minutes again",
                                 simpleHint: "Numbers continue from the board's last minute (\(board.minuteNumbering.example) …).") : nil,
            approvalNotYet: mayManage ? approvalRefusal.map { $0 + "." } : nil,
            approveLink: mayManage && canApprove && approvalRefusal == nil
                ? previous.map { ConfirmLink(confirmHref: Path.minutesApproval(id).href, confirmText: "Approve the minutes of \($0.date.formattedLong)",
                                             confirmHint: "You will be asked to confirm. Approving records the resolution on this meeting's agenda and locks those minutes.") } : nil,
            cancelLink: mayManage && meeting.status == .scheduled
                ? ConfirmLink(confirmHref: Path.meetingCancellation(id).href, confirmText: "Cancel this meeting",
                              confirmHint: "You will be asked why, and to confirm. A cancelled meeting takes no items from the work programme and never counts in attendance figures.") : nil,
            reinstateForm: mayManage && meeting.status == .cancelled
                ? SimpleFormView(simplePostTo: Path.meetingReinstatement(id).href, simpleVersion: String(meeting.version), simpleLabel: "Reinstate this meeting",
                                 simpleHint: "Undoes the cancellation: the meeting is scheduled again with its agenda as it was.") : nil)
    }

    func renderMeeting(id: Int64, forms: MeetingForms, status: HTTPResponse.Status) async throws -> Response {
        try render(try await meetingPage(id: id, forms: forms), status: status).response()
    }

    /// The 409 page: the meeting as it is now, with what was not saved.
    func conflict(meetingID: Int64, _ form: MeetingForms.Form, fields: FormFields, what: String) async throws -> Response {
        var forms = MeetingForms(form: form, fields: fields)
        forms.errorIntro = "Someone else changed this meeting after you opened this page. \(what) has not been saved. The page below shows the meeting as it is now; check it and try again."
        return try await renderMeeting(id: meetingID, forms: forms, status: .conflict)
    }

    /// Core's validation errors from the store, shown in the error summary of the meeting page.
    func invalid(meetingID: Int64, _ form: MeetingForms.Form, fields: FormFields, _ errors: [ValidationError], anchor: String) async throws -> Response {
        var forms = MeetingForms(form: form, fields: fields)
        for error in errors { forms.problems.add(anchor + "-" + error.field, error.message, linkTo: anchor) }
        return try await renderMeeting(id: meetingID, forms: forms, status: .badRequest)
    }

    @Sendable func recordAttendance(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let meeting = try await store.meeting(id: id, organisationID: org)
        let board = try await store.board(id: meeting.boardID, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let today = environment.today()
        // Refused before the choices are read: nothing can be recorded of a meeting yet to happen.
        if let refusal = MeetingSafeguards.attendanceRefusal(at: meeting, today: today) {
            return try await invalid(meetingID: id, .attendance, fields: fields, [ValidationError(field: "date", message: refusal)], anchor: "attendance")
        }
        switch AttendanceFormView.validated(fields, board: board) {
        case let .failure(list):
            return try await renderMeeting(id: id, forms: MeetingForms(form: .attendance, fields: fields, problems: list.problems), status: .badRequest)
        case let .success(attendance):
            do {
                _ = try await store.editMeeting(id: id, organisationID: org, expectedVersion: version) { m in
                    try MeetingSafeguards.recordAttendance(attendance, at: &m, today: today)
                }
            } catch StoreError.staleVersion {
                return try await conflict(meetingID: id, .attendance, fields: fields, what: "The attendance")
            } catch let error as ValidationError {
                return try await invalid(meetingID: id, .attendance, fields: fields, [error], anchor: "record-attendance")
            } catch let error as ValidationErrors {
                return try await invalid(meetingID: id, .attendance, fields: fields, error.errors, anchor: "record-attendance")
            }
            return redirect(to: .meeting(id), query: "saved=attendance", fragment: "attendance")
        }
    }

    @Sendable func writeMinute(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let meeting = try await store.meeting(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let number = fields.trimmed("item").flatMap(Int.init) ?? 0
        switch MinuteFormView.validated(fields, meeting: meeting) {
        case let .failure(list):
            return try await renderMeeting(id: id, forms: MeetingForms(form: .minute(number), fields: fields, problems: list.problems), status: .badRequest)
        case let .success(input):
            // Who wrote it is who is signed in: there is no name to type.
            let author = identity.signature
            let role = identity.role.word
            let recordedBy = signedInAuthor
            let today = environment.today()
            do {
                _ = try await store.editMeeting(id: id, organisationID: org, expectedVersion: version) { m in
                    try MinutesLifecycle.amend(&m, reason: input.reason, by: author, role: role, on: today) { agenda in
                        guard let index = agenda.firstIndex(where: { $0.number == input.itemNumber }) else { return }
                        var minute = agenda[index].minute ?? AgendaItem.Minute()
                        minute.narrative = input.narrative
                        minute.resolutions = input.resolutions
                        minute.recordedBy = recordedBy
                        agenda[index].minute = minute
                    }
                }
            } catch StoreError.staleVersion {
                return try await conflict(meetingID: id, .minute(number), fields: fields, what: "Your minute of item \(number)")
            } catch let error as ValidationError {
                return try await invalid(meetingID: id, .minute(number), fields: fields, [error], anchor: "minute-\(number)-narrative")
            } catch let error as ValidationErrors {
                return try await invalid(meetingID: id, .minute(number), fields: fields, error.errors, anchor: "minute-\(number)-narrative")
            }
            return redirect(to: .meeting(id), query: "saved=minute", fragment: "item-\(number)")
        }
    }

    @Sendable func numberMinutes(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.meeting(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        do {
            _ = try await store.numberMinutes(meetingID: id, organisationID: org, expectedVersion: version)
        } catch StoreError.staleVersion {
            return try await conflict(meetingID: id, .other, fields: fields, what: "The numbering")
        } catch let error as ValidationError {
            return try await invalid(meetingID: id, .other, fields: fields, [error], anchor: "minutes-actions")
        } catch let error as ValidationErrors {
            return try await invalid(meetingID: id, .other, fields: fields, error.errors, anchor: "minutes-actions")
        }
        return redirect(to: .meeting(id), query: "saved=numbered")
    }

    @Sendable func approveMinutes(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let meeting = try await store.meeting(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let meetings = try await store.meetings(boardID: meeting.boardID, organisationID: org)
        guard let previous = Self.minutesToApprove(at: meeting, among: meetings) else {
            return try await invalid(meetingID: id, .other, fields: fields,
                                     [ValidationError(field: "meetingID", message: "The board has no earlier held meeting whose minutes could be approved")],
                                     anchor: "minutes-actions")
        }
        do {
            try MinutesLifecycle.refuseEarlyApproval(at: meeting, today: environment.today())
            _ = try await store.approveMinutes(meetingID: previous.id, atMeetingID: id, organisationID: org, expectedVersion: version)
        } catch StoreError.staleVersion {
            return try await conflict(meetingID: id, .other, fields: fields, what: "The approval")
        } catch let error as ValidationError {
            return try await invalid(meetingID: id, .other, fields: fields, [error], anchor: "minutes-actions")
        } catch let error as ValidationErrors {
            return try await invalid(meetingID: id, .other, fields: fields, error.errors, anchor: "minutes-actions")
        }
        return redirect(to: .meeting(id), query: "saved=approved")
    }

    @Sendable func raiseActionPoint(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let meeting = try await store.meeting(id: id, organisationID: org)
        let meetings = try await store.meetings(boardID: meeting.boardID, organisationID: org)
        let later = meetings.filter { ($0.date, $0.id) > (meeting.date, meeting.id) && $0.status != .cancelled }
        let fields = try await FormFields.read(request, context: context)
        switch NewActionPointFormView.validated(fields, meeting: meeting, later: later) {
        case let .failure(list):
            return try await renderMeeting(id: id, forms: MeetingForms(form: .newPoint, fields: fields, problems: list.problems), status: .badRequest)
        case let .success(point):
            do {
                _ = try await store.createActionPoint(point, organisationID: org)
            } catch let error as ValidationErrors {
                return try await invalid(meetingID: id, .newPoint, fields: fields, error.errors, anchor: "new-point-text")
            }
            return redirect(to: .meeting(id), query: "saved=action-point", fragment: "item-\(point.raisedAtItem)")
        }
    }

    @Sendable func updateActionPoint(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let point = try await store.actionPoint(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        // Back to the page the form was on: a meeting of the board, or the board.
        var meetingID: Int64?
        if let text = fields.trimmed("return"), case let .meeting(number)? = Path(href: text) {
            meetingID = number
        }
        if let candidate = meetingID, (try? await store.meeting(id: candidate, organisationID: org))?.boardID != point.boardID { meetingID = nil }
        let back = meetingID.map(Path.meeting) ?? .board(point.boardID)
        let today = environment.today()
        let meetings = try await store.meetings(boardID: point.boardID, organisationID: org)
        let later = meetings.filter { $0.date >= today && $0.status != .cancelled && $0.id != meetingID }

        func failed(_ problems: FormProblems, status: HTTPResponse.Status, intro: String? = nil) async throws -> Response {
            if let meetingID {
                var forms = MeetingForms(form: .pointUpdate(id), fields: fields, problems: problems)
                forms.errorIntro = intro
                return try await renderMeeting(id: meetingID, forms: forms, status: status)
            }
            var page = try await boardPage(id: point.boardID)
            page.hasErrors = true
            page.errors = problems.links
            page.errorIntro = intro
            return try render(page, status: status).response()
        }

        let author = identity.signature
        let role = identity.role.word
        switch ActionPointUpdateFormView.validated(fields, point: point, later: later, today: today, author: author, role: role) {
        case let .failure(list):
            return try await failed(list.problems, status: .badRequest)
        case let .success(change):
            do {
                switch change {
                case let .note(update):
                    _ = try await store.addActionPointUpdate(update, actionPointID: id, organisationID: org, expectedVersion: version)
                case let .close(status, day, note):
                    _ = try await store.editActionPoint(id: id, organisationID: org, expectedVersion: version) { p in
                        try ActionLog.close(&p, as: status, on: day, by: author, role: role, note: note)
                    }
                case let .carryForward(meeting, day, note):
                    _ = try await store.editActionPoint(id: id, organisationID: org, expectedVersion: version) { p in
                        try ActionLog.carryForward(&p, to: meeting, on: day, by: author, role: role, note: note)
                    }
                }
            } catch StoreError.staleVersion {
                return try await failed(FormProblems(), status: .conflict,
                                        intro: "Someone else updated this action point after you opened this page. Your update has not been saved. The page below shows it as it is now; check it and try again.")
            } catch let error as ValidationError {
                var problems = FormProblems()
                problems.add("point-\(id)-status", error.message)
                return try await failed(problems, status: .badRequest)
            }
            return redirect(to: back, query: "saved=action-point-update")
        }
    }

    // MARK: The board pack

    @Sendable func pack(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let pack = try await BoardPack.assemble(meetingID: id, store: store, organisationID: org, today: environment.today(), showExempt: showExempt)
        return try render(PackPage(pack: pack, organisationName: identity.organisationName, meetingHref: Path.meeting(id).href, docxHref: Path.meetingPackDocument(id).href))
    }

    /// The pack as a Word board paper, with what the reader may see of exempt items.
    @Sendable func packDocument(_ request: Request, context: AppContext) async throws -> Response {
        let pack = try await BoardPack.assemble(meetingID: try FormReading.id(in: context), store: store, organisationID: org,
                                                today: environment.today(), showExempt: showExempt)
        return BoardPapers.download(try BoardPackDocument.data(pack), name: BoardPackDocument.fileName(pack), type: BoardPapers.wordType)
    }

    // MARK: The minutes

    @Sendable func minutes(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let minutes = try await BoardMinutes.assemble(meetingID: id, store: store, organisationID: org, showExempt: showExempt)
        return try render(MinutesPage(minutes: minutes, organisationName: identity.organisationName, meetingHref: Path.meeting(id).href, docxHref: Path.meetingMinutesDocument(id).href))
    }

    @Sendable func minutesDocument(_ request: Request, context: AppContext) async throws -> Response {
        let minutes = try await BoardMinutes.assemble(meetingID: try FormReading.id(in: context), store: store, organisationID: org,
                                                      showExempt: showExempt)
        return BoardPapers.download(try MinutesDocument.data(minutes), name: MinutesDocument.fileName(minutes), type: BoardPapers.wordType)
    }

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: csrf) }
}
