import Core

/// The header: one row a child, the details the breakdowns read.
public struct SSDA903Child: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    /// `SEX`: 1 male, 2 female.
    public var sex: String?
    public var dateOfBirth: Day?
    /// `ETHNIC`: the DfE code (`WBRI`, `MWBC`, …).
    public var ethnicity: String?
    public var upn: String?
    /// `MOTHER`: 1 when the child is a mother, 0 when not.
    public var mother: String?
    public var motherChildDateOfBirth: Day?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, sex: String? = nil, dateOfBirth: Day? = nil, ethnicity: String? = nil,
                upn: String? = nil, mother: String? = nil, motherChildDateOfBirth: Day? = nil) {
        self.source = source; self.childID = childID; self.sex = sex; self.dateOfBirth = dateOfBirth; self.ethnicity = ethnicity
        self.upn = upn; self.mother = mother; self.motherChildDateOfBirth = motherChildDateOfBirth
    }

    /// `SEX` in words, as the breakdowns show it.
    public var genderText: String? {
        switch sex {
        case "1": "Male"
        case "2": "Female"
        default: nil
        }
    }
}

/// One episode of care: a period with one placement and one legal status.
public struct SSDA903Episode: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    /// `DECOM`: the day the episode started.
    public var start: Day?
    /// `RNE`: S started to be looked after, P change of placement, L change of legal status,
    /// T both, U and B both at once with a change of carer.
    public var reasonNewEpisode: String?
    /// `LS`: legal status (C2 care order, V2 section 20, E1 placement order, …).
    public var legalStatus: String?
    /// `CIN`: category of need, N1–N8.
    public var categoryOfNeed: String?
    /// `PLACE`: placement type (U1–U6 foster, A3–A6 placed for adoption, …).
    public var placement: String?
    public var placementProvider: String?
    /// `DEC`: the day the episode ended; nil while it is open.
    public var end: Day?
    /// `REC`: reason the episode ceased (X1 the episode ends but care goes on; E11/E12 adopted; …).
    public var reasonEnded: String?
    public var reasonPlaceChange: String?
    public var homePostcode: String?
    public var placementPostcode: String?
    public var urn: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, start: Day?, reasonNewEpisode: String? = nil, legalStatus: String? = nil,
                categoryOfNeed: String? = nil, placement: String? = nil, placementProvider: String? = nil, end: Day? = nil,
                reasonEnded: String? = nil, reasonPlaceChange: String? = nil, homePostcode: String? = nil,
                placementPostcode: String? = nil, urn: String? = nil) {
        self.source = source; self.childID = childID; self.start = start; self.reasonNewEpisode = reasonNewEpisode
        self.legalStatus = legalStatus; self.categoryOfNeed = categoryOfNeed; self.placement = placement
        self.placementProvider = placementProvider; self.end = end; self.reasonEnded = reasonEnded
        self.reasonPlaceChange = reasonPlaceChange; self.homePostcode = homePostcode; self.placementPostcode = placementPostcode
        self.urn = urn
    }
}

/// One review of a child's care plan and how the child took part.
public struct SSDA903Review: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var dateOfBirth: Day?
    public var date: Day?
    /// `REVIEW_CODE`: PN0 (under 4) to PN7 (did not take part).
    public var participation: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, dateOfBirth: Day? = nil, date: Day?, participation: String? = nil) {
        self.source = source; self.childID = childID; self.dateOfBirth = dateOfBirth; self.date = date; self.participation = participation
    }
}

/// An unaccompanied asylum-seeking child.
public struct SSDA903UASC: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var sex: String?
    public var dateOfBirth: Day?
    /// `DUC`: the day the child stopped being an unaccompanied asylum-seeking child (18th birthday at the latest).
    public var ceased: Day?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, sex: String? = nil, dateOfBirth: Day? = nil, ceased: Day? = nil) {
        self.source = source; self.childID = childID; self.sex = sex; self.dateOfBirth = dateOfBirth; self.ceased = ceased
    }
}

/// OC2: outcomes for a child looked after continuously for 12 months at 31 March.
public struct SSDA903Outcomes: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var dateOfBirth: Day?
    /// `SDQ_SCORE`: 0–40.
    public var sdqScore: Int?
    /// `SDQ_REASON`: SDQ1–SDQ5, why there is no score.
    public var sdqReason: String?
    public var convicted: Bool?
    public var healthCheck: Bool?
    public var immunisations: Bool?
    public var teethCheck: Bool?
    public var healthAssessment: Bool?
    public var substanceMisuse: Bool?
    public var interventionReceived: Bool?
    public var interventionOffered: Bool?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, dateOfBirth: Day? = nil) {
        self.source = source; self.childID = childID; self.dateOfBirth = dateOfBirth
    }
}

/// OC3: a care leaver around their 17th to 21st birthday.
public struct SSDA903CareLeaver: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var dateOfBirth: Day?
    /// `IN_TOUCH`: YES, NO, DIED, REFU, NREQ, RHOM.
    public var inTouch: String?
    /// `ACTIV`: F1/P1 higher education, F2/P2 other education, F4/P4 employment, F5/P5 training, G4–G6 not in EET.
    public var activity: String?
    /// `ACCOM`: a letter for the kind of accommodation and 1 suitable or 2 unsuitable.
    public var accommodation: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, dateOfBirth: Day? = nil, inTouch: String? = nil,
                activity: String? = nil, accommodation: String? = nil) {
        self.source = source; self.childID = childID; self.dateOfBirth = dateOfBirth; self.inTouch = inTouch
        self.activity = activity; self.accommodation = accommodation
    }
}

