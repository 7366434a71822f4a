import Core
import Foundation

// The forms of the action page: what each posts, how it is checked, and how it is shown again
// (with what the user typed and the errors beside the fields).

/// Errors of one form: in page order for the error summary, and by field for the inline messages.
struct FormProblems: Sendable {
    private(set) var links: [ErrorLink] = []
    private var messages: [String: String] = [:]
    /// Inputs to mark in red without a message of their own (the parts of a date).
    private(set) var marked: Set<String> = []

    var isEmpty: Bool { links.isEmpty }

    /// Records `message` for the field `id` (its element id), linking the summary to `linkTo` or the field.
    mutating func add(_ id: String, _ message: String, linkTo: String? = nil) {
        guard messages[id] == nil else { return }
        messages[id] = message
        links.append(ErrorLink(href: "#" + (linkTo ?? id), message: message))
    }

    mutating func mark(_ id: String) { marked.insert(id) }

    func message(_ id: String) -> String? { messages[id] }
    func isMarked(_ id: String) -> Bool { marked.contains(id) || messages[id] != nil }
}

/// A lifecycle status as it travels in a form: `not-started`.
enum StatusField {
    static func slug(_ status: LifecycleStatus) -> String { status.rawValue.replacingOccurrences(of: " ", with: "-") }

    static func status(_ slug: String?) -> LifecycleStatus? {
        guard let slug = FormReading.trimmed(slug) else { return nil }
        return LifecycleStatus(rawValue: slug.replacingOccurrences(of: "-", with: " "))
    }
}

// MARK: - Add a progress update

/// What the "Add a progress update" form posts. Who gives it is whoever is signed in: an
/// `author` field, from an old page or a hand-made post, is read but never used.
struct UpdateFormInput: Decodable, Sendable {
    var author: String?
    var day: String?
    var month: String?
    var year: String?
    var text: String?
    var percent: String?
    var status: String?
    var version: String?
    /// The answer to "Is the action complete?" (`ProgressRules.question`), where it was asked.
    var complete: String?
}

extension UpdateFormInput {
    var isComplete: Bool? { CompleteQuestion.answer(complete) }

    /// The update to store (and the version the status or % complete were chosen against), or the problems.
    func validated(actionID: Int64, today: Day, author name: String, role: String?) -> Result<(ProgressUpdate, Int?), ProblemList> {
        var problems = FormProblems()

        var date: Day?
        switch DateField(day: day, month: month, year: year).read(name: "Date of the update", latest: today) {
        case let .success(value): date = value
        case let .failure(error):
            let problem = error.problem
            problems.add("update-date", problem.message, linkTo: "update-date-\(problem.firstPart)")
            if problem.day { problems.mark("update-date-day") }
            if problem.month { problems.mark("update-date-month") }
            if problem.year { problems.mark("update-date-year") }
        }

        let body = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty { problems.add("update-text", "Enter the progress update") }
        else if body.count > 20_000 { problems.add("update-text", "The progress update must be 20,000 characters or fewer") }

        var percentComplete: Int?
        switch PercentField.read(percent) {
        case .empty: break
        case let .value(value): percentComplete = value
        case let .invalid(message): problems.add("update-percent", message)
        }

        var newStatus: LifecycleStatus?
        if FormReading.trimmed(status) != nil {
            newStatus = StatusField.status(status)
            if newStatus == nil { problems.add("update-status", "Select a status from the list") }
        }

        guard problems.isEmpty, let date else { return .failure(ProblemList(problems: problems)) }
        let update = ProgressUpdate(actionID: actionID, date: date, author: name, authorRole: role, text: body,
                                    percentComplete: percentComplete, status: newStatus)
        // Core's rules have the last word (they may know more than this form).
        var coreProblems = FormProblems()
        for error in PlanValidation.errors(in: update) {
            let id = switch error.field {
            case "percentComplete": "update-percent"
            default: "update-text"
            }
            coreProblems.add(id, error.message)
        }
        guard coreProblems.isEmpty else { return .failure(ProblemList(problems: coreProblems)) }
        // Only a change of status or % complete can overwrite someone else's: a note alone is history.
        let version = (percentComplete != nil || newStatus != nil) ? FormReading.trimmed(version).flatMap { Int($0) } : nil
        return .success((update, version))
    }
}

/// Problems as an error value, so `Result` can carry them.
struct ProblemList: Error, Sendable {
    var problems: FormProblems
}

