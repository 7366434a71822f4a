import Testing
@testable import Core

@Suite("Clock-hour timescales: within 72 hours")
struct MomentTests {
    @Test("72:00 after the start is in time, 72:01 is late", arguments: [
        (Moment(2024, 6, 3, 14, 30), Moment(2024, 6, 6, 14, 30), true),
        (Moment(2024, 6, 3, 14, 30), Moment(2024, 6, 6, 14, 31), false),
        (Moment(2024, 6, 3, 14, 30), Moment(2024, 6, 6, 14, 29), true),
        // Across a month and year end.
        (Moment(2024, 12, 30, 23, 0), Moment(2025, 1, 2, 23, 0), true),
        (Moment(2024, 12, 30, 23, 0), Moment(2025, 1, 2, 23, 1), false),
    ])
    func seventyTwoHours(start: Moment, end: Moment, inTime: Bool) {
        #expect(Moment.within(hours: 72, from: start, to: end) == inTime)
    }

    @Test("Elapsed hours allow for the clocks changing")
    func clockChanges() {
        // Clocks went back at 02:00 on Sun 27 Oct 2024: 72 real hours end at 09:00 on the Tuesday.
        let autumn = Moment(2024, 10, 26, 10, 0)
        #expect(autumn.minutes(until: Moment(2024, 10, 29, 9, 0)) == 72 * 60)
        #expect(!Moment.within(hours: 72, from: autumn, to: Moment(2024, 10, 29, 10, 0)))
        // Clocks went forward at 01:00 on Sun 31 Mar 2024: 72 real hours end at 11:00 on the Tuesday.
        let spring = Moment(2024, 3, 30, 10, 0)
        #expect(spring.minutes(until: Moment(2024, 4, 2, 11, 0)) == 72 * 60)
        #expect(Moment.within(hours: 72, from: spring, to: Moment(2024, 4, 2, 11, 0)))
        #expect(!Moment.within(hours: 72, from: spring, to: Moment(2024, 4, 2, 11, 1)))
    }

    @Test("4 and 24 hours work the same way")
    func shorterTimescales() {
        let referral = Moment(2024, 6, 3, 22, 15)
        #expect(Moment.within(hours: 4, from: referral, to: Moment(2024, 6, 4, 2, 15)))
        #expect(!Moment.within(hours: 4, from: referral, to: Moment(2024, 6, 4, 2, 16)))
        #expect(Moment.within(hours: 24, from: referral, to: Moment(2024, 6, 4, 22, 15)))
    }

    @Test("ISO date-times are read, with T or a space, seconds dropped", arguments: [
        ("2024-03-28T14:05", Moment(2024, 3, 28, 14, 5)),
        ("2024-03-28 14:05", Moment(2024, 3, 28, 14, 5)),
        ("2024-03-28T14:05:59", Moment(2024, 3, 28, 14, 5)),
        ("2024-03-28T00:00", Moment(2024, 3, 28, 0, 0)),
    ])
    func parses(text: String, expected: Moment) {
        #expect(Moment(iso: text) == expected)
        #expect(Moment(iso: expected.iso) == expected)
    }

    @Test("Text that is not a date-time is refused", arguments: [
        "2024-03-28", "2024-03-28T24:00", "2024-03-28T12:60", "28/03/2024 14:05", "2024-03-28T1:05", "2024-03-28T14:05:61",
    ])
    func refuses(text: String) {
        #expect(Moment(iso: text) == nil)
    }
}
