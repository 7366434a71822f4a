import Core
import Foundation
import Hummingbird

// The clerk's forms on the board and meeting pages: what each posts, how it is checked, and how
// it is shown again with what was typed and the errors beside the fields.

/// A urlencoded form body as named fields (a field may repeat). The attendance form has a field
/// per member, so its names are not known in advance.
struct FormFields: Sendable {
    var values: [String: [String]] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            values[name, default: []].append(parts.count == 2 ? decode(parts[1]) : "")
        }
    }

    static func read(_ request: Request, context: AppContext) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormFields(String(buffer: buffer))
    }

    subscript(_ name: String) -> String? { values[name]?.first }

    func trimmed(_ name: String) -> String? { FormReading.trimmed(self[name]) }

    /// The `version` field; a form without one is an old or hand-made form.
    func version() throws -> Int {
        guard let text = trimmed("version"), let version = Int(text) else {
            throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
        }
        return version
    }

    func date(_ prefix: String) -> DateField { DateField(day: self[prefix + "day"], month: self[prefix + "month"], year: self[prefix + "year"]) }
}

extension DateField {
    /// Reads the date, recording a problem on `id` (marking the parts in error) when it is wrong.
    func read(name: String, latest: Day?, id: String, into problems: inout FormProblems) -> Day? {
        switch read(name: name, latest: latest) {
        case let .success(day): return day
        case let .failure(error):
            let problem = error.problem
            problems.add(id, problem.message, linkTo: "\(id)-\(problem.firstPart)")
            if problem.day { problems.mark(id + "-day") }
            if problem.month { problems.mark(id + "-month") }
            if problem.year { problems.mark(id + "-year") }
            return nil
        }
    }
}

/// The three inputs of a GOV.UK date, as shown.
struct DateInputView: Sendable {
    var dateID: String
    /// Put before `day`, `month` and `year` in the inputs' names.
    var dateName: String
    var dateDay: String
    var dateMonth: String
    var dateYear: String
    var dayInvalid: Bool
    var monthInvalid: Bool
    var yearInvalid: Bool

    init(id: String, name: String = "", _ field: DateField, problems: FormProblems) {
        dateID = id
        dateName = name
        dateDay = field.day
        dateMonth = field.month
        dateYear = field.year
        dayInvalid = problems.isMarked(id + "-day")
        monthInvalid = problems.isMarked(id + "-month")
        yearInvalid = problems.isMarked(id + "-year")
    }
}

// MARK: - A new meeting from the template

struct NewMeetingFormView: Sendable {
    var meetingPostTo: String
    var meetingDate: DateInputView
    var meetingTime: String
    var meetingVenue: String
    var meetingDateError: String?
    var meetingTimeError: String?
    var meetingVenueError: String?

    init(boardID: Int64, fields: FormFields? = nil, problems: FormProblems = FormProblems()) {
        meetingPostTo = Path.boardMeetings(boardID).href
        meetingDate = DateInputView(id: "meeting-date", fields?.date("") ?? DateField(day: "", month: "", year: ""), problems: problems)
        meetingTime = fields?["time"] ?? ""
        meetingVenue = fields?["venue"] ?? ""
        meetingDateError = problems.message("meeting-date")
        meetingTimeError = problems.message("meeting-time")
        meetingVenueError = problems.message("meeting-venue")
    }

    /// The meeting to create, or the problems.
    static func validated(_ fields: FormFields, boardID: Int64) -> Result<Meeting, ProblemList> {
        var problems = FormProblems()
        let date = fields.date("").read(name: "Date of the meeting", latest: nil, id: "meeting-date", into: &problems)
        var time: MeetingTime?
        if let text = fields.trimmed("time") {
            time = MeetingTime(text)
            if time == nil { problems.add("meeting-time", "Enter the start time on the 24-hour clock, like 18:00") }
        }
        let venue = fields.trimmed("venue") ?? ""
        if venue.isEmpty { problems.add("meeting-venue", "Enter where the meeting is held") }
        else if venue.count > 300 { problems.add("meeting-venue", "The venue must be 300 characters or fewer") }
        guard problems.isEmpty, let date else { return .failure(ProblemList(problems: problems)) }
        return .success(Meeting(boardID: boardID, date: date, time: time, venue: venue))
    }
}