/// The "Add a progress update" form as shown.
struct UpdateFormView: Sendable {
    var postTo: String
    var version: String
    /// "Sam Okafor (Editor)": who the update will be recorded as given by.
    var authorText: String
    var day: String
    var month: String
    var year: String
    var text: String
    var percent: String
    var percentHint: String
    var statusChoices: [Choice]
    var dateError: String?
    var textError: String?
    var percentError: String?
    var statusError: String?
    var dayInvalid: Bool
    var monthInvalid: Bool
    var yearInvalid: Bool
    /// "You entered 100% complete. Is the action complete?", when it must be answered.
    var completeQuestion: CompleteQuestion?

    init(action: Action, today: Day, author: String = "", input: UpdateFormInput? = nil, problems: FormProblems = FormProblems(),
         asksWhetherComplete: Bool = false) {
        postTo = Path.actionUpdates(action.id).href
        version = String(action.version)
        authorText = author
        let date = input.map { DateField(day: $0.day, month: $0.month, year: $0.year) } ?? DateField(today)
        day = date.day
        month = date.month
        year = date.year
        text = input?.text ?? ""
        percent = input?.percent ?? ""
        percentHint = "Leave blank to keep it at \(action.percentComplete)%"
        let chosen = input?.status ?? ""
        statusChoices = [Choice(value: "", label: "No change (\(action.status.word))", selected: chosen.isEmpty)]
            + LifecycleStatus.allCases.map { Choice(value: StatusField.slug($0), label: $0.word, selected: StatusField.slug($0) == chosen) }
        dateError = problems.message("update-date")
        textError = problems.message("update-text")
        percentError = problems.message("update-percent")
        statusError = problems.message("update-status")
        dayInvalid = problems.isMarked("update-date-day")
        monthInvalid = problems.isMarked("update-date-month")
        yearInvalid = problems.isMarked("update-date-year")
        // Asked again with the answer kept when another field sends the form back.
        completeQuestion = asksWhetherComplete || input?.complete != nil
            ? CompleteQuestion(prefix: "update", answer: input?.complete, error: problems.message("update-complete"), current: action.status)
            : nil
    }
}

/// The question a form asks when 100% complete comes without a status (`ProgressRules`): Yes/No
/// radios inside the form, so the answer is posted with everything else, no JavaScript needed.
struct CompleteQuestion: Sendable {
    var questionLegend = ProgressRules.question
    var questionHint: String
    var questionChoices: [Choice]
    var questionError: String?
    var questionErrorID: String

    init(prefix: String, answer: String?, error: String?, current: LifecycleStatus) {
        let keeps = current == .notStarted ? LifecycleStatus.inProgress : current
        questionHint = "Yes marks it complete. No keeps it \(keeps.word.lowercased()) at 100%, for example while it awaits sign-off."
        let chosen = FormReading.trimmed(answer)
        questionChoices = [
            Choice(value: "yes", label: "Yes", selected: chosen == "yes", id: "\(prefix)-complete"),
            Choice(value: "no", label: "No", selected: chosen == "no", id: "\(prefix)-complete-no"),
        ]
        questionError = error
        questionErrorID = "\(prefix)-complete-error"
    }

    /// What the error summary and the field say until it is answered.
    static let problem = "You entered 100% complete: select yes if the action is complete, or no if it is not"

    static func answer(_ text: String?) -> Bool? {
        switch FormReading.trimmed(text) {
        case "yes": true
        case "no": false
        default: nil
        }
    }

    /// The banner key suffix telling the person what the rule set for them.
    static func savedSuffix(_ settled: ProgressRules.Settled) -> String {
        guard !settled.adjustments.isEmpty else { return "" }
        return settled.status == .complete ? "-full" : "-started"
    }
}

// MARK: - Change status or % complete

/// What the "Change status or % complete" form posts.
struct StatusFormInput: Decodable, Sendable {
    var status: String?
    var percent: String?
    /// Why the action is put on hold or withdrawn (required then; kept as a progress update).
    var reason: String?
    var version: String?
    /// The answer to "Is the action complete?" (`ProgressRules.question`), where it was asked.
    var complete: String?

    var isComplete: Bool? { CompleteQuestion.answer(complete) }
}

extension StatusFormInput {
    struct Change: Sendable {
        var status: LifecycleStatus
        var percent: Int
        var version: Int?
        /// The reason, where the change takes the action out of the RAG counts.
        var reason: String?
    }

