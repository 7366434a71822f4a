import Core
import Foundation

/// Status words as plans write them, read as a lifecycle status.
public enum StatusWords {
    public struct Reading: Sendable, Hashable {
        public var status: LifecycleStatus
        /// A RAG colour written in the status column (kept as a note: Oversight derives its own).
        public var ragWord: String?
    }

    /// `Completed`, `Complete`, `COMPLETE`, `Done`, `Blue` → complete; `In progress`, `On track`,
    /// `Ongoing`, `Green`, `Amber`, `Red` → in progress; `Not started`, `Grey` → not started;
    /// `On hold`, `Paused`, `Deferred` → on hold; `Withdrawn`, `Cancelled`, `No longer
    /// required`, `Superseded` → withdrawn. Nil for anything else.
    public static func read(_ text: String) -> Reading? {
        let normal = HeaderRecognition.normalise(text)
        guard !normal.isEmpty else { return nil }
        let words = normal.split(separator: " ").map(String.init)
        func starts(_ phrase: String) -> Bool { normal == phrase || normal.hasPrefix(phrase + " ") }
        if ["not started", "not yet started", "not begun", "not due", "not yet due", "grey", "gray", "planned"].contains(where: starts) {
            return Reading(status: .notStarted, ragWord: normal.hasPrefix("gr") ? words[0].capitalized : nil)
        }
        if ["on hold", "paused", "deferred", "suspended"].contains(where: starts) { return Reading(status: .onHold) }
        if ["withdrawn", "cancelled", "canceled", "no longer required", "superseded", "closed not required"].contains(where: starts) {
            return Reading(status: .withdrawn)
        }
        if ["complete", "completed", "done", "closed", "achieved", "finished", "delivered", "blue"].contains(where: starts) {
            return Reading(status: .complete, ragWord: words[0] == "blue" ? "Blue" : nil)
        }
        if ["in progress", "ongoing", "on going", "underway", "under way", "on track", "started", "in hand", "open",
            "behind", "delayed", "overdue", "off track"].contains(where: starts) {
            return Reading(status: .inProgress)
        }
        for colour in ["green", "amber", "red"] where starts(colour) {
            return Reading(status: .inProgress, ragWord: colour.capitalized)
        }
        return nil
    }

    /// "Is it making a difference?" as written: `Yes`, `Making a difference`, `Some`,
    /// `Partly`, `No`, `Not yet`, `Too early to say`.
    public static func difference(_ text: String) -> Difference? {
        let normal = HeaderRecognition.normalise(text)
        func starts(_ phrase: String) -> Bool { normal == phrase || normal.hasPrefix(phrase + " ") }
        if ["too early", "too soon", "early days", "not known", "unknown"].contains(where: starts) { return .tooEarly }
        if ["not yet", "no", "not making"].contains(where: starts) { return .notYet }
        if ["some", "partly", "partially", "some difference", "beginning to"].contains(where: starts) { return .someDifference }
        if ["yes", "making a difference", "significant", "good"].contains(where: starts) { return .makingADifference }
        return nil
    }
}
