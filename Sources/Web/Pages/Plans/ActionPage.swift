import Core

/// `/actions/{id}`: everything about one action, its delivery rating with the reasons, its
/// history, whether it is making a difference, and the forms a lead uses to update it.
struct ActionPage: PageModel, Sendable {
    static let template = Template.action
    /// The key under the arrows.
    var directionKey = DirectionKeyView()

    struct Banner: Sendable {
        var message: String
        var linkHref: String?
        var linkText: String?
    }

    struct ReprogrammingRow: Sendable {
        var fromText: String
        var toText: String
        var changedText: String
        var changedBy: String
        var reason: String
    }

    struct OverrideView: Sendable {
        var overrideBy: String
        var overrideOn: String
        var overrideReason: String
        /// "until 31 Mar 2027, after which the calculated rating applies again"; nil when open-ended.
        var overrideUntilText: String?
        var calculatedChip: Chip
        var calculatedReasons: [String]
    }

    struct MilestoneRow: Sendable {
        var milestoneTitle: String
        var milestoneDue: String
        var isComplete: Bool
        var completedText: String
        var isLate: Bool
        var completePostTo: String
    }

    struct UpdateRow: Sendable {
        var updateDate: String
        var updateAuthor: String
        var updateParagraphs: [String]
        /// "Status: In progress · 40% complete", or nil where the update set neither.
        var updateFacts: String?
    }

    struct EvidenceRow: Sendable {
        var evidenceDate: String
        var evidenceAuthor: String
        var evidenceParagraphs: [String]
    }

    struct JudgementView: Sendable {
        var judgementChip: Chip
        var judgementDate: String
        var judgementBy: String
        var judgementNote: String?
    }

    struct MeasureRow: Sendable {
        var code: String
        var measureTitle: String
        var measureHref: String
        var periodText: String
        var valueText: String
        var lastRecordedText: String?
        var targetText: String
        var measureChip: Chip
        var directionArrow: String?
        var directionWord: String
        var sparkline: String
    }

    var title: String
    var navPlans = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading: String
    var banner: Banner?
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var asAt: String
    var historyHref: String

    // About the action.
    var ref: String
    var themeText: String
    var areaText: String
    var areaHref: String
    var outcome: String?
    var leads: [String]
    var hasLeads: Bool
    var startText: String
    var dueText: String
    var reprogrammedText: String?
    var reprogrammings: [ReprogrammingRow]
    var hasReprogrammings: Bool
    var statusChip: Chip
    var percentText: String
    var completedOnText: String?

    // Delivery.
    var deliveryChip: Chip
    var deliveryReasons: [String]
    var override: OverrideView?
    var updateIsDue: Bool
    var updateReason: String

    var milestones: [MilestoneRow]
    var hasMilestones: Bool

    var updateForm: UpdateFormView
    var statusForm: StatusFormView
    var history: [UpdateRow]
    var hasHistory: Bool

    var evidence: [EvidenceRow]
    var hasEvidence: Bool

    var judgement: JudgementView?
    var suggestionChip: Chip
    var suggestionReasons: [String]
    var differenceForm: DifferenceFormView

    var measures: [MeasureRow]
    var hasMeasures: Bool

    /// Whether the signed-in person may change this action (shows the forms).
    var mayUpdate = true
    /// Whether they may edit the plan: change the action's details, milestones and rating.
    var mayEdit = false
    var editHref: String
    var milestonesHref: String
    var newActionHref: String
    var overrideForm: OverrideFormView
    var evidenceForm: EvidenceFormView

    /// The forms as the user left them, where a post was refused; nil shows a form fresh.
    struct Forms: Sendable {
        var update: UpdateFormView?
        var status: StatusFormView?
        var difference: DifferenceFormView?
        var override: OverrideFormView? = nil
        var evidence: EvidenceFormView? = nil
        var errors: [ErrorLink] = []
        /// A sentence above the error list (a change someone else made first).
        var errorIntro: String?
    }