    func validated(current: LifecycleStatus) -> Result<Change, ProblemList> {
        var problems = FormProblems()
        let newStatus = StatusField.status(status)
        if newStatus == nil { problems.add("status-status", "Select the action's status") }
        var value: Int?
        switch PercentField.read(percent) {
        case .empty: problems.add("status-percent", "Enter % complete as a whole number from 0 to 100")
        case let .value(number): value = number
        case let .invalid(message): problems.add("status-percent", message)
        }
        if let newStatus, let problem = ActionEditRules.statusProblem(from: current, to: newStatus, reason: reason) {
            problems.add("status-reason", problem.message)
        } else if (reason ?? "").count > 5_000 {
            problems.add("status-reason", "The reason must be 5,000 characters or fewer")
        }
        guard problems.isEmpty, let newStatus, let value else { return .failure(ProblemList(problems: problems)) }
        let why = newStatus != current && ActionEditRules.needsReason(newStatus) ? FormReading.trimmed(reason) : nil
        return .success(Change(status: newStatus, percent: value, version: FormReading.trimmed(version).flatMap { Int($0) }, reason: why))
    }
}

/// The "Change status or % complete" form as shown.
struct StatusFormView: Sendable {
    var statusPostTo: String
    var statusVersion: String
    var newStatusChoices: [Choice]
    var newPercent: String
    var statusReason: String
    var newStatusError: String?
    var newPercentError: String?
    var statusReasonError: String?
    var statusCompleteQuestion: CompleteQuestion?

    init(action: Action, input: StatusFormInput? = nil, problems: FormProblems = FormProblems(), asksWhetherComplete: Bool = false) {
        statusPostTo = Path.actionStatus(action.id).href
        statusVersion = String(action.version)
        let chosen = input?.status ?? StatusField.slug(action.status)
        newStatusChoices = LifecycleStatus.allCases.map {
            Choice(value: StatusField.slug($0), label: $0.word, selected: StatusField.slug($0) == chosen, id: "status-status-\(StatusField.slug($0))")
        }
        // The first radio carries the id the error summary links to.
        if !newStatusChoices.isEmpty { newStatusChoices[0].id = "status-status" }
        newPercent = input?.percent ?? String(action.percentComplete)
        statusReason = input?.reason ?? ""
        newStatusError = problems.message("status-status")
        newPercentError = problems.message("status-percent")
        statusReasonError = problems.message("status-reason")
        statusCompleteQuestion = asksWhetherComplete || input?.complete != nil
            ? CompleteQuestion(prefix: "status", answer: input?.complete, error: problems.message("status-complete"), current: action.status)
            : nil
    }
}

// MARK: - Is it making a difference?

/// What the "Is it making a difference?" form posts. The judgement is recorded as made by whoever
/// is signed in; a `by` field is read but never used.
struct DifferenceFormInput: Decodable, Sendable {
    var value: String?
    var note: String?
    var by: String?
}

extension DifferenceFormInput {
    static func slug(_ difference: Difference) -> String { difference.rawValue.replacingOccurrences(of: " ", with: "-") }

    func validated(today: Day, by name: String) -> Result<DifferenceJudgement, ProblemList> {
        var problems = FormProblems()
        let chosen = FormReading.trimmed(value).flatMap { slug in Difference.allCases.first { DifferenceFormInput.slug($0) == slug } }
        if chosen == nil { problems.add("difference-value", "Select whether the action is making a difference") }
        let trimmedNote = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedNote.count > 5_000 { problems.add("difference-note", "The note must be 5,000 characters or fewer") }
        guard problems.isEmpty, let chosen else { return .failure(ProblemList(problems: problems)) }
        return .success(DifferenceJudgement(value: chosen, date: today, by: name, note: trimmedNote))
    }
}

/// The "Is it making a difference?" form as shown.
struct DifferenceFormView: Sendable {
    var differencePostTo: String
    var differenceChoices: [Choice]
    var differenceNote: String
    /// "Sam Okafor (Editor)": who the judgement will be recorded as made by.
    var differenceByText: String
    var differenceValueError: String?
    var differenceNoteError: String?

    init(action: Action, by: String = "", input: DifferenceFormInput? = nil, problems: FormProblems = FormProblems()) {
        differencePostTo = Path.actionDifference(action.id).href
        let chosen = input?.value ?? action.difference.map { DifferenceFormInput.slug($0.value) } ?? ""
        let hints: [Difference: String] = [
            .makingADifference: "The measures show the change the action was meant to bring",
            .someDifference: "Things are moving the right way, but not yet far enough",
            .notYet: "No change yet, or things are getting worse",
            .tooEarly: "Not enough has happened, or there is no data yet",
        ]
        differenceChoices = Difference.allCases.enumerated().map { index, difference in
            Choice(value: DifferenceFormInput.slug(difference), label: difference.word,
                   selected: DifferenceFormInput.slug(difference) == chosen,
                   id: index == 0 ? "difference-value" : "difference-value-\(DifferenceFormInput.slug(difference))",
                   hint: hints[difference])
        }
        differenceNote = input?.note ?? ""
        differenceByText = by
        differenceValueError = problems.message("difference-value")
        differenceNoteError = problems.message("difference-note")
    }
}
