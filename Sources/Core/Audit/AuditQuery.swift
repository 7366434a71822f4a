import Foundation

/// The kinds of record the audit trail holds, with the words a reader uses for them. The trail
/// stores each entry's kind as `entity` text; this is the one list the audit page's "Record type"
/// filter, the API's `recordType` and the entries' sentences are taken from.
public struct AuditRecordType: Sendable, Hashable {
    /// As stored in the trail: "action point".
    public var entity: String
    /// In a sentence: "action point"; a person's record is their "account".
    public var noun: String
    /// In a list to choose from: "Action points".
    public var plural: String

    public init(entity: String, noun: String? = nil, plural: String) {
        self.entity = entity
        self.noun = noun ?? entity
        self.plural = plural
    }

    /// Every kind of record a change is recorded for, in the order a reader meets them.
    public static let all: [AuditRecordType] = [
        .init(entity: "plan", plural: "Plans"),
        .init(entity: "theme", plural: "Themes"),
        .init(entity: "area", plural: "Areas"),
        .init(entity: "action", plural: "Actions"),
        .init(entity: "progress update", plural: "Progress updates"),
        .init(entity: "measure", plural: "Measures (KPIs)"),
        .init(entity: "measure value", plural: "Measure values"),
        .init(entity: "import", plural: "Imports"),
        .init(entity: "board", plural: "Boards"),
        .init(entity: "meeting", plural: "Meetings"),
        .init(entity: "minutes", noun: "minutes", plural: "Minutes"),
        .init(entity: "action point", plural: "Action points"),
        .init(entity: "work programme item", plural: "Work programme items"),
        .init(entity: "person", noun: "account", plural: "Accounts"),
        .init(entity: "role", plural: "Roles"),
        .init(entity: "invitation", plural: "Invitations"),
        .init(entity: "API token", plural: "API tokens"),
        .init(entity: "calendar feed link", plural: "Calendar feed links"),
        .init(entity: "sign-in", plural: "Sign-ins"),
        .init(entity: "single sign-on provider", plural: "Single sign-on providers"),
        .init(entity: "analysis run", plural: "Analysis runs"),
        .init(entity: "analysis retention", noun: "analysis retention period", plural: "Analysis retention periods"),
        .init(entity: "accessibility statement", plural: "Accessibility statements"),
        .init(entity: "privacy notice", plural: "Privacy notices"),
    ]

    public static func named(_ entity: String) -> AuditRecordType? { all.first { $0.entity == entity } }

    /// "action point"; an entity not in the list reads as itself.
    public static func noun(for entity: String) -> String { named(entity)?.noun ?? entity }
}

/// Which entries of the trail to show: by who made the change, the kind of record, and the UK
/// days it was made on (both ends included). Nil is "any".
public struct AuditFilter: Sendable, Hashable {
    /// The actor as the trail records it: "Jo Bloggs <jo@…>", "command line", "system".
    public var actor: String?
    public var entity: String?
    public var from: Day?
    public var to: Day?

    public init(actor: String? = nil, entity: String? = nil, from: Day? = nil, to: Day? = nil) {
        self.actor = actor
        self.entity = entity
        self.from = from
        self.to = to
    }

    public var isEmpty: Bool { actor == nil && entity == nil && from == nil && to == nil }

    /// The problems with a filter as asked for: an unknown record type, or a range that ends
    /// before it starts. Fields are named as the API names them.
    public func problems() -> [ValidationError] {
        var errors: [ValidationError] = []
        if let entity, AuditRecordType.named(entity) == nil {
            errors.append(ValidationError(field: "recordType", message: "Record type must be one of the kinds of record the audit trail holds"))
        }
        if let from, let to, to < from {
            errors.append(ValidationError(field: "to", message: "The date to must be the same as or after the date from"))
        }
        return errors
    }

    /// The first instant of `from`, as the trail stores times (UTC, ISO 8601, milliseconds):
    /// entries at or after it match. A day is a UK day, so midnight in London, not UTC.
    public var earliestTimestamp: String? { from.map(Self.startOfUKDay) }

    /// The first instant after `to`: entries before it match.
    public var endTimestamp: String? { to.map { Self.startOfUKDay($0.adding(days: 1)) } }

    static let london = TimeZone(identifier: "Europe/London") ?? .gmt

    static func startOfUKDay(_ day: Day) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = london
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = .gmt
        let p = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : String(v) }
        let year = String(p.year ?? 1970)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(p.month))-\(two(p.day))T\(two(p.hour)):\(two(p.minute)):\(two(p.second)).000Z"
    }
}

/// One page of the trail, newest first: which page was asked for, read so a bad number is the
/// first page and a page after the last is the last, never an error.
public struct AuditPaging: Sendable, Hashable {
    public static let pageSize = 50

    /// From 1.
    public var page: Int
    public var pageSize: Int
    /// How many entries match the filter.
    public var total: Int

    /// - Parameter requested: the page as typed in the address ("2", "-1", "abc" or nothing).
    public init(requested: String?, total: Int, pageSize: Int = AuditPaging.pageSize) {
        self.pageSize = max(1, pageSize)
        self.total = max(0, total)
        let asked = requested.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 1
        page = min(max(1, asked), max(1, (self.total + self.pageSize - 1) / self.pageSize))
    }

    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
    public var offset: Int { (page - 1) * pageSize }
    public var hasPrevious: Bool { page > 1 }
    public var hasNext: Bool { page < pageCount }
    /// The first and last entries shown, counted from 1; nil when nothing matches.
    public var shown: ClosedRange<Int>? { total == 0 ? nil : (offset + 1)...min(total, offset + pageSize) }

    /// "Showing 51 to 100 of 734 entries".
    public var summary: String {
        guard let shown else { return "No entries" }
        return "Showing \(shown.lowerBound) to \(shown.upperBound) of \(total) \(total == 1 ? "entry" : "entries")"
    }
}