// MARK: - Attendance

struct AttendanceFormView: Sendable {
    struct Attendee: Sendable {
        var attendeeName: String
        var attendeeRole: String
        var attendeeField: String
        var attendeeChoices: [Choice]
        var substituteField: String
        var substituteID: String
        var substituteName: String
        var attendeeError: String?
    }

    var attendancePostTo: String
    var attendanceVersion: String
    var attendees: [Attendee]
    var alsoInAttendance: String
    var alsoError: String?

    static let options: [(String, String)] = [
        ("present", "Present"), ("apologies", "Apologies"), ("substitute", "Apologies, with a substitute attending"), ("absent", "Absent"),
    ]

    init(meeting: Meeting, board: Board, fields: FormFields? = nil, problems: FormProblems = FormProblems()) {
        attendancePostTo = Path.meetingAttendance(meeting.id).href
        attendanceVersion = String(meeting.version)
        let attendance = meeting.attendance
        attendees = board.members.filter { $0.membership != .substitute }.map { member in
            let field = "attend-\(member.id)"
            let current: String
            if let fields { current = fields[field] ?? "" }
            else if attendance.present.contains(member.id) { current = "present" }
            else if attendance.substitution(for: member.id) != nil { current = "substitute" }
            else if attendance.apologies.contains(member.id) { current = "apologies" }
            // Nobody is presumed present: until attendance is recorded every choice is empty.
            else { current = meeting.status == .held ? "absent" : "" }
            let choices = AttendanceFormView.options.enumerated().map { index, option in
                Choice(value: option.0, label: option.1, selected: option.0 == current,
                       id: index == 0 ? field : "\(field)-\(option.0)")
            }
            return Attendee(attendeeName: member.name, attendeeRole: [member.role, member.membership.word].filter { !$0.isEmpty }.joined(separator: " · "),
                            attendeeField: field, attendeeChoices: choices, substituteField: "sub-\(member.id)",
                            substituteID: "sub-\(member.id)",
                            substituteName: fields?["sub-\(member.id)"] ?? attendance.substitution(for: member.id)?.substituteName ?? "",
                            attendeeError: problems.message(field) ?? problems.message("sub-\(member.id)"))
        }
        alsoInAttendance = fields?["also"] ?? attendance.alsoInAttendance.map(\.text).joined(separator: "\n")
        alsoError = problems.message("attendance-also")
    }

    /// The attendance to record, or the problems.
    static func validated(_ fields: FormFields, board: Board) -> Result<Attendance, ProblemList> {
        var problems = FormProblems()
        var attendance = Attendance()
        for member in board.members where member.membership != .substitute {
            let field = "attend-\(member.id)"
            switch fields.trimmed(field) ?? "" {
            case "present": attendance.present.append(member.id)
            case "apologies": attendance.apologies.append(member.id)
            case "substitute":
                attendance.apologies.append(member.id)
                if let name = fields.trimmed("sub-\(member.id)") {
                    let named = board.members.first { $0.membership == .substitute && $0.name.caseInsensitiveCompare(name) == .orderedSame }
                    attendance.substitutes.append(.init(forMemberID: member.id, substituteName: name, substituteMemberID: named?.id))
                } else {
                    problems.add("sub-\(member.id)", "Enter the name of \(member.name)'s substitute")
                }
            case "absent": break
            case "": problems.add(field, "Choose whether \(member.name) was present, sent apologies or was absent")
            default: problems.add(field, "Choose whether \(member.name) was present")
            }
        }
        for line in (fields["also"] ?? "").components(separatedBy: .newlines) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let parts = trimmed.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            attendance.alsoInAttendance.append(.init(name: parts[0], role: parts.count > 1 ? parts[1] : ""))
        }
        if attendance.alsoInAttendance.count > 100 { problems.add("attendance-also", "List 100 people or fewer as also in attendance") }
        guard problems.isEmpty else { return .failure(ProblemList(problems: problems)) }
        return .success(attendance)
    }
}

