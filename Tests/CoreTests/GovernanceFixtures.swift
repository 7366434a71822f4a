@testable import Core

/// A Corporate Parenting Board and its calendar for the governance rule tests.
enum GovernanceFixture {
    static let boardID: Int64 = 7

    static func board(numbering: MinuteNumbering = .running(from: 179)) -> Board {
        Board(id: boardID, organisationID: 1, name: "Corporate Parenting Board", kind: .corporateParentingBoard,
              chairID: 1, viceChairID: 2,
              members: [
                  BoardMember(id: 1, name: "Cllr Amina Patel", role: "Cabinet Member for Children's Services",
                              organisation: "Northshire County Council"),
                  BoardMember(id: 2, name: "Cllr Tom Reid", role: "Councillor", organisation: "Northshire County Council"),
                  BoardMember(id: 3, name: "Cllr Sue Hill", role: "Councillor", organisation: "Northshire County Council"),
                  BoardMember(id: 4, name: "Priya Shah", role: "Care leaver representative", membership: .coopted),
                  BoardMember(id: 5, name: "Cllr Ben Ward", role: "Councillor", membership: .substitute),
                  BoardMember(id: 6, name: "Dr Helen Moss", role: "Designated Nurse for Looked After Children",
                              organisation: "NHS Northshire ICB", joinedOn: Day(2024, 10, 1)),
              ],
              meetingFrequency: .everyTwoMonths, minuteNumbering: numbering)
    }

    static func meeting(_ id: Int64, _ date: Day, _ status: Meeting.Status = .scheduled, agenda: [AgendaItem] = [],
                        attendance: Attendance = Attendance()) -> Meeting {
        Meeting(id: id, boardID: boardID, date: date, time: MeetingTime("18:00"), venue: "Council Chamber, County Hall",
                status: status, agenda: agenda, attendance: attendance)
    }

    /// The 2024-25 calendar: every two months from May, the January meeting cancelled.
    static let calendar: [Meeting] = [
        meeting(1, Day(2024, 5, 14), .held),
        meeting(2, Day(2024, 7, 9), .held),
        meeting(3, Day(2024, 9, 10), .held),
        meeting(4, Day(2024, 11, 12)),
        meeting(5, Day(2025, 1, 14), .cancelled),
        meeting(6, Day(2025, 3, 11)),
    ]

    static func items(_ titles: [String]) -> [AgendaItem] {
        titles.enumerated().map { AgendaItem(number: $0.offset + 1, title: $0.element) }
    }
}
