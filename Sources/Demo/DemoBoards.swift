import Core

/// The demo council's boards: an Improvement Board that meets monthly and a Corporate Parenting
/// Board that meets every two months, each with a year of meetings laid out around the day the
/// demo is loaded (the past ones held, with attendance, numbered minutes approved at the next
/// meeting and action points; one cancelled; the next ones scheduled from the template), and a
/// work programme with standing items. The Improvement Board's standing item brings the demo
/// plan's progress report and KPI scorecard. Nothing is random: the same day gives the same demo.
public enum DemoBoards {
    public static let improvementBoardName = "Northmoor Children's Services Improvement Board"
    public static let corporateParentingBoardName = "Northmoor Corporate Parenting Board"

    /// Stores both boards with their meetings, action points and work programmes for the
    /// organisation, as at `today`. `planID` is the plan whose papers the boards receive.
    @discardableResult
    public static func load(into store: any BoardStore, organisationID: Int64, planID: Int64?, asAt today: Day) async throws -> [Board] {
        let improvement = try await loadBoard(improvementBoard(organisationID: organisationID), into: store,
                                              programme: improvementProgramme(planID: planID, today: today),
                                              dates: improvementDates(asAt: today), cancelledIndex: 6,
                                              organisationID: organisationID, today: today)
        let parenting = try await loadBoard(corporateParentingBoard(organisationID: organisationID), into: store,
                                            programme: parentingProgramme(planID: planID),
                                            dates: parentingDates(asAt: today), cancelledIndex: nil,
                                            organisationID: organisationID, today: today)
        return [improvement, parenting]
    }

    // MARK: - Calendars

    /// The `n`th `weekday` (1 = Monday) of a month.
    static func nthWeekday(_ n: Int, _ weekday: Int, year: Int, month: Int) -> Day {
        let first = Day(year, month, 1)
        let offset = (weekday - first.weekday + 7) % 7
        return first.adding(days: offset + 7 * (n - 1))
    }

    /// The second Tuesday of each month, from ten months before `today`'s month to two after.
    static func improvementDates(asAt today: Day) -> [Day] {
        (-10...2).map { k in
            let month = today.firstOfMonth.adding(months: k)
            return nthWeekday(2, 2, year: month.year, month: month.month)
        }
    }

    /// The third Thursday of every odd month (January, March … November, so the November
    /// meeting takes the IRO annual report), from about eleven months before `today` to three after.
    static func parentingDates(asAt today: Day) -> [Day] {
        (-11...3).compactMap { k in
            let month = today.firstOfMonth.adding(months: k)
            guard month.month % 2 == 1 else { return nil }
            return nthWeekday(3, 4, year: month.year, month: month.month)
        }
    }

    // MARK: - Boards

    static func improvementBoard(organisationID: Int64) -> Board {
        let council = "Northmoor Borough Council"
        let members: [BoardMember] = [
            BoardMember(id: 1, name: "Dr Helen Marsh", role: "Independent Chair", organisation: "Appointed by the Department for Education"),
            BoardMember(id: 2, name: "Cllr Amina Patel", role: "Cabinet Member for Children's Services", organisation: council),
            BoardMember(id: 3, name: "Sarah Okafor", role: "Chief Executive", organisation: council),
            BoardMember(id: 4, name: "Mark Fenwick", role: "Director of Children's Services", organisation: council),
            BoardMember(id: 5, name: "Det Supt Laura Briggs", role: "Head of Public Protection", organisation: "Northmoor Police"),
            BoardMember(id: 6, name: "Priya Shah", role: "Chief Nurse", organisation: "Northmoor Integrated Care Board"),
            BoardMember(id: 7, name: "Tom Hughes", role: "Headteacher representative", organisation: "Northmoor Schools Forum"),
            BoardMember(id: 8, name: "Cllr Daniel Reeve", role: "Opposition spokesperson for children", organisation: council),
            BoardMember(id: 9, name: "Jordan Ellis", role: "Care leaver representative", organisation: "Northmoor Children in Care Council",
                        membership: .coopted),
            BoardMember(id: 10, name: "Cllr Fiona Grant", role: "Named substitute for the Cabinet Member", organisation: council,
                        membership: .substitute),
        ]
        return Board(organisationID: organisationID, name: improvementBoardName, kind: .improvementBoard, chairID: 1, viceChairID: 2,
                     members: members,
                     termsOfReference: """
                     The Improvement Board oversees the delivery of the council's ILACS improvement plan and holds the council and its partners to account for the pace and impact of improvement.
                     It receives a progress report and KPI scorecard at every meeting, challenges actions that are off track, and reports to the Department for Education's improvement adviser.
                     The Board meets monthly. It is quorate when the chair or vice chair and four other voting members are present.
                     """,
                     meetingFrequency: .monthly, minuteNumbering: .running(from: 179))
    }