// MARK: - A minute

struct MinuteFormView: Sendable {
    var minutePostTo: String
    var minuteVersion: String
    var minuteItem: String
    var minuteFieldPrefix: String
    var minuteNarrative: String
    var minuteResolutionsText: String
    var minuteLocked: Bool
    var minuteReason: String
    var minuteNarrativeError: String?
    var minuteResolutionsError: String?
    var minuteReasonError: String?

    init(meeting: Meeting, item: AgendaItem, fields: FormFields? = nil, problems: FormProblems = FormProblems()) {
        minutePostTo = Path.meetingMinutes(meeting.id).href
        minuteVersion = String(meeting.version)
        minuteItem = String(item.number)
        let prefix = "minute-\(item.number)"
        minuteFieldPrefix = prefix
        minuteNarrative = fields?["narrative"] ?? item.minute?.narrative ?? ""
        minuteResolutionsText = fields?["resolutions"] ?? (item.minute?.resolutions ?? []).joined(separator: "\n")
        minuteLocked = meeting.minutesStatus.isLocked
        minuteReason = fields?["reason"] ?? ""
        minuteNarrativeError = problems.message(prefix + "-narrative")
        minuteResolutionsError = problems.message(prefix + "-resolutions")
        minuteReasonError = problems.message(prefix + "-reason")
    }

    struct Input: Sendable {
        var itemNumber: Int
        var narrative: String
        var resolutions: [String]
        var reason: String
    }

    /// Resolutions one a line; "Resolved:" is dropped and "that" added where the clerk left it out.
    static func resolutions(_ text: String) -> [String] {
        text.components(separatedBy: .newlines).compactMap { line in
            var value = line.trimmingCharacters(in: .whitespaces)
            if value.lowercased().hasPrefix("resolved:") { value = String(value.dropFirst("resolved:".count)).trimmingCharacters(in: .whitespaces) }
            if value.lowercased().hasPrefix("resolved") { value = String(value.dropFirst("resolved".count)).trimmingCharacters(in: .whitespaces) }
            guard !value.isEmpty else { return nil }
            return value.lowercased().hasPrefix("that ") ? "that " + value.dropFirst(5) : "that " + value
        }
    }