    init(found: ActionInContext, measures linked: [Measure], asAt day: Day, suppression: SmallNumbers?,
         saved: String? = nil, forms: Forms = Forms(), signature: String = "") {
        let action = found.action
        let plan = found.plan
        title = (forms.errors.isEmpty ? "" : "Error: ") + "Action \(action.ref): \(action.title)"
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(plan.id).href, label: plan.title)]
        caption = "Action \(action.ref)"
        heading = action.title
        banner = ActionPage.banner(for: saved)
        hasErrors = !forms.errors.isEmpty
        errors = forms.errors
        errorIntro = forms.errorIntro
        asAt = day.formatted
        historyHref = Path.actionHistory(action.id).href

        ref = action.ref
        themeText = "\(found.theme.ref) \(found.theme.title)"
        areaText = "\(found.area.ref) \(found.area.title)"
        areaHref = Path.plan(plan.id).href(fragment: "area-\(found.area.id)")
        outcome = FormReading.trimmed(action.outcome)
        leads = action.leads
        hasLeads = !action.leads.isEmpty
        startText = action.startDate?.formatted ?? "No start date"
        dueText = action.dueDate?.formatted ?? "No due date"
        if action.isReprogrammed {
            reprogrammedText = action.originalDueDate.map { "Reprogrammed from \($0.formatted)" } ?? "Reprogrammed"
        }
        reprogrammings = action.reprogrammings.map {
            ReprogrammingRow(fromText: $0.from?.formatted ?? "No due date", toText: $0.to?.formatted ?? "No due date",
                             changedText: $0.changedOn.formatted, changedBy: $0.changedBy, reason: $0.reason)
        }
        hasReprogrammings = !action.reprogrammings.isEmpty
        statusChip = Chip(action.status)
        completedOnText = action.completedOn?.formatted

        let delivery = DeliveryRules.deliveryRating(of: action, asAt: day)
        // The figure the plan page, the exports and the API show (Blue counts as 100%), with the
        // recorded one beside it where they differ, so the lead sees what they entered.
        let shown = delivery.percentComplete(of: action)
        percentText = shown == action.percentComplete ? "\(shown)%" : "\(shown)% (rated Blue, which counts as 100%; \(action.percentComplete)% recorded)"
        deliveryChip = Chip(delivery.rating)
        if let override = delivery.override {
            var unrated = action
            unrated.override = nil
            let calculated = DeliveryRules.deliveryRating(of: unrated, asAt: day)
            self.override = OverrideView(overrideBy: override.by, overrideOn: override.on.formatted, overrideReason: override.reason,
                                         overrideUntilText: override.until.map { "It applies until \($0.formattedLong); after that the calculated rating applies again." },
                                         calculatedChip: Chip(calculated.rating), calculatedReasons: calculated.reasons)
            deliveryReasons = []
        } else {
            deliveryReasons = delivery.reasons
        }
        let update = DeliveryRules.updateStatus(of: action, cycle: plan.updateCycle, asAt: day)
        updateIsDue = update.isDue
        updateReason = update.reason

        milestones = action.milestones.map { milestone in
            MilestoneRow(
                milestoneTitle: milestone.title,
                milestoneDue: milestone.dueDate?.formatted ?? "No date",
                isComplete: milestone.isComplete,
                completedText: milestone.completedOn.map { "Complete, \($0.formatted)" } ?? "Not complete",
                isLate: !milestone.isComplete && (milestone.dueDate.map { $0 < day } ?? false),
                completePostTo: Path.milestoneCompletion(action.id, milestone: milestone.id).href)
        }
        hasMilestones = !action.milestones.isEmpty

        updateForm = forms.update ?? UpdateFormView(action: action, today: day, author: signature)
        statusForm = forms.status ?? StatusFormView(action: action)
        history = action.updates.sorted { ($0.date, $0.recordedAt, $0.id) > ($1.date, $1.recordedAt, $1.id) }.map { update in
            var facts: [String] = []
            if let status = update.status { facts.append("Status: \(status.word)") }
            if let percent = update.percentComplete { facts.append("\(percent)% complete") }
            return UpdateRow(updateDate: update.date.formatted, updateAuthor: update.authorRole.map { "\(update.author) (\($0))" } ?? update.author,
                             updateParagraphs: FormReading.paragraphs(update.text),
                             updateFacts: facts.isEmpty ? nil : facts.joined(separator: " · "))
        }
        hasHistory = !history.isEmpty

        // Newest first; of two on one day, the one added later first.
        evidence = action.evidence.enumerated().sorted { ($0.element.date, $0.offset) > ($1.element.date, $1.offset) }.map(\.element).map { entry in
            EvidenceRow(evidenceDate: entry.date.formatted, evidenceAuthor: entry.authorRole.map { "\(entry.author) (\($0))" } ?? entry.author,
                        evidenceParagraphs: FormReading.paragraphs(entry.text))
        }
        hasEvidence = !evidence.isEmpty
        editHref = Path.actionEdit(action.id).href
        milestonesHref = Path.actionMilestones(action.id).href
        newActionHref = Path.areaNewAction(found.area.id).href
        overrideForm = forms.override ?? OverrideFormView(action: action)
        evidenceForm = forms.evidence ?? EvidenceFormView(action: action, today: day, author: signature)

        judgement = action.difference.map {
            JudgementView(judgementChip: Chip($0.value), judgementDate: $0.date.formatted, judgementBy: $0.by,
                          judgementNote: FormReading.trimmed($0.note))
        }
        let (suggested, reasons) = MeasureRules.suggestedDifference(from: linked, suppression: suppression)
        suggestionChip = Chip(suggested)
        suggestionReasons = reasons
        differenceForm = forms.difference ?? DifferenceFormView(action: action, by: signature)

        measures = linked.map { measure in
            let snapshot = MeasureSnapshot(measure: measure, asAt: day, suppression: suppression)
            return MeasureRow(
                code: measure.code, measureTitle: measure.title, measureHref: Path.measure(measure.id).href,
                periodText: snapshot.period.readableLabel, valueText: snapshot.valueText,
                lastRecordedText: snapshot.lastRecordedText,
                targetText: snapshot.targetText ?? "No target",
                measureChip: Chip(snapshot.rating.rag),
                directionArrow: snapshot.previous.arrow.isEmpty ? nil : snapshot.previous.arrow,
                directionWord: snapshot.previous.word,
                sparkline: snapshot.sparkline())
        }
        hasMeasures = !linked.isEmpty
    }

    static func banner(for saved: String?) -> Banner? {
        switch saved {
        case "update": Banner(message: "Your progress update has been added.", linkHref: "#progress-history", linkText: "See it in the progress history")
        case "status": Banner(message: "The status and % complete have been saved.", linkHref: nil, linkText: nil)
        // What `ProgressRules` set for the person, said where they land (`CompleteQuestion.savedSuffix`).
        case "update-full": Banner(message: "Your progress update has been added. An action marked complete is 100% complete, so % complete is now 100%.",
                                   linkHref: "#progress-history", linkText: "See it in the progress history")
        case "update-started": Banner(message: "Your progress update has been added. A % complete above 0 means work has begun, so the status is now In progress.",
                                      linkHref: "#progress-history", linkText: "See it in the progress history")
        case "status-full": Banner(message: "The status has been saved. An action marked complete is 100% complete, so % complete is now 100%.", linkHref: nil, linkText: nil)
        case "status-started": Banner(message: "The % complete has been saved. A % complete above 0 means work has begun, so the status is now In progress.", linkHref: nil, linkText: nil)
        case "milestone": Banner(message: "The milestone has been marked complete.", linkHref: "#milestones", linkText: "See the milestones")
        case "difference": Banner(message: "Your judgement of whether the action is making a difference has been recorded.", linkHref: "#difference", linkText: "See the judgement")
        case "details": Banner(message: "The action's details have been saved.", linkHref: nil, linkText: nil)
        case "override": Banner(message: "The rating has been overridden.", linkHref: "#delivery", linkText: "See the rating and the reason")
        case "override-removed": Banner(message: "The override has been removed: the calculated rating applies.", linkHref: "#delivery", linkText: "See the rating")
        case "evidence": Banner(message: "Your evidence of impact has been added.", linkHref: "#evidence", linkText: "See the evidence")
        case "milestones": Banner(message: "The milestones have been saved.", linkHref: "#milestones", linkText: "See the milestones")
        case "created": Banner(message: "The action has been added to the plan.", linkHref: nil, linkText: nil)
        default: nil
        }
    }
}