    static func corporateParentingBoard(organisationID: Int64) -> Board {
        let council = "Northmoor Borough Council"
        let members: [BoardMember] = [
            BoardMember(id: 1, name: "Cllr Amina Patel", role: "Cabinet Member for Children's Services", organisation: council),
            BoardMember(id: 2, name: "Cllr Rachel Moore", role: "Councillor, Northmoor Central ward", organisation: council),
            BoardMember(id: 3, name: "Cllr Sue Hill", role: "Councillor, Eastfield ward", organisation: council),
            BoardMember(id: 4, name: "Cllr Imran Qureshi", role: "Councillor, Westgate ward", organisation: council),
            BoardMember(id: 5, name: "Cllr Daniel Reeve", role: "Opposition spokesperson for children", organisation: council),
            BoardMember(id: 6, name: "Mark Fenwick", role: "Director of Children's Services", organisation: council),
            BoardMember(id: 7, name: "Gemma Lloyd", role: "Head of Service, Children in Care", organisation: council),
            BoardMember(id: 8, name: "Andrew Price", role: "Headteacher, Virtual School", organisation: council),
            BoardMember(id: 9, name: "Dr Nia Evans", role: "Designated Doctor for Children in Care", organisation: "Northmoor Integrated Care Board"),
            BoardMember(id: 10, name: "Kayleigh Turner", role: "Care leaver, Children in Care Council", organisation: "Northmoor Children in Care Council",
                        membership: .coopted),
            BoardMember(id: 11, name: "Paul Adeyemi", role: "Foster carer", organisation: "Northmoor Foster Carers' Association",
                        membership: .coopted),
            BoardMember(id: 12, name: "Cllr Ben Ward", role: "Named substitute", organisation: council, membership: .substitute),
        ]
        return Board(organisationID: organisationID, name: corporateParentingBoardName, kind: .corporateParentingBoard, chairID: 1,
                     viceChairID: 2, members: members,
                     termsOfReference: """
                     The Corporate Parenting Board makes sure the council and its partners act as good parents to every child in care and care leaver in Northmoor.
                     It listens to children and young people through the Children in Care Council, monitors their health, education, placements and preparation for adulthood, and agrees the corporate parenting strategy.
                     The Board meets every two months. Its minutes go to Cabinet.
                     """,
                     meetingFrequency: .everyTwoMonths, minuteNumbering: .prefixed("CPB-", from: 41))
    }

    // MARK: - Work programmes

