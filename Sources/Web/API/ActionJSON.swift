import Core
import Foundation

// The action list written member by member (see `JSONWriter`). Names and shapes are the ones
// the types' `Codable` conformances give, in sorted order; `ActionJSONTests` holds them equal.

extension ActionList: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("actions", actions)
            $0.member("asAt", asAt)
            $0.member("planID", planID)
        }
    }

    /// The whole list as a response body.
    var jsonBytes: [UInt8] {
        var json = JSONWriter(capacity: 1_024 + actions.count * 1_600)
        write(to: &json)
        return json.bytes
    }
}

extension ActionResource: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("areaID", action.areaID)
            $0.member("completedOn", action.completedOn)
            $0.member("difference", action.difference)
            $0.member("dueDate", action.dueDate)
            $0.member("effectivePercentComplete", effectivePercentComplete)
            $0.member("evidence", action.evidence)
            $0.member("id", action.id)
            $0.member("latestUpdate", latestUpdate)
            $0.member("leads", action.leads)
            $0.member("measureIDs", action.measureIDs)
            $0.member("milestones", action.milestones)
            $0.member("originalDueDate", action.originalDueDate)
            $0.member("outcome", action.outcome)
            $0.member("override", action.override)
            $0.member("percentComplete", action.percentComplete)
            $0.member("position", action.position)
            $0.member("rating", rating)
            $0.member("ref", action.ref)
            $0.member("reprogrammings", action.reprogrammings)
            $0.member("startDate", action.startDate)
            $0.member("status", action.status.rawValue)
            $0.member("title", action.title)
            $0.member("updateStatus", updateStatus)
            $0.member("updates", includeHistory ? action.updates : [])
            $0.member("version", action.version)
        }
    }
}

extension RatingResource: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("calculated", calculated.rawValue)
            $0.member("override", override)
            $0.member("rating", rating.rawValue)
            $0.member("reasons", reasons)
            $0.member("word", word)
        }
    }
}

extension UpdateStatus: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("isDue", isDue)
            $0.member("nextDue", nextDue)
            $0.member("reason", reason)
        }
    }
}

extension Milestone: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("completedOn", completedOn)
            $0.member("dueDate", dueDate)
            $0.member("id", id)
            $0.member("title", title)
        }
    }
}

extension ProgressUpdate: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("actionID", actionID)
            $0.member("author", author)
            $0.member("authorRole", authorRole)
            $0.member("date", date)
            $0.member("id", id)
            $0.member("percentComplete", percentComplete)
            $0.key("recordedAt")
            $0.timestamp(recordedAt)
            $0.member("status", status?.rawValue)
            $0.member("text", text)
        }
    }
}

extension Reprogramming: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("changedBy", changedBy)
            $0.member("changedOn", changedOn)
            $0.member("from", from)
            $0.member("reason", reason)
            $0.member("to", to)
        }
    }
}

extension EvidenceOfImpact: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("author", author)
            $0.member("authorRole", authorRole)
            $0.member("date", date)
            $0.member("text", text)
        }
    }
}

extension DifferenceJudgement: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("by", by)
            $0.member("date", date)
            $0.member("note", note)
            $0.member("value", value.rawValue)
        }
    }
}

extension RatingOverride: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("by", by)
            $0.member("on", on)
            $0.member("rating", rating.rawValue)
            $0.member("reason", reason)
            $0.member("until", until)
        }
    }
}
