/// The edits a lead makes to an action, as pure changes of the value.
extension Action {
    /// Applies the status and % complete a progress update carries, and files the update.
    public mutating func apply(_ update: ProgressUpdate) {
        if let percent = update.percentComplete {
            percentComplete = percent
        }
        if let status = update.status {
            setStatus(status, on: update.date)
        }
        updates.insert(update, at: 0)
    }

    /// Sets the lifecycle status; completing records the day and 100%, reopening clears it.
    public mutating func setStatus(_ newStatus: LifecycleStatus, on day: Day) {
        if newStatus == .complete {
            if status != .complete || completedOn == nil { completedOn = day }
            percentComplete = 100
        } else {
            completedOn = nil
        }
        status = newStatus
    }

    /// Moves the due date, keeping the old one as a reprogramming so boards see it moved.
    public mutating func reprogramme(to newDue: Day?, reason: String, on day: Day, by person: String) throws(ValidationError) {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard newDue != dueDate else { return }
        guard !trimmed.isEmpty else {
            throw ValidationError(field: "reprogrammeReason", message: "Enter why the due date is changing")
        }
        reprogrammings.append(Reprogramming(from: dueDate, to: newDue, reason: trimmed, changedOn: day, changedBy: person))
        dueDate = newDue
    }

    /// Marks a milestone complete on `day`.
    public mutating func completeMilestone(id: Int64, on day: Day) throws(ValidationError) {
        guard let index = milestones.firstIndex(where: { $0.id == id }) else {
            throw ValidationError(field: "milestone", message: "That milestone is not part of action \(ref)")
        }
        milestones[index].completedOn = day
    }
}