    static func improvementProgramme(planID: Int64?, today: Day) -> [WorkProgrammeItem] {
        let papers: [AgendaItem.Paper] = planID.map { [.planProgressReport(planID: $0), .kpiScorecard(planID: $0)] } ?? []
        let next = improvementDates(asAt: today).first { $0 >= today } ?? today
        return [
            WorkProgrammeItem(boardID: 0, title: "Improvement plan: progress report and KPI scorecard", presenter: "Director of Children's Services",
                              purpose: .discussion, placement: .standing(.everyMeeting), papers: papers,
                              notes: "Exceptions first: red and amber actions, KPIs off target, updates due."),
            WorkProgrammeItem(boardID: 0, title: "Quality assurance: audit findings", presenter: "Head of Quality Assurance",
                              purpose: .discussion, placement: .standing(.quarterly),
                              notes: "Quarterly: themes from the case audit programme and the learning taken from them."),
            WorkProgrammeItem(boardID: 0, title: "Annual self-evaluation of social work practice", presenter: "Principal Social Worker",
                              purpose: .decision, placement: .standing(.annually(month: 3)),
                              notes: "For the annual engagement meeting with Ofsted."),
            WorkProgrammeItem(boardID: 0, title: "Ofsted monitoring visit: findings and the council's response", presenter: "Director of Children's Services",
                              purpose: .discussion, placement: .meetingOn(next), notes: "Letter published after the visit."),
        ]
    }

    static func parentingProgramme(planID: Int64?) -> [WorkProgrammeItem] {
        [
            WorkProgrammeItem(boardID: 0, title: "The voice of children in care: report from the Children in Care Council",
                              presenter: "Children in Care Council", purpose: .discussion, placement: .standing(.everyMeeting)),
            WorkProgrammeItem(boardID: 0, title: "Quarter data — matters raised by exception", presenter: "Head of Performance and Intelligence",
                              purpose: .noting, placement: .standing(.quarterly),
                              papers: planID.map { [.kpiScorecard(planID: $0)] } ?? []),
            WorkProgrammeItem(boardID: 0, title: "IRO annual report", presenter: "IRO Service Manager", purpose: .noting,
                              placement: .standing(.annually(month: 11))),
            WorkProgrammeItem(boardID: 0, title: "Virtual School headteacher's annual report", presenter: "Headteacher, Virtual School",
                              purpose: .noting, placement: .standing(.annually(month: 9))),
            WorkProgrammeItem(boardID: 0, title: "Sufficiency strategy: annual review", presenter: "Head of Commissioning",
                              purpose: .decision, placement: .standing(.annually(month: 1))),
        ]
    }

    // MARK: - Loading

    static let clerk = "Democratic Services"

    static func loadBoard(_ draft: Board, into store: any BoardStore, programme: [WorkProgrammeItem], dates: [Day],
                          cancelledIndex: Int?, organisationID: Int64, today: Day) async throws -> Board {
        let board = try await store.createBoard(draft)
        var storedProgramme: [WorkProgrammeItem] = []
        for var item in programme {
            item.boardID = board.id
            storedProgramme.append(try await store.createWorkProgrammeItem(item, organisationID: organisationID))
        }
        let workProgramme = WorkProgramme(boardID: board.id, items: storedProgramme)
        let venue = board.kind == .improvementBoard ? "Committee Room 1, Northmoor Town Hall" : "The Council Chamber, Northmoor Town Hall"
        let time = board.kind == .improvementBoard ? MeetingTime(hour: 14, minute: 0) : MeetingTime(hour: 18, minute: 0)
        // The calendar first (every meeting, ids not yet given), so each agenda lists the later
        // meetings and takes the standing items the rules place on it.
        let calendar = dates.enumerated().map { index, date in
            Meeting(boardID: board.id, date: date, time: time, venue: venue,
                    status: index == cancelledIndex ? .cancelled : .scheduled)
        }
        var stored: [Meeting] = []
        for var meeting in calendar {
            meeting.agenda = MeetingTemplate.agenda(for: meeting, board: board, meetings: calendar, workProgramme: workProgramme)
            if board.kind == .corporateParentingBoard, meeting.date >= today, stored.allSatisfy({ $0.date < today }) {
                // The next meeting takes a confidential item: its papers are exempt.
                let at = meeting.agenda.firstIndex { $0.kind == .workProgramme } ?? meeting.agenda.count
                meeting.agenda.insert(AgendaItem(number: 0, title: "Placement sufficiency: purchase of a children's home",
                                                 presenter: "Head of Commissioning", purpose: .decision,
                                                 detail: "Exempt under paragraph 3 of Schedule 12A: information about the financial affairs of a third party.",
                                                 papers: [.document(name: "Children's home purchase business case.pdf")], isExempt: true), at: at)
                for index in meeting.agenda.indices { meeting.agenda[index].number = index + 1 }
            }
            stored.append(try await store.createMeeting(meeting, organisationID: organisationID, fromTemplate: false))
        }

        // Held meetings: attendance and minutes, approved at the next one, then numbered.
        var previousHeld: Meeting?
        for (index, meeting) in stored.enumerated() where meeting.status == .scheduled && meeting.date < today {
            var held = try await store.editMeeting(id: meeting.id, organisationID: organisationID, expectedVersion: nil) { m in
                m.status = .held
                m.attendance = attendance(board: board, meetingIndex: index)
                for i in m.agenda.indices { m.agenda[i].minute = minute(for: m.agenda[i], board: board) }
            }
            if let previousHeld {
                _ = try await store.approveMinutes(meetingID: previousHeld.id, atMeetingID: held.id, organisationID: organisationID,
                                                   expectedVersion: nil)
            }
            held = try await store.numberMinutes(meetingID: held.id, organisationID: organisationID, expectedVersion: nil)
            _ = try await raiseActionPoints(at: held, board: board, meetings: stored, index: index, into: store,
                                                  organisationID: organisationID, today: today)
            previousHeld = held
        }
        return board
    }

