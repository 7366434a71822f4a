import Foundation

/// What a column of a plan table holds.
public enum ImportField: String, Sendable, Codable, CaseIterable {
    /// The action's or recommendation's reference (`Ref`, `Rec N°`). A whole number (`2`) on a
    /// row whose actions are numbered `2.1 …` is the area's number.
    case ref
    case action
    /// The outcome or objective (`Outcome`, `Objectives / what needs to improve`).
    case outcome
    /// A recommendation: the row's title in a tracker, or the area the actions answer.
    case recommendation
    case leads
    /// The due date or timeline; several dated lines become milestones.
    case due
    case start
    case status
    case percentComplete = "percent complete"
    /// A progress summary or update; "as at <date>" in the header dates it.
    case progress
    case evidence
    /// "Is the action making a difference?"
    case difference
    /// Success measures or KPIs; numbered ones become measures.
    case successMeasure = "success measure"
    /// Paragraphs of the inspection report (`Ofsted Ref`, `Pg 3 Para 2`).
    case inspectionReference = "inspection reference"
    /// Kept on each action as a note under the column's header.
    case note
    /// Left out on purpose (only by an explicit mapping).
    case ignore
    /// The theme the row's area sits in (`Theme 1: Assessment`).
    case theme
    /// The reference of the row's area (`Area ref`).
    case areaRef = "area ref"
    /// The title of the row's area (`Area`).
    case area
    /// The due date first agreed, when the action has been reprogrammed (`Original due`).
    case originalDue = "original due"
    /// Milestones, one a line (`30 Sep 2023 — Title (COMPLETE)`), beside a separate Due column.
    case milestones
    /// A RAG or delivery rating beside a Status column: Oversight works out its own, so it is
    /// not imported. Without a Status column it is read as the status.
    case rating
    /// Codes of measures already in Oversight (`Measures (codes)`: `A1; A2`).
    case measureCodes = "measure codes"

    /// How the field is named to a person.
    public var label: String {
        switch self {
        case .ref: "reference"
        case .action: "action"
        case .outcome: "outcome"
        case .recommendation: "recommendation"
        case .leads: "leads"
        case .due: "due date / timeline"
        case .start: "start date"
        case .status: "status"
        case .percentComplete: "% complete"
        case .progress: "progress update"
        case .evidence: "evidence of impact"
        case .difference: "making a difference?"
        case .successMeasure: "success measures"
        case .inspectionReference: "inspection report paragraphs"
        case .note: "note"
        case .ignore: "ignored"
        case .theme: "theme"
        case .areaRef: "area reference"
        case .area: "area"
        case .originalDue: "original due date"
        case .milestones: "milestones"
        case .rating: "RAG rating"
        case .measureCodes: "measure codes"
        }
    }
}

