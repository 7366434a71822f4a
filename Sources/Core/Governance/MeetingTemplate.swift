/// The agenda a new meeting starts from, so the clerk edits rather than retypes it:
///
/// 1. Apologies and substitutes
/// 2. Declarations of interest
/// 3. Minutes of the last meeting (naming its date)
/// 4. Review of previous action points
/// 5. … the work programme's items for the meeting, planned items then standing items
/// then the work programme, and future meeting dates (listing the board's later meetings).
public enum MeetingTemplate {
    /// The template agenda for `meeting`, given the board's other meetings and its work programme.
    public static func agenda(for meeting: Meeting, board: Board, meetings: [Meeting],
                              workProgramme: WorkProgramme) -> [AgendaItem] {
        let others = meetings.filter { $0.boardID == meeting.boardID && ($0.id != meeting.id || meeting.id == 0) }
        let previous = others
            .filter { $0.status != .cancelled && $0.date < meeting.date }
            .max { ($0.date, $0.id) < ($1.date, $1.id) }
        let future = others
            .filter { $0.status != .cancelled && $0.date > meeting.date }
            .sorted { ($0.date, $0.id) < ($1.date, $1.id) }

        var items: [AgendaItem] = []
        func add(_ title: String, _ kind: AgendaItem.Kind, _ purpose: AgendaItem.Purpose, presenter: String = "",
                 detail: String = "", papers: [AgendaItem.Paper] = [], from workItem: Int64? = nil) {
            items.append(AgendaItem(number: items.count + 1, title: title, presenter: presenter, purpose: purpose,
                                    kind: kind, detail: detail, papers: papers, workProgrammeItemID: workItem))
        }
        let chair = board.chair.map { "Chair (\($0.name))" } ?? "Chair"
        add("Apologies and substitutes", .apologies, .noting, presenter: chair)
        add("Declarations of interest", .declarationsOfInterest, .noting, presenter: chair,
            detail: "Members to declare any interest in an item on the agenda.")
        add(previous.map { "Minutes of the meeting held on \($0.date.formattedLong)" } ?? "Minutes of the last meeting",
            .minutesOfLastMeeting, .decision, presenter: chair,
            detail: "To approve the minutes as a correct record.")
        add("Review of previous action points", .reviewOfActionPoints, .discussion, presenter: chair,
            detail: "Open and carried-forward action points, overdue ones first.")
        for item in workProgramme.items(for: meeting, calendar: others) {
            add(item.title, .business, item.purpose, presenter: item.presenter, detail: item.notes, papers: item.papers,
                from: item.id)
        }
        add("Work programme", .workProgramme, .noting, presenter: chair,
            detail: "To note the items planned for future meetings.")
        add("Future meeting dates", .futureMeetingDates, .information,
            detail: future.isEmpty ? "To be confirmed." : future.map { $0.date.formattedLong }.joined(separator: "; "))
        return items
    }
}
