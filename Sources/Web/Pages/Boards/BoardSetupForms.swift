import Core
import Foundation

// The clerk's forms for the board itself: its details, its members, and its work programme.
// Each is shown again with what was typed and the errors beside the fields. Field names are
// distinct per form because a Mustache lookup that misses climbs to the enclosing object.

/// What a failed board form puts back on the board page.
struct BoardSetupForms: Sendable {
    enum Form: Sendable, Equatable {
        case details
        /// nil: the "add a member" form.
        case member(Int64?)
        /// nil: the "add an item" form.
        case item(Int64?)
        case none
    }

    var form: Form = .none
    var fields: FormFields?
    var problems = FormProblems()
    var errorIntro: String?

    func fields(for form: Form) -> FormFields? { self.form == form ? fields : nil }
    func problems(for form: Form) -> FormProblems { self.form == form ? problems : FormProblems() }
}

// MARK: - The board's details

struct BoardDetailsFormView: Sendable {
    struct Input: Sendable {
        var name: String
        var kind: Board.Kind
        var frequency: Board.Frequency
        var numbering: MinuteNumbering
        var termsOfReference: String
    }

    var detailsPostTo: String
    var detailsVersion: String
    var detailsName: String
    var kindChoices: [Choice]
    var frequencyChoices: [Choice]
    var numberingPrefix: String
    var numberingFirst: String
    var detailsTerms: String
    var detailsNameError: String?
    var numberingFirstError: String?
    var detailsTermsError: String?
    var detailsOpen: Bool

    init(board: Board, fields: FormFields?, problems: FormProblems) {
        detailsPostTo = Path.boardDetails(board.id).href
        detailsVersion = String(board.version)
        detailsName = fields?["name"] ?? board.name
        let kind = fields?["kind"] ?? board.kind.rawValue
        kindChoices = Board.Kind.allCases.map { Choice(value: $0.rawValue, label: $0.word, selected: $0.rawValue == kind) }
        let frequency = fields?["frequency"] ?? board.meetingFrequency.rawValue
        frequencyChoices = Board.Frequency.allCases.map { Choice(value: $0.rawValue, label: $0.word, selected: $0.rawValue == frequency) }
        numberingPrefix = fields?["prefix"] ?? board.minuteNumbering.prefix
        numberingFirst = fields?["first-number"] ?? String(board.minuteNumbering.firstNumber)
        detailsTerms = fields?["terms"] ?? board.termsOfReference
        detailsNameError = problems.message("board-name")
        numberingFirstError = problems.message("board-first-number")
        detailsTermsError = problems.message("board-terms")
        detailsOpen = fields != nil
    }

