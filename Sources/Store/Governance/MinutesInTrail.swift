import Core

/// A meeting's minutes as the audit trail records them when they are numbered or approved: the
/// status and numbers a clerk or an auditor looks for first, then each item's minute.
struct MinutesInTrail: Encodable {
    struct ItemMinute: Encodable {
        /// The agenda item's number, which a minute keeps whatever its own number.
        var item: Int
        var minute: AgendaItem.Minute
    }

    /// "Draft", "Approved on 18 Nov 2024".
    var status: String
    /// "179, 180, 181"; nil until the minutes are numbered.
    var numbers: String?
    var minutes: [ItemMinute]

    init(_ meeting: Meeting) {
        status = meeting.minutesStatus.text
        let labels = meeting.agenda.compactMap { $0.minute?.number == nil ? nil : $0.minute?.label }
        numbers = labels.isEmpty ? nil : labels.joined(separator: ", ")
        minutes = meeting.agenda.compactMap { item in item.minute.map { ItemMinute(item: item.number, minute: $0) } }
    }
}