/// Recognises a column from its header by meaning, not position.
public enum HeaderRecognition {
    /// Lower case, `N°`/`No.`/`#` as "number", `(s)` dropped, punctuation as spaces, spaces
    /// collapsed: `Rec N°` → `rec number`, `Lead(s)` → `lead`, `Objectives/ what needs to
    /// improve` → `objectives what needs to improve`.
    public static func normalise(_ header: String) -> String {
        var text = header.lowercased()
        // Every cell of every row is looked at (is it a header?), so each replacement is made
        // only when its mark is there.
        if text.contains("(") { text = text.replacingOccurrences(of: "(s)", with: "") }
        if text.contains(where: { $0 == "°" || $0 == "º" || $0 == "." || $0 == "№" || $0 == "#" }) {
            for mark in ["n°", "nº", "no.", "№", "#"] { text = text.replacingOccurrences(of: mark, with: " number ") }
        }
        if text.contains("%") { text = text.replacingOccurrences(of: "%", with: " percent ") }
        let scalars = text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : " " }
        return String(scalars).split(separator: " ").joined(separator: " ")
    }

    /// The field a header names, or nil when it is not one we know (the column is then kept
    /// as a note).
    public static func field(for header: String) -> ImportField? {
        let text = normalise(header)
        guard !text.isEmpty else { return nil }
        let words = Set(text.split(separator: " ").map(String.init))
        let padded = " \(text) "
        // Called for every cell of every row (is it a header row?), so a phrase is looked for
        // in the text only when its first word is one of the text's words.
        func has(_ phrase: String) -> Bool {
            guard let space = phrase.firstIndex(of: " ") else { return words.contains(phrase) }
            guard words.contains(String(phrase[..<space])) else { return false }
            return padded.contains(" \(phrase) ")
        }
        func hasAny(_ phrases: [String]) -> Bool { phrases.contains(where: has) }

        // The columns of Oversight's own tracker export (and trackers laid out like it).
        if text == "theme" { return .theme }
        if ["area ref", "area reference", "area number"].contains(text) { return .areaRef }
        if text == "area" { return .area }
        if hasAny(["original due", "original due date", "original deadline"]) { return .originalDue }
        if text == "milestones" { return .milestones }
        if text == "rag reasons" { return .rating }
        if ["measures codes", "measure codes", "kpi codes"].contains(text) { return .measureCodes }

        if hasAny(["ofsted ref", "ofsted reference", "inspection ref", "inspection reference", "report ref",
                   "report paragraph", "paragraph ref", "para ref", "paragraph", "paragraphs", "ofsted para"]) {
            return .inspectionReference
        }
        if hasAny(["difference", "making a difference"]) { return .difference }
        if hasAny(["evidence", "impact"]) { return .evidence }
        if hasAny(["success measure", "measure of success", "measures of success", "success measures", "kpi", "kpis",
                   "performance indicator", "performance indicators", "indicators", "measure", "measures", "success criteria"]) {
            return .successMeasure
        }
        if has("percent") || hasAny(["complete percent", "percentage complete"]) { return .percentComplete }
        if hasAny(["progress", "update", "updates", "as at", "commentary", "position"]) { return .progress }
        if hasAny(["lead", "leads", "owner", "owners", "responsible", "responsibility", "accountable", "who", "officer"]) {
            return .leads
        }
        if hasAny(["response", "planned response"]) { return .progress }
        if hasAny(["status", "rag", "brag", "rating", "delivery status"]) { return .status }
        if hasAny(["start", "start date", "began", "commenced"]) { return .start }
        if hasAny(["due", "timeline", "timescale", "timescales", "deadline", "by when", "target date", "completion date",
                   "date", "dates", "when", "timeframe", "milestones", "milestone"]) {
            return .due
        }
        // `Action no`, `Rec no`: "no" without its dot still means number when it ends the header.
        if hasAny(["ref", "reference", "rec number", "recommendation number", "action number", "number", "id", "item"])
            || text == "rec" || text == "no" || text.hasSuffix(" no") {
            return .ref
        }
        if hasAny(["recommendation", "recommendations", "area for improvement", "areas for improvement"]) { return .recommendation }
        // Plans on a page ask questions: "What will we do?", "Who will do it?", "By when?",
        // "How will we know?".
        if hasAny(["how will we know", "how we will know", "how will we measure", "how will we know we have made a difference"]) {
            return .successMeasure
        }
        if hasAny(["action", "actions", "action required", "what we will do", "task", "tasks", "activity", "activities",
                   "what will we do", "what are we going to do", "what we are going to do", "what we will do next", "key steps"]) {
            return .action
        }
        if hasAny(["outcome", "outcomes", "objective", "objectives", "what needs to improve", "aim", "aims"]) {
            return .outcome
        }
        if hasAny(["comment", "comments", "notes", "note"]) { return .note }
        return nil
    }

    /// The day a progress header speaks for: `Progress update (as at November 2016)` → 30
    /// November 2016.
    public static func asAtDate(in header: String) -> WrittenDate? {
        WrittenDates.find(in: header).first?.date
    }
}