    /// Who came: every voting and co-opted member, less one or two sending apologies in turn;
    /// every third meeting a councillor sends the named substitute.
    static func attendance(board: Board, meetingIndex: Int) -> Attendance {
        let expected = board.members.filter { $0.membership != .substitute }.map(\.id)
        let substitute = board.members.first { $0.membership == .substitute }
        // A councillor other than the chair sends the named substitute.
        let cabinetMember = board.members.first { $0.name.hasPrefix("Cllr") && $0.id != board.chairID && $0.membership == .voting }?.id
        var apologies = [expected[(meetingIndex * 3 + 2) % expected.count]]
        if meetingIndex % 2 == 1 { apologies.append(expected[(meetingIndex * 5 + 4) % expected.count]) }
        var substitutes: [Attendance.Substitution] = []
        if meetingIndex % 3 == 1, let substitute, let cabinetMember {
            substitutes.append(.init(forMemberID: cabinetMember, substituteName: substitute.name, substituteMemberID: substitute.id))
            apologies.append(cabinetMember)
        }
        // The chair always attends; apologies never name them.
        apologies = Array(Set(apologies)).filter { $0 != board.chairID }.sorted()
        let present = expected.filter { !apologies.contains($0) }
        let also: [Attendance.Attendee] = board.kind == .improvementBoard
            ? [.init(name: "Lucy Barnes", role: "Head of Performance and Intelligence"), .init(name: "Owen Price", role: "Democratic Services Officer")]
            : [.init(name: "Maria Santos", role: "IRO Service Manager"), .init(name: "Owen Price", role: "Democratic Services Officer")]
        return Attendance(present: present, apologies: apologies, substitutes: substitutes, alsoInAttendance: also)
    }

