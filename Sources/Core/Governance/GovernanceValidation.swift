import Foundation

/// What must hold before a board, meeting, action point or work programme item is stored. Each
/// error names the field and says, in a clerk's words, what to do.
public enum GovernanceValidation {
    static func isBlank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    public static func errors(in board: Board) -> [ValidationError] {
        var errors: [ValidationError] = []
        if isBlank(board.name) {
            errors.append(.init(field: "name", message: "Enter the board's name, for example Corporate Parenting Board"))
        }
        var ids = Set<Int64>()
        for (index, member) in board.members.enumerated() {
            if isBlank(member.name) {
                errors.append(.init(field: "members[\(index)].name", message: "Enter the name of member \(index + 1)"))
            }
            if member.id != 0, !ids.insert(member.id).inserted {
                errors.append(.init(field: "members[\(index)].id", message: "Two members share the number \(member.id)"))
            }
            if let joined = member.joinedOn, let left = member.leftOn, left < joined {
                errors.append(.init(field: "members[\(index)].leftOn", message: "\(member.name) must leave the board on or after the day they joined"))
            }
        }
        if let chair = board.chairID, board.member(id: chair) == nil {
            errors.append(.init(field: "chairID", message: "Choose the chair from the board's members"))
        }
        if let vice = board.viceChairID, board.member(id: vice) == nil {
            errors.append(.init(field: "viceChairID", message: "Choose the vice chair from the board's members"))
        }
        if let chair = board.chairID, chair == board.viceChairID {
            errors.append(.init(field: "viceChairID", message: "The vice chair must be someone other than the chair"))
        }
        if board.minuteNumbering.firstNumber < 1 {
            errors.append(.init(field: "minuteNumbering", message: "Minute numbers start at 1 or more"))
        }
        return errors
    }

    public static func errors(in meeting: Meeting, board: Board) -> [ValidationError] {
        var errors: [ValidationError] = []
        if meeting.boardID != board.id {
            errors.append(.init(field: "boardID", message: "The meeting belongs to another board"))
        }
        var numbers = Set<Int>()
        for (index, item) in meeting.agenda.enumerated() {
            let prefix = "agenda[\(index)]."
            if isBlank(item.title) {
                errors.append(.init(field: prefix + "title", message: "Enter the title of agenda item \(item.number)"))
            }
            if item.number < 1 || !numbers.insert(item.number).inserted {
                errors.append(.init(field: prefix + "number", message: "Agenda item numbers must be 1 or more and used once (item \(item.number))"))
            }
            if let pages = item.pages, pages.first < 1 || pages.last < pages.first {
                errors.append(.init(field: prefix + "pages", message: "The pages of item \(item.number) must run from a first page to the same or a later page"))
            }
            for paper in item.papers {
                if case let .document(name) = paper, isBlank(name) {
                    errors.append(.init(field: prefix + "papers", message: "Give every document on item \(item.number) a name"))
                }
            }
            if let minute = item.minute, minute.resolutions.contains(where: isBlank) {
                errors.append(.init(field: prefix + "minute.resolutions", message: "Remove the empty resolution from item \(item.number), or write it out"))
            }
        }
        let sorted = meeting.agenda.map(\.number)
        if sorted != sorted.sorted() {
            errors.append(.init(field: "agenda", message: "Put the agenda items in number order"))
        }

        let attendance = meeting.attendance
        if meeting.status == .cancelled, !(attendance.present.isEmpty && attendance.substitutes.isEmpty) {
            errors.append(.init(field: "attendance", message: "A cancelled meeting has no one present; clear the attendance or mark the meeting as held"))
        }
        if meeting.status == .cancelled, meeting.agenda.contains(where: { $0.minute.map { !isBlank($0.narrative) || !$0.resolutions.isEmpty } ?? false }) {
            errors.append(.init(field: "status", message: "A cancelled meeting has no minutes; remove them or mark the meeting as held"))
        }
        let named = attendance.present + attendance.apologies + attendance.substitutes.map(\.forMemberID)
        for id in Set(named).sorted() where board.member(id: id) == nil {
            errors.append(.init(field: "attendance", message: "Member \(id) is not on the board; choose from its members"))
        }
        for id in Set(attendance.present).intersection(attendance.apologies).sorted() {
            errors.append(.init(field: "attendance.apologies", message: "\(board.name(of: id)) is recorded both as present and as sending apologies"))
        }
        var substituted = Set<Int64>()
        for substitution in attendance.substitutes {
            if isBlank(substitution.substituteName) {
                errors.append(.init(field: "attendance.substitutes", message: "Enter the name of \(board.name(of: substitution.forMemberID))'s substitute"))
            }
            if attendance.present.contains(substitution.forMemberID) {
                errors.append(.init(field: "attendance.substitutes", message: "\(board.name(of: substitution.forMemberID)) is present, so cannot also have a substitute"))
            }
            if !substituted.insert(substitution.forMemberID).inserted {
                errors.append(.init(field: "attendance.substitutes", message: "\(board.name(of: substitution.forMemberID)) has more than one substitute"))
            }
        }
        for attendee in attendance.alsoInAttendance where isBlank(attendee.name) {
            errors.append(.init(field: "attendance.alsoInAttendance", message: "Enter the name of everyone also in attendance"))
        }
        if meeting.minutesStatus.isLocked, meeting.status != .held {
            errors.append(.init(field: "minutesStatus", message: "Only the minutes of a held meeting can be approved or locked"))
        }
        for amendment in meeting.minutesAmendments where isBlank(amendment.reason) {
            errors.append(.init(field: "minutesAmendments", message: "Every change to approved minutes needs its reason"))
        }
        return errors
    }

    public static func errors(in point: ActionPoint) -> [ValidationError] {
        var errors: [ValidationError] = []
        if isBlank(point.text) {
            errors.append(.init(field: "text", message: "Enter what the action point asks for"))
        }
        if isBlank(point.owner) {
            errors.append(.init(field: "owner", message: "Enter who owns the action point, a name or a role"))
        }
        if point.raisedAtItem < 1 {
            errors.append(.init(field: "raisedAtItem", message: "Enter the number of the agenda item the action point was raised at"))
        }
        for (index, update) in point.updates.enumerated() {
            errors += self.errors(in: update).map { .init(field: "updates[\(index)].\($0.field)", message: $0.message) }
        }
        return errors
    }

    public static func errors(in update: ActionPoint.Update) -> [ValidationError] {
        var errors: [ValidationError] = []
        if isBlank(update.text) {
            errors.append(.init(field: "text", message: "Enter the update"))
        } else if update.text.count > 20_000 {
            errors.append(.init(field: "text", message: "The update must be 20,000 characters or fewer"))
        }
        if isBlank(update.author) {
            errors.append(.init(field: "author", message: "Enter who is giving the update"))
        }
        return errors
    }

    public static func errors(in item: WorkProgrammeItem) -> [ValidationError] {
        var errors: [ValidationError] = []
        if isBlank(item.title) {
            errors.append(.init(field: "title", message: "Enter the item's title, for example IRO annual report"))
        }
        if case let .standing(.annually(month)) = item.placement, !(1...12).contains(month) {
            errors.append(.init(field: "placement", message: "Choose the month the annual item comes to the board"))
        }
        return errors
    }
}
