import Core

/// A coloured tag (a "RAG chip"). Colour is never the only signal: a chip always carries its words.
struct Chip: Sendable, Equatable {
    var text: String
    /// The stylesheet's colour modifier: red, amber, green, blue, grey, purple, yellow, outline.
    var colour: String

    init(text: String, colour: String) {
        self.text = text
        self.colour = colour
    }

    /// "Red – Overdue", "Blue – Complete", "On hold".
    init(_ rating: DeliveryRating) {
        text = rating.colour == rating.word ? rating.word : "\(rating.colour) – \(rating.word)"
        colour = Chip.colourName(of: rating)
    }

    /// "Green – On or better than target", "No data".
    init(_ rag: MeasureRAG) {
        switch rag {
        case .green: text = "Green – \(rag.word)"; colour = "green"
        case .amber: text = "Amber – \(rag.word)"; colour = "amber"
        case .red: text = "Red – \(rag.word)"; colour = "red"
        case .noTarget: text = rag.word; colour = "outline"
        case .noData: text = rag.word; colour = "grey"
        }
    }

    init(_ difference: Difference) {
        text = difference.word
        switch difference {
        case .makingADifference: colour = "green"
        case .someDifference: colour = "blue"
        case .notYet: colour = "amber"
        case .tooEarly: colour = "grey"
        }
    }

    init(_ status: LifecycleStatus) {
        text = status.word
        switch status {
        case .notStarted: colour = "grey"
        case .inProgress: colour = "blue"
        case .complete: colour = "green"
        case .onHold: colour = "purple"
        case .withdrawn: colour = "grey"
        }
    }

    static let updateDue = Chip(text: "Update due", colour: "yellow")
    static let exception = Chip(text: "Exception", colour: "red")
    static let overdue = Chip(text: "Overdue", colour: "red")

    static func colourName(of rating: DeliveryRating) -> String {
        switch rating {
        case .red: "red"
        case .amber: "amber"
        case .green: "green"
        case .blue: "blue"
        case .grey: "grey"
        case .onHold: "purple"
        case .withdrawn: "grey"
        }
    }
}

/// A direction of travel as a reader sees it: the arrow and the word for whether the measure got
/// better or worse (they always agree), and the sentence that explains it.
struct DirectionView: Sendable {
    var word: String
    var arrow: String
    var hasArrow: Bool
    var reason: String
    /// "previous period (Sep 2026)".
    var against: String

    init(_ direction: DirectionOfTravel, against: String) {
        word = direction.word
        arrow = direction.arrow
        hasArrow = !direction.arrow.isEmpty
        reason = direction.reason
        self.against = against
    }
}

/// The key to the direction arrows, shown under a table or list that has them
/// (`partials/direction-key`): the arrows and words come from Core's judgements.
struct DirectionKeyView: Sendable {
    struct Entry: Sendable {
        var arrow: String
        var word: String
        /// ", " between entries, "" after the last.
        var separator: String
    }

    var entries: [Entry]
    var note: String

    init() {
        let keyed = DirectionOfTravel.Judgement.keyed
        entries = keyed.enumerated().map { index, judgement in
            Entry(arrow: judgement.arrow, word: judgement.word, separator: index == keyed.count - 1 ? "" : ", ")
        }
        note = DirectionOfTravel.keyNote
    }
}
