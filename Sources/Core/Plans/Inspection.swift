import Foundation

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

extension Inspection {
    /// What must hold before an inspection's details are stored: a report is published on or
    /// after the inspection starts; each recommendation has a number of its own and its text;
    /// each judgement names its area once.
    public static func errors(in inspection: Inspection) -> [ValidationError] {
        var errors: [ValidationError] = []
        if let published = inspection.publishedDate, published < inspection.startDate {
            errors.append(.init(field: "publishedDate", message: "The date the report was published must be on or after the inspection's start date"))
        }
        var areas = Set<String>()
        for (index, judgement) in inspection.judgements.enumerated() {
            let area = judgement.area.trimmingCharacters(in: .whitespacesAndNewlines)
            if area.isEmpty {
                errors.append(.init(field: "judgements[\(index)].area", message: "Enter the area judgement \(index + 1) is about, for example Overall effectiveness"))
            } else if area.count > PlanStructure.longestTitle {
                errors.append(.init(field: "judgements[\(index)].area", message: "The area of judgement \(index + 1) must be \(PlanStructure.longestTitle) characters or fewer"))
            } else if !areas.insert(area.lowercased()).inserted {
                errors.append(.init(field: "judgements[\(index)].area", message: "\(area) is judged twice: give each area one judgement"))
            }
        }
        var numbers = Set<Int>()
        for (index, recommendation) in inspection.recommendations.enumerated() {
            if recommendation.number < 1 || recommendation.number > 999 {
                errors.append(.init(field: "recommendations[\(index)].number", message: "A recommendation's number must be a whole number from 1 to 999"))
            } else if !numbers.insert(recommendation.number).inserted {
                errors.append(.init(field: "recommendations[\(index)].number", message: "Recommendation \(recommendation.number) is numbered twice: give each recommendation its own number"))
            }
            let text = recommendation.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                errors.append(.init(field: "recommendations[\(index)].text", message: "Enter what recommendation \(recommendation.number) says needs to improve"))
            } else if text.count > PlanStructure.longestText {
                errors.append(.init(field: "recommendations[\(index)].text", message: "Recommendation \(recommendation.number) must be 20,000 characters or fewer"))
            }
            if recommendation.paragraphs.joined().count > 1_000 {
                errors.append(.init(field: "recommendations[\(index)].paragraphs", message: "The paragraph references of recommendation \(recommendation.number) must be 1,000 characters or fewer"))
            }
        }
        return errors
    }

    /// The recommendations in number order, as the report lists them.
    public var recommendationsInOrder: [Recommendation] { recommendations.sorted { $0.number < $1.number } }

    /// The next free number for a new recommendation: one more than the highest.
    public var nextRecommendationNumber: Int { (recommendations.map(\.number).max() ?? 0) + 1 }
}
