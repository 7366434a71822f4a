/// How "within N working days of S" is counted. Councils and the DfE do not count alike, and
/// the difference is one day at every deadline, so the choice is a setting that every result
/// names.
public enum TimescaleConvention: String, Hashable, Sendable, Codable, CaseIterable {
    /// The start day is not counted: the deadline is the Nth working day after S. Working day
    /// 45 after Thu 28 Mar 2024 is Wed 5 Jun 2024. When S is a weekend or holiday, the first
    /// working day after it is day 1.
    case statutory
    /// The DfE children in need census validator: the deadline is the (N−1)th working day after
    /// S, whatever day S is, as if S were day 1 (Tue 4 Jun 2024 in the same example). With N = 1
    /// the deadline is S itself.
    case peer

    /// How many working days after the start the deadline for `workingDays` falls.
    public func workingDaysAfterStart(forDeadlineOf workingDays: Int) -> Int {
        switch self {
        case .statutory: workingDays
        case .peer: workingDays - 1
        }
    }

    /// A sentence for a reader: what the convention counts.
    public var explanation: String {
        switch self {
        case .statutory: "statutory convention: the start day is not counted"
        case .peer: "peer convention (DfE CIN census): the start day counts as day 1"
        }
    }
}
