/// Where plans, actions and measures are kept. Implemented by the Store module (SQLite, and
/// PostgreSQL later); the web and the command line see only this.
///
/// Every call names the organisation: a record of another organisation is "not found", whatever
/// its id. Every write is one transaction.
public protocol PlanStore: Sendable {
    func organisations() async throws -> [Organisation]
    func organisation(named name: String) async throws -> Organisation?
    func createOrganisation(_ organisation: Organisation) async throws -> Organisation

    func inspection(id: Int64, organisationID: Int64) async throws -> Inspection

    func plans(organisationID: Int64) async throws -> [Plan]
    func area(id: Int64, organisationID: Int64) async throws -> Area
    /// Applies `edit` to the plan's own fields (title, period, update cycle) in one transaction;
    /// refused with `StoreError.staleVersion` when `expectedVersion` is not the stored version.
    func editPlan(id: Int64, organisationID: Int64, expectedVersion: Int?,
                  _ edit: @Sendable (inout Plan) throws -> Void) async throws -> Plan
    /// Applies `edit` to an area's text (title, lead, focus, objectives…); its place in the plan
    /// does not change. Refused with `StoreError.staleVersion` on an older version.
    func editArea(id: Int64, organisationID: Int64, expectedVersion: Int?,
                  _ edit: @Sendable (inout Area) throws -> Void) async throws -> Area
    /// A plan with its themes, areas and actions. With `fullHistory` false, each action carries
    /// only its latest progress update (enough for the overview and the ratings).
    func planContents(id: Int64, organisationID: Int64, fullHistory: Bool) async throws -> PlanContents
    /// Stores a whole plan (with its inspection and measures) in one transaction: all or nothing.
    func createPlan(_ draft: PlanDraft) async throws -> Plan
    /// Stores several plans (the plans of one imported file) in one transaction: all of them, or
    /// none when any fails validation (every plan's errors are reported, fields prefixed `plans[i].`).
    func createPlans(_ drafts: [PlanDraft]) async throws -> [Plan]

    /// Adds an action (with its milestones and measure links) to an area.
    func createAction(_ action: Action, organisationID: Int64) async throws -> Action
    /// An action with its full history and where it sits in the plan.
    func action(id: Int64, organisationID: Int64) async throws -> ActionInContext
    /// Applies `edit` to the stored action in one transaction. Refused with
    /// `StoreError.staleVersion` when `expectedVersion` is given and is not the stored version.
    func editAction(id: Int64, organisationID: Int64, expectedVersion: Int?,
                    _ edit: @Sendable (inout Action) throws -> Void) async throws -> Action
    /// Appends a progress update (history is never overwritten) and applies the status and
    /// % complete it carries to the action.
    func addProgressUpdate(_ update: ProgressUpdate, organisationID: Int64, expectedVersion: Int?) async throws -> (ProgressUpdate, Action)

    func measures(organisationID: Int64) async throws -> [Measure]
    func measures(ids: [Int64], organisationID: Int64) async throws -> [Measure]
    func measure(id: Int64, organisationID: Int64) async throws -> Measure
    func createMeasure(_ measure: Measure) async throws -> Measure
    func editMeasure(id: Int64, organisationID: Int64, expectedVersion: Int?,
                     _ edit: @Sendable (inout Measure) throws -> Void) async throws -> Measure
    /// Records a value for a period. A period that already has a value is refused with
    /// `StoreError.conflict` unless `replace` is true.
    func recordValue(_ value: MeasureValue, measureID: Int64, organisationID: Int64, replace: Bool) async throws -> MeasureValue
    /// Actions that link to a measure.
    func actionsLinked(toMeasure measureID: Int64, organisationID: Int64) async throws -> [Action]
}

public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(entity: String, id: String)
    /// The record changed since the editor loaded it.
    case staleVersion(entity: String, id: Int64, expected: Int, current: Int)
    case conflict(String)

    public var description: String {
        switch self {
        case let .notFound(entity, id):
            "There is no \(entity) \(id)"
        case let .staleVersion(entity, id, expected, current):
            "The \(entity) \(id) was changed by someone else since you opened it (you edited version \(expected); it is now version \(current)). Reload it and make your change again."
        case let .conflict(message):
            message
        }
    }
}

/// A plan as stored: its themes, areas and actions, in order.
public struct PlanContents: Sendable, Codable, Hashable {
    public var plan: Plan
    public var inspection: Inspection?
    public var themes: [Theme]
    public var areas: [Area]
    public var actions: [Action]

    public init(plan: Plan, inspection: Inspection? = nil, themes: [Theme], areas: [Area], actions: [Action]) {
        self.plan = plan
        self.inspection = inspection
        self.themes = themes
        self.areas = areas
        self.actions = actions
    }

    public func areas(in theme: Theme) -> [Area] { areas.filter { $0.themeID == theme.id } }
    public func actions(in area: Area) -> [Action] { actions.filter { $0.areaID == area.id } }
}

/// An action with the area, theme and plan it belongs to.
public struct ActionInContext: Sendable, Codable, Hashable {
    public var action: Action
    public var area: Area
    public var theme: Theme
    public var plan: Plan

    public init(action: Action, area: Area, theme: Theme, plan: Plan) {
        self.action = action
        self.area = area
        self.theme = theme
        self.plan = plan
    }
}

/// A whole plan to store at once: from the demo, an import, or the API.
public struct PlanDraft: Sendable, Codable, Hashable {
    public struct ThemeDraft: Sendable, Codable, Hashable {
        public var theme: Theme
        public var areas: [AreaDraft]
        public init(theme: Theme, areas: [AreaDraft]) {
            self.theme = theme
            self.areas = areas
        }
    }

    public struct AreaDraft: Sendable, Codable, Hashable {
        public var area: Area
        public var actions: [ActionDraft]
        public init(area: Area, actions: [ActionDraft]) {
            self.area = area
            self.actions = actions
        }
    }

    public struct ActionDraft: Sendable, Codable, Hashable {
        public var action: Action
        /// Codes of the measures (in this draft or already stored) the action links to.
        public var measureCodes: [String]
        public init(action: Action, measureCodes: [String] = []) {
            self.action = action
            self.measureCodes = measureCodes
        }
    }

    public var plan: Plan
    public var inspection: Inspection?
    public var themes: [ThemeDraft]
    /// Measures to create; a code already stored for the organisation is linked, not duplicated.
    public var measures: [Measure]

    public init(plan: Plan, inspection: Inspection? = nil, themes: [ThemeDraft], measures: [Measure] = []) {
        self.plan = plan
        self.inspection = inspection
        self.themes = themes
        self.measures = measures
    }
}