    static func validated(_ fields: FormFields, meeting: Meeting) -> Result<Input, ProblemList> {
        var problems = FormProblems()
        guard let number = fields.trimmed("item").flatMap(Int.init), meeting.agenda.contains(where: { $0.number == number }) else {
            problems.add("agenda", "Choose an item of this meeting's agenda")
            return .failure(ProblemList(problems: problems))
        }
        let prefix = "minute-\(number)"
        let narrative = (fields["narrative"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let resolutions = resolutions(fields["resolutions"] ?? "")
        if narrative.isEmpty && resolutions.isEmpty { problems.add(prefix + "-narrative", "Enter the minute of item \(number): what was discussed, or what was resolved") }
        if narrative.count > 50_000 { problems.add(prefix + "-narrative", "The minute must be 50,000 characters or fewer") }
        let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if meeting.minutesStatus.isLocked && reason.isEmpty {
            problems.add(prefix + "-reason", "The minutes are \(meeting.minutesStatus.inSentence); enter the reason for changing them")
        }
        if meeting.status != .held { problems.add(prefix + "-narrative", "Record the attendance (which marks the meeting as held) before writing its minutes") }
        guard problems.isEmpty else { return .failure(ProblemList(problems: problems)) }
        return .success(Input(itemNumber: number, narrative: narrative, resolutions: resolutions, reason: reason))
    }
}

// MARK: - Raise an action point

struct NewActionPointFormView: Sendable {
    var newPointPostTo: String
    var newPointItems: [Choice]
    var newPointText: String
    var newPointOwner: String
    var newPointDueChoices: [Choice]
    var newPointDate: DateInputView
    var newPointMeetings: [Choice]
    var hasLaterMeetings: Bool
    var newPointItemError: String?
    var newPointTextError: String?
    var newPointOwnerError: String?
    var newPointDueError: String?

    init(meeting: Meeting, later: [Meeting], fields: FormFields? = nil, problems: FormProblems = FormProblems()) {
        newPointPostTo = Path.meetingActionPoints(meeting.id).href
        let chosenItem = fields?["item"] ?? meeting.agenda.first { $0.kind == .business }.map { String($0.number) } ?? ""
        newPointItems = meeting.agenda.map { Choice(value: String($0.number), label: "\($0.number). \($0.title)", selected: String($0.number) == chosenItem) }
        newPointText = fields?["text"] ?? ""
        newPointOwner = fields?["owner"] ?? ""
        let due = fields?["due"] ?? (later.isEmpty ? "date" : "meeting")
        newPointDueChoices = [("meeting", "At a later meeting"), ("date", "By a date"), ("none", "No due date")].enumerated().map { index, option in
            Choice(value: option.0, label: option.1, selected: option.0 == due, id: index == 0 ? "new-point-due" : "new-point-due-\(option.0)")
        }
        newPointDate = DateInputView(id: "new-point-date", name: "due-", fields?.date("due-") ?? DateField(day: "", month: "", year: ""), problems: problems)
        let chosenMeeting = fields?["due-meeting"] ?? later.first.map { String($0.id) } ?? ""
        newPointMeetings = later.map { Choice(value: String($0.id), label: $0.date.formattedLong, selected: String($0.id) == chosenMeeting) }
        hasLaterMeetings = !later.isEmpty
        newPointItemError = problems.message("new-point-item")
        newPointTextError = problems.message("new-point-text")
        newPointOwnerError = problems.message("new-point-owner")
        newPointDueError = problems.message("new-point-due") ?? problems.message("new-point-date")
    }

    static func validated(_ fields: FormFields, meeting: Meeting, later: [Meeting]) -> Result<ActionPoint, ProblemList> {
        var problems = FormProblems()
        let item = fields.trimmed("item").flatMap(Int.init)
        if item == nil || !meeting.agenda.contains(where: { $0.number == item }) { problems.add("new-point-item", "Choose the agenda item the action point was raised at") }
        let text = fields.trimmed("text") ?? ""
        if text.isEmpty { problems.add("new-point-text", "Enter what the action point asks for") }
        else if text.count > 5_000 { problems.add("new-point-text", "The action point must be 5,000 characters or fewer") }
        let owner = fields.trimmed("owner") ?? ""
        if owner.isEmpty { problems.add("new-point-owner", "Enter who owns the action point, a name or a role") }
        else if owner.count > 300 { problems.add("new-point-owner", "The owner must be 300 characters or fewer") }
        var due: ActionPoint.Due?
        switch fields.trimmed("due") ?? "none" {
        case "meeting":
            if let id = fields.trimmed("due-meeting").flatMap(Int64.init), later.contains(where: { $0.id == id }) { due = .meeting(id: id) }
            else { problems.add("new-point-due", "Choose a later meeting of the board") }
        case "date":
            if let day = fields.date("due-").read(name: "Due date", latest: nil, id: "new-point-date", into: &problems) { due = .date(day) }
        case "none": break
        default: problems.add("new-point-due", "Choose when the action point is due")
        }
        guard problems.isEmpty, let item else { return .failure(ProblemList(problems: problems)) }
        return .success(ActionPoint(boardID: meeting.boardID, raisedAtMeetingID: meeting.id, raisedAtItem: item, text: text, owner: owner, due: due))
    }
}

// MARK: - Update an action point

struct ActionPointUpdateFormView: Sendable {
    var updatePostTo: String
    var updateVersion: String
    var updateReturn: String
    var updatePrefix: String
    var updateStatusChoices: [Choice]
    var updateNote: String
    /// Who the update will be recorded as: the signed-in person, never a typed name.
    var updateBy: String
    var updateDate: DateInputView
    var updateMeetings: [Choice]
    var updateHasMeetings: Bool
    var updateStatusError: String?
    var updateNoteError: String?
    var updateDateError: String?

    static func slug(_ status: ActionPoint.Status) -> String { status.rawValue.replacingOccurrences(of: " ", with: "-") }

    init(point: ActionPoint, returnTo: String, later: [Meeting], today: Day, by author: String,
         fields: FormFields? = nil, problems: FormProblems = FormProblems()) {
        updatePostTo = Path.actionPointUpdates(point.id).href
        updateVersion = String(point.version)
        updateReturn = returnTo
        let prefix = "point-\(point.id)"
        updatePrefix = prefix
        let chosen = fields?["status"] ?? ""
        updateStatusChoices = [Choice(value: "", label: "No change (\(point.status.word))", selected: chosen.isEmpty)]
            + [ActionPoint.Status.done, .carriedForward, .noLongerRequired, .open].map {
                Choice(value: Self.slug($0), label: $0.word, selected: Self.slug($0) == chosen)
            }
        updateNote = fields?["note"] ?? ""
        updateBy = author
        updateDate = DateInputView(id: prefix + "-date", fields?.date("") ?? DateField(today), problems: problems)
        let chosenMeeting = fields?["carry-to"] ?? ""
        updateMeetings = later.map { Choice(value: String($0.id), label: $0.date.formattedLong, selected: String($0.id) == chosenMeeting) }
        updateHasMeetings = !later.isEmpty
        updateStatusError = problems.message(prefix + "-status")
        updateNoteError = problems.message(prefix + "-note")
        updateDateError = problems.message(prefix + "-date")
    }

    enum Change: Sendable {
        case note(ActionPoint.Update)
        /// Status, day, note.
        case close(ActionPoint.Status, Day, String)
        /// Meeting, day, note.
        case carryForward(Meeting, Day, String)
    }

    /// `author` and `role` are the signed-in person's: an `author` field in the form is ignored.
    static func validated(_ fields: FormFields, point: ActionPoint, later: [Meeting], today: Day,
                          author: String, role: String) -> Result<Change, ProblemList> {
        var problems = FormProblems()
        let prefix = "point-\(point.id)"
        let note = (fields["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 20_000 { problems.add(prefix + "-note", "The note must be 20,000 characters or fewer") }
        let day = fields.date("").read(name: "Date of the update", latest: today, id: prefix + "-date", into: &problems)
        let statusSlug = fields.trimmed("status") ?? ""
        let status = ActionPoint.Status.allCases.first { slug($0) == statusSlug }
        if !statusSlug.isEmpty && status == nil { problems.add(prefix + "-status", "Choose a status from the list") }
        var carryTo: Meeting?
        if status == .carriedForward {
            carryTo = fields.trimmed("carry-to").flatMap(Int64.init).flatMap { id in later.first { $0.id == id } }
            if carryTo == nil { problems.add(prefix + "-status", "Choose the later meeting to carry the action point forward to") }
        }
        if (status == nil || status == .done || status == .noLongerRequired || status == .open) && note.isEmpty {
            problems.add(prefix + "-note", status == .done ? "Say what was done" : (status == .noLongerRequired ? "Say why the action point is no longer required" : "Enter the update"))
        }
        guard problems.isEmpty, let day else { return .failure(ProblemList(problems: problems)) }
        switch status {
        case .carriedForward:
            guard let carryTo else { return .failure(ProblemList(problems: problems)) }
            return .success(.carryForward(carryTo, day, note))
        case let .some(closing) where closing == .done || closing == .noLongerRequired: return .success(.close(closing, day, note))
        case .some: return .success(.note(ActionPoint.Update(date: day, author: author, authorRole: role, text: note, status: .open)))
        case nil: return .success(.note(ActionPoint.Update(date: day, author: author, authorRole: role, text: note)))
        }
    }
}