    static func validated(_ fields: FormFields) -> Result<Input, ProblemList> {
        var problems = FormProblems()
        let name = fields.trimmed("name") ?? ""
        if name.isEmpty { problems.add("board-name", "Enter the board's name, for example Corporate Parenting Board") }
        else if name.count > 300 { problems.add("board-name", "The board's name must be 300 characters or fewer") }
        let kind = fields.trimmed("kind").flatMap(Board.Kind.init(rawValue:)) ?? .other
        let frequency = fields.trimmed("frequency").flatMap(Board.Frequency.init(rawValue:)) ?? .asRequired
        let first = fields.trimmed("first-number").flatMap(Int.init)
        if first == nil || first! < 1 { problems.add("board-first-number", "Enter the first minute number as a whole number, 1 or more, like 179") }
        let terms = (fields["terms"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if terms.count > 20_000 { problems.add("board-terms", "The terms of reference must be 20,000 characters or fewer") }
        guard problems.isEmpty, let first else { return .failure(ProblemList(problems: problems)) }
        // The prefix keeps its own spacing: "CPB-41" and "CYP SC 13" both occur.
        let prefix = (fields["prefix"] ?? "").trimmingCharacters(in: .newlines).drop { $0 == " " }
        return .success(Input(name: name, kind: kind, frequency: frequency,
                              numbering: MinuteNumbering(prefix: String(prefix), firstNumber: first), termsOfReference: terms))
    }
}

// MARK: - Members

struct MemberFormView: Sendable {
    enum Position: String, Sendable, CaseIterable {
        case none, chair, vice = "vice-chair"

        var label: String {
            switch self {
            case .none: "Neither"
            case .chair: "Chair"
            case .vice: "Vice chair"
            }
        }

        var post: Board.Post? {
            switch self {
            case .none: nil
            case .chair: .chair
            case .vice: .viceChair
            }
        }
    }

    struct Input: Sendable {
        var name: String
        var role: String
        var organisation: String
        var membership: BoardMember.Membership
        var position: Position
    }

    var memberPostTo: String
    var memberVersion: String
    /// Empty for a new member.
    var memberIDValue: String
    /// Makes the inputs' ids unique on the page: `member-new`, `member-12`.
    var memberPrefix: String
    var memberLegend: String
    var memberButton: String
    var memberNameValue: String
    var memberRoleValue: String
    var memberOrganisationValue: String
    var membershipChoices: [Choice]
    var positionChoices: [Choice]
    var memberNameError: String?
    var memberRemoveError: String?
    var memberOpen: Bool
    var memberRemovePostTo: String?

    init(board: Board, member: BoardMember?, fields: FormFields?, problems: FormProblems) {
        memberPostTo = Path.boardMembers(board.id).href
        memberVersion = String(board.version)
        memberIDValue = member.map { String($0.id) } ?? ""
        let prefix = member.map { "member-\($0.id)" } ?? "member-new"
        memberPrefix = prefix
        memberLegend = member.map { "Change \($0.name)'s details" } ?? "Add a member"
        memberButton = member == nil ? "Add the member" : "Save the member"
        memberNameValue = fields?["name"] ?? member?.name ?? ""
        memberRoleValue = fields?["role"] ?? member?.role ?? ""
        memberOrganisationValue = fields?["organisation"] ?? member?.organisation ?? ""
        let membership = fields?["membership"] ?? member?.membership.rawValue ?? BoardMember.Membership.voting.rawValue
        membershipChoices = BoardMember.Membership.allCases.enumerated().map { index, option in
            Choice(value: option.rawValue, label: option.word, selected: option.rawValue == membership,
                   id: index == 0 ? "\(prefix)-membership" : "\(prefix)-membership-\(index)")
        }
        let current: Position = member.map { $0.id == board.chairID ? .chair : ($0.id == board.viceChairID ? .vice : .none) } ?? .none
        let position = fields?["position"] ?? current.rawValue
        positionChoices = Position.allCases.enumerated().map { index, option in
            Choice(value: option.rawValue, label: option.label, selected: option.rawValue == position,
                   id: index == 0 ? "\(prefix)-position" : "\(prefix)-position-\(index)")
        }
        memberNameError = problems.message("\(prefix)-name")
        memberRemoveError = problems.message("\(prefix)-remove")
        memberOpen = fields != nil || !problems.isEmpty
        memberRemovePostTo = member == nil ? nil : Path.boardMemberRemoval(board.id).href
    }

    static func validated(_ fields: FormFields, prefix: String) -> Result<Input, ProblemList> {
        var problems = FormProblems()
        let name = fields.trimmed("name") ?? ""
        if name.isEmpty { problems.add("\(prefix)-name", "Enter the member's name, for example Cllr Amina Patel") }
        else if name.count > 200 { problems.add("\(prefix)-name", "The member's name must be 200 characters or fewer") }
        let membership = fields.trimmed("membership").flatMap(BoardMember.Membership.init(rawValue:)) ?? .voting
        let position = fields.trimmed("position").flatMap(Position.init(rawValue:)) ?? .none
        guard problems.isEmpty else { return .failure(ProblemList(problems: problems)) }
        return .success(Input(name: name, role: String((fields.trimmed("role") ?? "").prefix(300)),
                              organisation: String((fields.trimmed("organisation") ?? "").prefix(300)),
                              membership: membership, position: position))
    }

    /// Adds the member (`id` nil) or changes them, and moves the chair or vice chair to them.
    static func apply(_ input: Input, memberID id: Int64?, to board: inout Board) throws(ValidationError) {
        let memberID: Int64
        if let id {
            guard let index = board.members.firstIndex(where: { $0.id == id }) else {
                throw ValidationError(field: "member", message: "That member is no longer on the board; reload the page")
            }
            board.members[index].name = input.name
            board.members[index].role = input.role
            board.members[index].organisation = input.organisation
            board.members[index].membership = input.membership
            memberID = id
        } else {
            board.members.append(BoardMember(name: input.name, role: input.role, organisation: input.organisation, membership: input.membership))
            board = board.numberingNewMembers()
            memberID = board.members[board.members.count - 1].id
        }
        board.appoint(memberID, to: input.position.post)
    }
}

// MARK: - The work programme

struct WorkProgrammeFormView: Sendable {
    struct Input: Sendable {
        var title: String
        var presenter: String
        var purpose: AgendaItem.Purpose
        var placement: WorkProgrammeItem.Placement
    }

    var itemPostTo: String
    var itemVersion: String
    var itemIDValue: String
    var itemPrefix: String
    var itemLegend: String
    var itemButton: String
    var itemTitleValue: String
    var itemPresenterValue: String
    var purposeChoices: [Choice]
    var whenChoices: [Choice]
    var itemMeetingChoices: [Choice]
    var monthChoices: [Choice]
    var itemTitleError: String?
    var itemWhenError: String?
    var itemOpen: Bool
    var itemRemovePostTo: String?

    /// `coming`: the board's meetings from today that are not cancelled, for a planned item.
    init(boardID: Int64, item: WorkProgrammeItem?, coming: [Meeting], fields: FormFields?, problems: FormProblems) {
        itemPostTo = Path.workProgramme(boardID).href
        itemVersion = item.map { String($0.version) } ?? ""
        itemIDValue = item.map { String($0.id) } ?? ""
        let prefix = item.map { "item-\($0.id)" } ?? "item-new"
        itemPrefix = prefix
        itemLegend = item.map { "Change \($0.title)" } ?? "Add an item to the work programme"
        itemButton = item == nil ? "Add the item" : "Save the item"
        itemTitleValue = fields?["title"] ?? item?.title ?? ""
        itemPresenterValue = fields?["presenter"] ?? item?.presenter ?? ""
        let purpose = fields?["purpose"] ?? item?.purpose.rawValue ?? AgendaItem.Purpose.discussion.rawValue
        purposeChoices = AgendaItem.Purpose.allCases.map { Choice(value: $0.rawValue, label: $0.word, selected: $0.rawValue == purpose) }

        var when = "meeting", meeting = coming.first.map { "m-\($0.id)" } ?? "", month = "11"
        var meetings = coming.map { Choice(value: "m-\($0.id)", label: $0.date.formattedLong, selected: false) }
        switch item?.placement {
        case let .meeting(id)?:
            meeting = "m-\(id)"
            if !coming.contains(where: { $0.id == id }) { meetings.insert(Choice(value: meeting, label: "An earlier meeting (as now)", selected: false), at: 0) }
        case let .meetingOn(day)?:
            meeting = "d-\(day.iso)"
            meetings.insert(Choice(value: meeting, label: "\(day.formattedLong) (not yet on the calendar)", selected: false), at: 0)
        case .standing(.everyMeeting)?: when = "every"
        case .standing(.quarterly)?: when = "quarterly"
        case let .standing(.annually(m))?: (when, month) = ("annually", String(m))
        case nil: break
        }
        when = fields?["when"] ?? when
        meeting = fields?["meeting"] ?? meeting
        month = fields?["month"] ?? month
        itemMeetingChoices = meetings.map { Choice(value: $0.value, label: $0.label, selected: $0.value == meeting) }
        whenChoices = [("meeting", "At one meeting"), ("every", "Every meeting"), ("quarterly", "Quarterly: the first meeting of each financial quarter"),
                       ("annually", "Once a year, at the first meeting in a month")].enumerated().map { index, option in
            Choice(value: option.0, label: option.1, selected: option.0 == when, id: index == 0 ? "\(prefix)-when" : "\(prefix)-when-\(option.0)")
        }
        monthChoices = Day.monthNames.enumerated().map { Choice(value: String($0.offset + 1), label: $0.element, selected: String($0.offset + 1) == month) }
        itemTitleError = problems.message("\(prefix)-title")
        itemWhenError = problems.message("\(prefix)-when")
        itemOpen = fields != nil || !problems.isEmpty
        itemRemovePostTo = item == nil ? nil : Path.workProgrammeRemoval(boardID).href
    }

    static func validated(_ fields: FormFields, prefix: String, meetings: [Meeting]) -> Result<Input, ProblemList> {
        var problems = FormProblems()
        let title = fields.trimmed("title") ?? ""
        if title.isEmpty { problems.add("\(prefix)-title", "Enter the item's title, for example IRO annual report") }
        else if title.count > 300 { problems.add("\(prefix)-title", "The title must be 300 characters or fewer") }
        let purpose = fields.trimmed("purpose").flatMap(AgendaItem.Purpose.init(rawValue:)) ?? .discussion
        var placement: WorkProgrammeItem.Placement?
        switch fields.trimmed("when") {
        case "meeting":
            let chosen = fields.trimmed("meeting") ?? ""
            if chosen.hasPrefix("m-"), let id = Int64(chosen.dropFirst(2)), meetings.contains(where: { $0.id == id && $0.status != .cancelled }) {
                placement = .meeting(id: id)
            } else if chosen.hasPrefix("d-"), let day = Day(iso: String(chosen.dropFirst(2))) {
                placement = .meetingOn(day)
            } else {
                problems.add("\(prefix)-when", "Choose the meeting the item goes to, or a rule for a standing item")
            }
        case "every": placement = .standing(.everyMeeting)
        case "quarterly": placement = .standing(.quarterly)
        case "annually":
            if let month = fields.trimmed("month").flatMap(Int.init), (1...12).contains(month) { placement = .standing(.annually(month: month)) }
            else { problems.add("\(prefix)-when", "Choose the month the item comes back in each year") }
        default: problems.add("\(prefix)-when", "Choose when the item comes to the board")
        }
        guard problems.isEmpty, let placement else { return .failure(ProblemList(problems: problems)) }
        return .success(Input(title: title, presenter: String((fields.trimmed("presenter") ?? "").prefix(300)), purpose: purpose, placement: placement))
    }
}

/// A work programme item as the clerk's list shows it, with its form.
struct ProgrammeItemRow: Sendable {
    var programmeTitle: String
    var programmePlacement: String
    var programmeForm: WorkProgrammeFormView

    static func placementText(_ placement: WorkProgrammeItem.Placement, meetings: [Int64: Meeting]) -> String {
        switch placement {
        case let .meeting(id): meetings[id].map { "The meeting on \($0.date.formattedLong)" } ?? "A meeting no longer on the calendar"
        case let .meetingOn(day): "The meeting on \(day.formattedLong) (not yet on the calendar)"
        case let .standing(rule): rule.text
        }
    }
}