    /// What the minutes say of an item, in a clerk's words.
    static func minute(for item: AgendaItem, board: Board) -> AgendaItem.Minute {
        switch item.kind {
        case .apologies:
            return .init(narrative: "Apologies were received as recorded above.", resolutions: ["that the apologies be noted"])
        case .declarationsOfInterest:
            return .init(narrative: "There were no declarations of interest.")
        case .minutesOfLastMeeting:
            return .init()
        case .reviewOfActionPoints:
            return .init(narrative: "The Board reviewed the open action points. Overdue items were discussed with their owners and new dates agreed where needed.",
                         resolutions: ["that the action log be noted"])
        case .workProgramme:
            return .init(narrative: "The Board considered its work programme.", resolutions: ["that the work programme be agreed"])
        case .futureMeetingDates:
            return .init(narrative: "The dates of future meetings were noted.")
        case .business:
            if item.isExempt {
                return .init(narrative: "The Board considered the business case in private session.",
                             resolutions: ["that the purchase proceed subject to the conditions set out in the report"])
            }
            let resolution = item.purpose == .decision ? "that the recommendations in the report be approved" : "that the report be noted"
            return .init(narrative: "\(item.presenter.isEmpty ? "The officer" : "The \(item.presenter)") presented the report. Members asked about the pace of change and the evidence of impact for children.",
                         resolutions: [resolution])
        }
    }

    /// Action points raised at a held meeting's business items: one met, one overdue, one
    /// carried forward, one due at the next meeting, by turns.
    static func raiseActionPoints(at meeting: Meeting, board: Board, meetings: [Meeting], index: Int, into store: any BoardStore,
                                  organisationID: Int64, today: Day) async throws -> [ActionPoint] {
        guard let item = meeting.agenda.first(where: { $0.kind == .business && !$0.isExempt }) else { return [] }
        let later = meetings.filter { $0.status != .cancelled && $0.date > meeting.date }
        let next = later.first
        let texts: [(String, String)] = board.kind == .improvementBoard
            ? [("Circulate the breakdown of assessments out of timescale by team", "Head of Performance and Intelligence"),
               ("Bring the revised supervision policy to the Board", "Principal Social Worker"),
               ("Report back on the recruitment of permanent social workers", "Director of Children's Services"),
               ("Share the findings of the multi-agency audit of the front door", "Head of Quality Assurance")]
            : [("Circulate the PEP completion figures by school", "Headteacher, Virtual School"),
               ("Arrange for members to visit the new supported lodgings scheme", "Head of Service, Children in Care"),
               ("Report on dental checks for children placed out of the borough", "Designated Doctor for Children in Care"),
               ("Invite care leavers to present their survey at the next meeting", "Children in Care Council participation lead")]
        let (text, owner) = texts[index % texts.count]
        var point = ActionPoint(boardID: board.id, raisedAtMeetingID: meeting.id, raisedAtItem: item.number, text: text, owner: owner,
                                due: next.map { .meeting(id: $0.id) } ?? .date(meeting.date.adding(days: 28)))
        if index % 4 == 1 { point.due = .date(meeting.date.adding(days: 21)) }
        var stored = try await store.createActionPoint(point, organisationID: organisationID)
        let followUp = later.dropFirst().first
        switch index % 4 {
        case 0 where next.map({ $0.date < today }) ?? false:
            // Met before the next meeting.
            stored = try await store.editActionPoint(id: stored.id, organisationID: organisationID, expectedVersion: nil) { p in
                try ActionLog.complete(&p, on: meeting.date.adding(days: 14), by: owner, note: "Done: circulated to members by email.")
            }
        case 2 where next.map({ $0.date < today }) ?? false:
            // Not finished by the next meeting: carried forward to the one after.
            if let followUp, let next {
                let on = next.date
                stored = try await store.editActionPoint(id: stored.id, organisationID: organisationID, expectedVersion: nil) { p in
                    try ActionLog.carryForward(&p, to: followUp, on: on, by: clerk, note: "Waiting for the partners' figures.")
                }
            }
        default:
            // Open (overdue where its date has passed); a progress note on the older ones.
            if meeting.date.adding(days: 30) < today {
                stored = try await store.addActionPointUpdate(.init(date: meeting.date.adding(days: 10), author: owner,
                                                                    text: "Work started; figures being checked with the teams."),
                                                              actionPointID: stored.id, organisationID: organisationID, expectedVersion: nil)
            }
        }
        return [stored]
    }
}