/// AD1: a child adopted in the year.
public struct SSDA903Adoption: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var dateOfBirth: Day?
    /// `DATE_INT`: the agency decision that the child should be placed for adoption.
    public var decision: Day?
    /// `DATE_MATCH`: matched with the prospective adopters.
    public var matched: Day?
    /// `FOSTER_CARE`: adopted by their former foster carers.
    public var byFosterCarers: Bool?
    public var numberOfAdopters: String?
    public var sexOfAdopters: String?
    public var legalStatusOfAdopters: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, dateOfBirth: Day? = nil, decision: Day? = nil, matched: Day? = nil,
                byFosterCarers: Bool? = nil) {
        self.source = source; self.childID = childID; self.dateOfBirth = dateOfBirth; self.decision = decision
        self.matched = matched; self.byFosterCarers = byFosterCarers
    }
}

/// A decision that a child should be placed for adoption, and its reversal if any.
public struct SSDA903PlacedForAdoption: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var dateOfBirth: Day?
    /// `DATE_PLACED`: the decision that the child should be placed for adoption.
    public var decision: Day?
    /// `DATE_PLACED_CEASED`: the decision that the child should no longer be placed for adoption.
    public var reversed: Day?
    /// `REASON_PLACED_CEASED`: RD1–RD4.
    public var reasonReversed: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, dateOfBirth: Day? = nil, decision: Day? = nil, reversed: Day? = nil,
                reasonReversed: String? = nil) {
        self.source = source; self.childID = childID; self.dateOfBirth = dateOfBirth; self.decision = decision
        self.reversed = reversed; self.reasonReversed = reasonReversed
    }
}

/// The permanence a child had before this period of care.
public struct SSDA903PreviousPermanence: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var dateOfBirth: Day?
    /// `PREV_PERM`: P1 adoption, P2 special guardianship, P3 residence/child arrangements, P4 other, Z1 none known.
    public var option: String?
    public var localAuthority: String?
    /// `DATE_PERM` as given: the DfE allows unknown parts as `zz` (`zz/zz/2015`), so it is kept as text.
    public var date: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, dateOfBirth: Day? = nil, option: String? = nil,
                localAuthority: String? = nil, date: String? = nil) {
        self.source = source; self.childID = childID; self.dateOfBirth = dateOfBirth; self.option = option
        self.localAuthority = localAuthority; self.date = date
    }
}

/// A period missing (`M`) or away without authorisation (`A`) from placement.
public struct SSDA903MissingEpisode: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var dateOfBirth: Day?
    /// `MISSING`: M missing, A away from placement without authorisation.
    public var kind: String?
    public var start: Day?
    public var end: Day?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, dateOfBirth: Day? = nil, kind: String? = nil, start: Day?, end: Day? = nil) {
        self.source = source; self.childID = childID; self.dateOfBirth = dateOfBirth; self.kind = kind; self.start = start; self.end = end
    }
}

/// A period with one allocated social worker.
public struct SSDA903SocialWorkerEpisode: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var dateOfBirth: Day?
    public var workerID: String?
    public var start: Day?
    public var end: Day?
    /// `SW_REASON`: why the episode ended (MANAGE, FIXED, OTHERS, …).
    public var reason: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, dateOfBirth: Day? = nil, workerID: String? = nil, start: Day?,
                end: Day? = nil, reason: String? = nil) {
        self.source = source; self.childID = childID; self.dateOfBirth = dateOfBirth; self.workerID = workerID
        self.start = start; self.end = end; self.reason = reason
    }
}

/// Every table of an SSDA903 return, as read.
public struct SSDA903Return: Sendable, Hashable {
    public var children: [SSDA903Child] = []
    public var episodes: [SSDA903Episode] = []
    public var reviews: [SSDA903Review] = []
    public var uasc: [SSDA903UASC] = []
    public var outcomes: [SSDA903Outcomes] = []
    public var careLeavers: [SSDA903CareLeaver] = []
    public var adoptions: [SSDA903Adoption] = []
    public var placedForAdoption: [SSDA903PlacedForAdoption] = []
    public var previousPermanence: [SSDA903PreviousPermanence] = []
    public var missing: [SSDA903MissingEpisode] = []
    public var socialWorkerEpisodes: [SSDA903SocialWorkerEpisode] = []

    public init() {}

    public var isEmpty: Bool {
        children.isEmpty && episodes.isEmpty && reviews.isEmpty && uasc.isEmpty && outcomes.isEmpty && careLeavers.isEmpty
            && adoptions.isEmpty && placedForAdoption.isEmpty && previousPermanence.isEmpty && missing.isEmpty
            && socialWorkerEpisodes.isEmpty
    }

    /// Adds everything in `other`.
    public mutating func merge(_ other: SSDA903Return) {
        children += other.children; episodes += other.episodes; reviews += other.reviews; uasc += other.uasc
        outcomes += other.outcomes; careLeavers += other.careLeavers; adoptions += other.adoptions
        placedForAdoption += other.placedForAdoption; previousPermanence += other.previousPermanence
        missing += other.missing; socialWorkerEpisodes += other.socialWorkerEpisodes
    }
}
