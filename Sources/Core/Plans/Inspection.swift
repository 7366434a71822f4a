/// An inspection that produced judgements and numbered recommendations a plan answers.
public struct Inspection: Sendable, Codable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case ilacs = "ILACS"
        case sif = "SIF"
        case jtai = "JTAI"
        case focusedVisit = "Focused visit"
        case monitoringVisit = "Monitoring visit"
        case areaSEND = "Area SEND"
    }

    public enum Grade: String, Sendable, Codable, CaseIterable {
        case outstanding = "Outstanding"
        case good = "Good"
        case requiresImprovement = "Requires improvement to be good"
        case inadequate = "Inadequate"
    }

    public struct Judgement: Sendable, Codable, Hashable {
        public var area: String
        public var grade: Grade
        public init(area: String, grade: Grade) {
            self.area = area
            self.grade = grade
        }
    }

    /// A numbered "what needs to improve" recommendation, tied to report paragraphs.
    public struct Recommendation: Sendable, Codable, Hashable {
        public var number: Int
        public var text: String
        public var paragraphs: [String]
        public init(number: Int, text: String, paragraphs: [String] = []) {
            self.number = number
            self.text = text
            self.paragraphs = paragraphs
        }
    }

    public var id: Int64
    public var organisationID: Int64
    public var kind: Kind
    public var startDate: Day
    public var publishedDate: Day?
    public var judgements: [Judgement]
    public var recommendations: [Recommendation]

    public init(id: Int64 = 0, organisationID: Int64, kind: Kind, startDate: Day, publishedDate: Day? = nil,
                judgements: [Judgement] = [], recommendations: [Recommendation] = []) {
        self.id = id
        self.organisationID = organisationID
        self.kind = kind
        self.startDate = startDate
        self.publishedDate = publishedDate
        self.judgements = judgements
        self.recommendations = recommendations
    }
}
