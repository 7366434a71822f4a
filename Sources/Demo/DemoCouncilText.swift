import Foundation
import Core

/// The words of the demo plan: the inspection, and the themes, areas and actions a fictional
/// council wrote in response. People are named by role; partners are fictional.
enum DemoCouncilText {
    static func inspection(organisationID: Int64, asAt today: Day) -> Inspection {
        // Inspections start on a Monday; the report follows about seven weeks later.
        var start = today.adding(months: -16)
        start = start.adding(days: -(start.weekday - 1))
        let ri = Inspection.Grade.requiresImprovement
        return Inspection(
            organisationID: organisationID, kind: .ilacs, startDate: start, publishedDate: start.adding(days: 53),
            judgements: [
                .init(area: "The impact of leaders on social work practice with children and families", grade: ri),
                .init(area: "The experiences and progress of children who need help and protection", grade: ri),
                .init(area: "The experiences and progress of children in care", grade: .good),
                .init(area: "The experiences and progress of care leavers", grade: ri),
                .init(area: "Overall effectiveness", grade: ri),
            ],
            recommendations: [
                .init(number: 1, text: "The timeliness of assessments and the pace of decision-making for children at the front door.",
                      paragraphs: ["Paragraph 2", "Paragraph 3", "Paragraph 6"]),
                .init(number: 2, text: "The quality and clarity of child in need and child protection plans, and how well they are reviewed.",
                      paragraphs: ["Paragraph 9", "Paragraph 11"]),
                .init(number: 3, text: "The quality and timeliness of pathway plans for care leavers, and the recording of permanence decisions for children in care.",
                      paragraphs: ["Paragraph 27", "Paragraph 38", "Paragraph 39"]),
                .init(number: 4, text: "The effectiveness of supervision and management oversight in preventing drift and delay for children.",
                      paragraphs: ["Paragraph 15", "Paragraph 52"]),
                .init(number: 5, text: "The timeliness and accessibility of children's records, including case summaries and chronologies.",
                      paragraphs: ["Paragraph 54", "Paragraph 55"]),
                .init(number: 6, text: "The response to children at risk of exploitation and to children who go missing, including the timeliness and use of return home interviews.",
                      paragraphs: ["Paragraph 17", "Paragraph 18", "Paragraph 31"]),
                .init(number: 7, text: "The stability and capacity of the social work workforce, including caseloads in the assessment teams.",
                      paragraphs: ["Paragraph 49"]),
                .init(number: 8, text: "The use of performance information and quality assurance by leaders to understand the impact of practice on children.",
                      paragraphs: ["Paragraph 47", "Paragraph 50"]),
            ])
    }

    static func themes() -> [DemoThemeSpec] {
        [assessment(), planning(), supervision(), recording(), exploitation(), leadership()]
    }

    // MARK: - 1. Assessment

    static func assessment() -> DemoThemeSpec {
        DemoThemeSpec(ref: "1", title: "Assessment", areas: [
            DemoAreaSpec(
                ref: "1", title: "Timely, well-directed assessments from the front door", recommendation: 1,
                improvementLead: "Head of Service, Front Door and Assessment",
                coreFocus: "The timeliness and quality of assessments of children's needs, and the pace of decision-making from contact to assessment.",
                issues: [
                    .init(heading: "The pace of decision-making",
                          quote: "When concerns for children are judged to be at a lower level, contacts are not always progressed swiftly, and some children wait too long for a decision about the help they need.",
                          paragraphs: ["Paragraph 2"]),
                    .init(heading: "Managers' direction at allocation",
                          quote: "In the Children's Advice and Support Hub, managers' written direction at the point of allocation is brief. It does not set out what practitioners are expected to do, or by when.",
                          paragraphs: ["Paragraph 3"]),
                    .init(heading: "Timeliness of assessments",
                          quote: "Too many assessments take longer than needed to complete. This delays decisions and the help that children and their families receive.",
                          paragraphs: ["Paragraph 6"]),
                    .init(heading: "Children's voices",
                          quote: "Children are seen during assessments, but their wishes and feelings are not always recorded clearly or used to shape the analysis.",
                          paragraphs: ["Paragraph 6"]),
                ],
                objectives: [
                    "Contacts, referrals and assessments are progressed within timescales proportionate to the level of risk to the child, and management information shows this.",
                    "Managers' direction is recorded on the child's record at the point of allocation and at each key decision, so practitioners know what is required and by when.",
                    "Children are seen, and seen alone where appropriate, and their views shape the analysis and the plan.",
                ],
                whyItMatters: "Delay at the start of a child's journey means risk is not understood and help does not arrive when families are most ready to accept it. Timely, well-directed assessments are the foundation of every plan that follows.",
                whatGoodLooksLike: "At least 90% of assessments are completed within 45 working days, with the child seen and their views recorded; contacts are decided within their timescale; managers' direction is clear on every record at allocation; re-referrals fall towards the statistical neighbour average.",
                actions: [
                    DemoActionSpec(
                        ref: "1.1",
                        title: "Put new processes in place across the Assessment Service to improve the timeliness of child and family assessments: daily allocation meetings, day 25 reviews booked as standard, day 35 'stuck case' discussions, and cover arrangements when team managers are on leave.",
                        outcome: "Assessments are completed within 45 working days, with drift picked up before the deadline is missed.",
                        leads: ["Service Manager, Assessment"], scenario: .complete(on: -150), start: -360, due: -120,
                        milestones: [("Daily allocation meetings in place", -330), ("Day 25 reviews booked as standard", -300),
                                     ("Day 35 discussions embedded and reviewed", -160)],
                        notes: [
                            "Daily allocation meetings started in all three assessment teams. Attendance by team managers and assistant team managers has been consistent.",
                            "Day 25 reviews are now booked automatically when an assessment opens: the case management system step has been amended to prompt them.",
                            "Day 35 'stuck case' discussions were held for 41 children this month; most delays related to waiting for information from partners.",
                            "All three processes are embedded. The action is complete; monitoring moves to the monthly performance clinic (action 3.6).",
                        ],
                        measures: ["ASM-45WD"],
                        evidence: [(-100, "Assessments completed within 45 working days have risen from 64% in the quarter before the changes to 77% in the latest quarter. Team managers report that day 25 reviews catch drift before the deadline is missed.")],
                        difference: .init(value: .someDifference, on: -45, note: "Timeliness has improved month on month but is only now reaching the 80% interim target; it needs to be sustained.")),
                    DemoActionSpec(
                        ref: "1.2",
                        title: "Develop risk-based timescales for contacts in the Children's Advice and Support Hub: 4 hours for a strategy discussion decision on child protection referrals, 24 hours where the threshold for assessment is met, and 72 hours for all other contacts.",
                        outcome: "Every contact is decided within a timescale that matches the risk, and performance data shows adherence for each category.",
                        leads: ["Service Manager, Children's Advice and Support Hub"], scenario: .complete(on: -40), start: -330, due: -30,
                        milestones: [("Proposal agreed by the Departmental Leadership Team", -280), ("Case management system changes specified", -220),
                                     ("Revised timescales live", -120), ("Post-implementation review", -45)],
                        notes: [
                            "Proposal for risk-based timescales drafted and presented to the Departmental Leadership Team, which agreed it.",
                            "Changes to the contact record and the reporting specified with the systems team; testing planned.",
                            "Revised timescales went live. Hub staff briefed at two team meetings; a laminated guide is on every desk.",
                            "Post-implementation review complete: timescales are understood and the new report splits performance by category. Action complete.",
                        ],
                        measures: ["CON-TIMELY", "CON-CONV"],
                        evidence: [(-20, "Since the revised timescales went live, more than nine in ten contacts each month have had a decision within their timescale, and strategy decisions on child protection referrals are now tracked separately.")],
                        difference: .init(value: .makingADifference, on: -20, note: "Contacts decided within timescale has met its target for the last eleven months.")),
                    DemoActionSpec(
                        ref: "1.3",
                        title: "Set a clear practice standard for manager case direction at the point of allocation (the activity required, the timescale and the reason) and audit compliance monthly.",
                        outcome: "Practitioners have clear, recorded direction on every child's record from the day the case is allocated.",
                        leads: ["Head of Service, Front Door and Assessment"], scenario: .onTrack, start: -200, due: 100,
                        milestones: [("Practice standard published", -150), ("First monthly compliance audit", -90),
                                     ("Audit findings reported to the Improvement Board", 40)],
                        notes: [
                            "Draft case direction standard written with team managers from the hub and the assessment teams.",
                            "Standard published on the practice hub and briefed at the managers' forum; 38 managers attended.",
                            "First compliance audit of 60 allocations found clear direction on 71% of records; each manager has had individual feedback.",
                            "Second audit round shows 82% compliance. Remaining gaps are mostly on cases allocated during duty cover; the duty rota is being adjusted.",
                        ],
                        measures: ["ASM-45WD"]),
                    DemoActionSpec(
                        ref: "1.4",
                        title: "Refresh the assessment template so the child's wishes and feelings, and whether they were seen alone, are recorded in a dedicated section that feeds the analysis.",
                        outcome: "Children's views are visible in every assessment and shape its conclusions.",
                        leads: ["Principal Social Worker", "Service Manager, Assessment"], scenario: .milestoneLate, start: -170, due: 130,
                        milestones: [("Template options tested with practitioners", -120), ("Young advisers' feedback on the wording", -60),
                                     ("Revised template live", -20), ("Thematic dip sample of 30 assessments", 100)],
                        notes: [
                            "Two versions of the 'my views' section drafted with practitioners from each assessment team.",
                            "The Children in Care Council's young advisers reviewed the wording; their suggestions have been adopted in full.",
                            "Go-live has slipped: the supplier postponed the case management system release that carries the new template. A new release date is expected next month.",
                        ],
                        measures: ["ASM-ALONE"],
                        difference: .init(value: .notYet, on: -10, note: "Children seen alone is rising but remains below the 70% interim target; the new template is not yet live.")),
                    DemoActionSpec(
                        ref: "1.5",
                        title: "Agree with Northmoor Police and Northmoor ICB a joint standard for the timeliness and attendance of strategy discussions, with a weekly tracker of delays.",
                        outcome: "Strategy discussions happen promptly, with police, health and social care present, for every child who needs one.",
                        leads: ["Service Manager, Children's Advice and Support Hub", "Detective Inspector, Northmoor Police Public Protection Unit",
                                "Designated Nurse for Safeguarding, Northmoor ICB"],
                        scenario: .overdue(percent: 80), start: -280, due: -25,
                        milestones: [("Joint standard drafted", -220), ("Weekly delay tracker in use", -150),
                                     ("Standard signed off by the Safeguarding Partnership executive", -25)],
                        notes: [
                            "First meeting of police, health and hub managers held; current delays mapped from the last quarter's strategy discussions.",
                            "Joint standard drafted: strategy discussions within 4 hours for child protection referrals, with police and health attendance expected.",
                            "Weekly delay tracker in use in the hub. Most delays are waiting for health attendance out of hours.",
                            "The standard is agreed at officer level, but the Safeguarding Partnership executive meeting was cancelled. Sign-off is now expected at its next meeting.",
                        ],
                        measures: ["CON-TIMELY"],
                        rescheduled: .init(from: -90, changedOn: -100, changedBy: "Northmoor Safeguarding Children Partnership Business Manager",
                                           reason: "Sign-off moved to a later partnership executive meeting because national police guidance on strategy discussions was being revised.")),
                    DemoActionSpec(
                        ref: "1.6",
                        title: "Audit 40 children re-referred within 12 months to understand why earlier help did not last, and act on the findings.",
                        outcome: "We understand why families come back, and step-down and closure decisions change as a result.",
                        leads: ["Head of Quality Assurance"], scenario: .behind, start: -150, due: 25,
                        milestones: [("Audit sample and tool agreed", -110), ("All 40 audits completed", 10),
                                     ("Findings reported to the Improvement Board", 25)],
                        notes: [
                            "Sample of 40 re-referred children drawn and the audit tool agreed with the Head of Service.",
                            "Twelve audits completed; early themes are closure without a step-down plan and missed school information.",
                            "Only 22 of the 40 audits are complete: two auditors were redeployed to cover vacancies in the assessment teams. An external auditor is being sourced to finish the sample.",
                        ],
                        measures: ["REF-REPEAT"]),
                    DemoActionSpec(
                        ref: "1.7",
                        title: "Introduce joint step-down meetings with the family and the Early Help key worker before a case closes to children's social care.",
                        outcome: "Families stepping down keep the help that works, and fewer children are re-referred.",
                        leads: ["Service Manager, Early Help", "Service Manager, Assessment"], scenario: .onTrack, start: -300, due: 18,
                        milestones: [("Step-down protocol agreed", -240), ("Joint meetings in place in all teams", -150),
                                     ("Review of the first six months", 15)],
                        notes: [
                            "Step-down protocol drafted with Early Help team managers.",
                            "Protocol agreed; joint step-down meetings piloted in the east locality team.",
                            "Joint meetings now in place across all teams; 57 families stepped down with a joint meeting this quarter.",
                            "Six-month review under way: families and key workers are being asked what helped.",
                        ],
                        measures: ["REF-REPEAT"]),
                    DemoActionSpec(
                        ref: "1.8",
                        title: "Commission an independent review, with partners, of how thresholds are applied at the front door, and refresh the Northmoor threshold document.",
                        outcome: "Partners and social workers share an understanding of thresholds, and contacts lead to the right response first time.",
                        leads: ["Assistant Director, Children's Social Care", "Northmoor Safeguarding Children Partnership Business Manager"],
                        scenario: .future, start: 45, due: 240,
                        milestones: [("Independent reviewer commissioned", 60), ("Multi-agency threshold workshops", 150),
                                     ("Refreshed threshold document published", 240)],
                        notes: [], measures: ["CON-CONV"]),
                ]),
        ])
    }

    // MARK: - 2. Planning

    static func planning() -> DemoThemeSpec {
        DemoThemeSpec(ref: "2", title: "Planning", areas: [
            DemoAreaSpec(
                ref: "2.1", title: "Child in need and child protection plans", recommendation: 2,
                improvementLead: "Service Manager, Child Protection and Reviewing",
                coreFocus: "The quality, clarity and timeliness of child in need and child protection plans, and how well they are reviewed.",
                issues: [
                    .init(heading: "Quality and consistency",
                          quote: "Child in need and child protection plans vary in quality. Many are long, with numerous actions, and the most important concerns are not clear.",
                          paragraphs: ["Paragraph 9"]),
                    .init(heading: "Review of child in need plans",
                          quote: "Child in need plans are not reviewed often enough, so some children remain on plans that are not helping them to make progress.",
                          paragraphs: ["Paragraph 11"]),
                    .init(heading: "Oversight between conferences",
                          quote: "Oversight of children's progress between child protection conferences does not consistently lead to timely action when plans are not working.",
                          paragraphs: ["Paragraph 11"]),
                ],
                objectives: [
                    "Plans are concise, specific and outcome-focused, written so that families understand what must change and by when.",
                    "Child in need plans are reviewed at least every three months, and child protection plans at every core group and conference.",
                    "Child protection chairs track children's progress between conferences and escalate drift.",
                ],
                whyItMatters: "A clear plan is how a family knows what must change, and how professionals hold each other to account. Unclear plans lead to drift, repeat plans and children waiting too long for their lives to improve.",
                whatGoodLooksLike: "Plans are short and understood by families; 90% of child in need plans are reviewed in timescale; second and subsequent child protection plans fall below 18%; audits rate planning good or better in at least three quarters of cases.",
                actions: [
                    DemoActionSpec(
                        ref: "2.1.1",
                        title: "Design a new child's plan template with practitioners and families: develop two options with team managers, test them on ten live cases, and gather parents' views before building the preferred option.",
                        outcome: "A clearer, simpler plan that families say they understand.",
                        leads: ["Service Manager, Child Protection and Reviewing", "Principal Social Worker"],
                        scenario: .complete(on: -200), start: -365, due: -180,
                        milestones: [("Two template options developed", -320), ("Feedback gathered from families", -270),
                                     ("Preferred template built and tested", -215)],
                        notes: [
                            "Two template options developed by practice consultants with team managers.",
                            "Plans for ten families transposed onto both options; social workers gathered each family's views.",
                            "Families preferred option 2 almost unanimously. It has been built in the case management system and user acceptance testing is complete.",
                            "New template live for all new and reviewed plans. Action complete.",
                        ],
                        measures: ["CIN-REV"],
                        evidence: [(-150, "Parents in nine of the ten test families preferred the shorter template. An audit of 30 plans written since launch found a clear 'what needs to change' statement in 24.")],
                        difference: .init(value: .someDifference, on: -90, note: "Plans are shorter and clearer in audit; review timeliness is improving along its trajectory.")),
                    DemoActionSpec(
                        ref: "2.1.2",
                        title: "Roll out the new plan template with planning workshops for all social workers and team managers, including writing SMART, outcome-focused actions.",
                        outcome: "Practitioners are confident writing plans that set out what must change, who will do what, and by when.",
                        leads: ["Principal Social Worker", "Learning and Development Manager"],
                        scenario: .complete(on: -90), start: -220, due: -75,
                        milestones: [("Workshop programme designed", -190), ("All teams trained", -100)],
                        notes: [
                            "Workshop programme designed with practice educators, using anonymised Northmoor plans as examples.",
                            "Workshops delivered to the assessment and children in need teams; 96 practitioners attended.",
                            "Final workshops delivered to the children in care and disabled children's teams. Action complete.",
                        ],
                        measures: ["CIN-REV"],
                        evidence: [(-60, "172 practitioners attended the planning workshops. In the post-course evaluation, 88% said they felt more confident writing outcome-focused plans.")]),
                    DemoActionSpec(
                        ref: "2.1.3",
                        title: "Introduce a child in need review tracker, with an independent reviewing officer chairing every third review and escalation when a child has been on a plan for nine months without progress.",
                        outcome: "No child stays on a child in need plan that is not helping them.",
                        leads: ["Service Manager, Child Protection and Reviewing"], scenario: .onTrack, start: -250, due: 90,
                        milestones: [("Tracker built in the performance system", -150), ("Two reviewing officers recruited", -60),
                                     ("Escalation protocol in use", 60)],
                        notes: [
                            "Specification for the review tracker agreed with the Performance and Intelligence team.",
                            "Tracker delayed while the new plan template's data fields were added; the revised date was agreed by the Improvement Board.",
                            "Tracker live. Team managers receive a weekly list of child in need plans due for review.",
                            "Two reviewing officers in post; they chaired 31 third reviews this month.",
                        ],
                        measures: ["CIN-REV", "CPP-REPEAT"],
                        difference: .init(value: .someDifference, on: -15, note: "Child in need plans reviewed in timescale is ahead of its trajectory; repeat child protection plans have not yet fallen."),
                        rescheduled: .init(from: -30, changedOn: -120, changedBy: "Assistant Director, Children's Social Care",
                                           reason: "The tracker depends on the new plan template's data fields, which went live two months later than planned; the Improvement Board agreed a revised date.")),
                    DemoActionSpec(
                        ref: "2.1.4",
                        title: "Child protection chairs to hold a midway review for every child between conferences, and a pre-conference discussion with the social worker.",
                        outcome: "Drift between conferences is spotted and acted on, so children's plans progress.",
                        leads: ["Service Manager, Child Protection and Reviewing", "Child Protection Chairs"],
                        scenario: .onTrack, start: -280, due: 150,
                        milestones: [("Midway review recorded on the case management system", -230), ("Midway reviews in place for all children", -150),
                                     ("Quarterly report on impact", 30)],
                        notes: [
                            "Process for recording midway reviews agreed and built.",
                            "Midway reviews started for children whose plans began this quarter.",
                            "Midway reviews now held for all children on a plan. Chairs have escalated 9 children to heads of service.",
                        ],
                        measures: ["CP-REVIEW", "CPP-REPEAT"], updateLag: 50),
                    DemoActionSpec(
                        ref: "2.1.5",
                        title: "Deliver multi-agency core group training so that schools, health visitors and school nurses contribute to and own the actions in child protection plans.",
                        outcome: "Partners take and complete their actions in plans, and core groups drive progress.",
                        leads: ["Northmoor Safeguarding Children Partnership Business Manager", "Named Nurse, Northmoor Community Health"],
                        scenario: .lateStart, start: -12, due: 200,
                        milestones: [("Training materials agreed with partners", 40), ("First three sessions delivered", 110),
                                     ("Evaluation of the training", 200)],
                        notes: [], measures: ["CPP-REPEAT"]),
                ]),
            DemoAreaSpec(
                ref: "2.2", title: "Planning for children in care and care leavers", recommendation: 3,
                improvementLead: "Head of Service, Children in Care and Care Leavers",
                coreFocus: "Up-to-date, meaningful pathway plans for care leavers, and clear, timely permanence decisions for children in care.",
                issues: [
                    .init(heading: "Pathway plans",
                          quote: "Pathway plans for some care leavers are out of date and do not reflect their current circumstances or aspirations.",
                          paragraphs: ["Paragraph 38"]),
                    .init(heading: "Young people's involvement",
                          quote: "Not all young people are involved in writing their pathway plans, and some do not have a copy.",
                          paragraphs: ["Paragraph 39"]),
                    .init(heading: "Permanence decisions",
                          quote: "Decisions about permanence are not always clearly recorded, which makes it hard to understand the plan for the child.",
                          paragraphs: ["Paragraph 27"]),
                ],
                objectives: [
                    "Every care leaver has a pathway plan reviewed at least every six months, written with them in words they understand.",
                    "Permanence decisions are made by the second review and recorded clearly on the child's record.",
                    "Children in care live in stable homes, with help early when a placement is under strain.",
                ],
                whyItMatters: "Care leavers told inspectors their plans did not feel like theirs. A good pathway plan is a young person's route to a home, education, work and support into adulthood, and a clear permanence decision is every child in care's right.",
                whatGoodLooksLike: "95% of care leavers have an up-to-date pathway plan that they helped to write; every child in care has a recorded permanence decision by their second review; fewer than one in ten children in care have three or more placements in a year.",
                actions: [
                    DemoActionSpec(
                        ref: "2.2.1",
                        title: "Co-produce a new pathway plan with the Care Leavers' Forum, written in the young person's own words.",
                        outcome: "Care leavers recognise their plan as theirs.",
                        leads: ["Team Manager, Leaving Care", "Participation Officer"], scenario: .complete(on: -120), start: -320, due: -100,
                        milestones: [("Forum workshops held", -280), ("New plan format agreed", -200), ("New pathway plan launched", -125)],
                        notes: [
                            "Three workshops held with the Care Leavers' Forum; young people rewrote the plan headings themselves.",
                            "New format agreed with personal advisers and the forum.",
                            "New pathway plan launched at the forum's celebration event. Action complete.",
                        ],
                        measures: ["CL-PWAY"],
                        evidence: [(-80, "Young people at the Care Leavers' Forum said the new plan 'sounds like me'. 64 plans have been rewritten in the new format so far.")]),
                    DemoActionSpec(
                        ref: "2.2.2",
                        title: "Clear the backlog of out-of-date pathway plans, with a weekly tracker and a review of personal advisers' caseloads.",
                        outcome: "Every care leaver has a pathway plan that reflects their life now.",
                        leads: ["Team Manager, Leaving Care"], scenario: .overdue(percent: 70), start: -200, due: -10,
                        milestones: [("Backlog list agreed", -180), ("Half of the overdue plans reviewed", -90), ("All overdue plans reviewed", -10)],
                        notes: [
                            "Backlog of 74 out-of-date plans listed and allocated across personal advisers.",
                            "Half of the overdue plans reviewed; weekly tracker shared with the Head of Service.",
                            "Two personal adviser vacancies and more care leavers aged 21 to 25 asking for support have slowed progress; 31 plans remain out of date. A revised date will go to the Improvement Board.",
                        ],
                        measures: ["CL-PWAY"],
                        difference: .init(value: .notYet, on: -5, note: "Pathway plans in date fell this month after two personal advisers left.")),
                    DemoActionSpec(
                        ref: "2.2.3",
                        title: "Strengthen the weekly permanence planning panel, with a standard agenda and decisions recorded on each child's record at the meeting.",
                        outcome: "Every child in care has a clear permanence decision that they, and anyone reading their record later, can understand.",
                        leads: ["Service Manager, Children in Care"], scenario: .onTrack, start: -210, due: 60,
                        milestones: [("New panel agenda in use", -180), ("Business support for recording in place", -120),
                                     ("Audit of permanence recording", 45)],
                        notes: [
                            "New agenda for permanence planning meetings agreed, covering the current, parallel and permanence plan.",
                            "Business support in place so decisions are recorded on the child's record during the panel.",
                            "Panel now reviews every child at their second review; audit of recording planned.",
                        ],
                        measures: ["ADO-ENTRY-TO-PLACED", "CLA-MOVES"]),
                    DemoActionSpec(
                        ref: "2.2.4",
                        title: "Hold a placement stability meeting, with the fostering and health teams, whenever a child in care has a second unplanned move in 12 months.",
                        outcome: "Children in care have fewer unplanned moves.",
                        leads: ["Service Manager, Children in Care", "Head of Fostering", "Designated Nurse for Children in Care, Northmoor ICB"],
                        scenario: .future, start: 20, due: 200,
                        milestones: [("Procedure agreed", 50), ("Stability meetings in place", 100), ("Review of the first 20 meetings", 200)],
                        notes: [], measures: ["CLA-MOVES"]),
                ]),
        ])
    }

    // MARK: - 3. Supervision and management oversight

    static func supervision() -> DemoThemeSpec {
        DemoThemeSpec(ref: "3", title: "Supervision and management oversight", areas: [
            DemoAreaSpec(
                ref: "3", title: "Supervision and management oversight that prevent drift", recommendation: 4,
                improvementLead: "Assistant Director, Quality Assurance and Safeguarding Standards",
                coreFocus: "The quality, regularity and impact of frontline supervision and management oversight at all levels.",
                issues: [
                    .init(heading: "Effectiveness of management oversight",
                          quote: "Management oversight is not consistently effective in identifying and addressing drift, so some children wait too long for their circumstances to improve.",
                          paragraphs: ["Paragraph 15"]),
                    .init(heading: "Supervision records",
                          quote: "Supervision records are often long and descriptive and lack a sharp focus on what needs to happen next for the child.",
                          paragraphs: ["Paragraph 15"]),
                    .init(heading: "Support and challenge",
                          quote: "The culture is highly supportive, but support is not routinely matched by challenge to make sure that children make progress.",
                          paragraphs: ["Paragraph 52"]),
                ],
                objectives: [
                    "Supervision is regular, reflective and focused on the child's progress, with clear actions and timescales.",
                    "Managers at every level use performance information and audit findings to challenge drift.",
                ],
                whyItMatters: "Supervision is where practice is challenged and plans are kept on track. When it is weak, drift goes unnoticed and children wait.",
                whatGoodLooksLike: "90% of open cases have had supervision in the last six weeks; audits rate supervision good in most cases; staff say supervision helps them improve their practice.",
                actions: [
                    DemoActionSpec(
                        ref: "3.1",
                        title: "Replace the case supervision form with a shorter format that carries the previous session's actions, and any audit actions, to the top of the record.",
                        outcome: "Supervision records are concise and drive the child's plan forward.",
                        leads: ["Assistant Director, Quality Assurance and Safeguarding Standards"], scenario: .complete(on: -300), start: -365, due: -280,
                        milestones: [("Consultation with supervisors", -340), ("New supervision form live", -305)],
                        notes: [
                            "Consultation with supervisors and supervisees on the current form; the main complaint was repetition.",
                            "New supervision form live for all teams, with previous actions pre-populated. Action complete.",
                        ],
                        measures: ["SUP-6W"],
                        evidence: [(-250, "Supervision audits since the change find previous actions reviewed in 84% of records, against 40% before.")]),
                    DemoActionSpec(
                        ref: "3.2",
                        title: "All team managers, assistant team managers and service managers to audit one supervision record each month, with themes collated and reported quarterly.",
                        outcome: "Leaders know the quality of supervision and act on what they find.",
                        leads: ["Service Manager, Safeguarding", "Service Manager, Children in Care"], scenario: .onTrack, start: -360, due: 120,
                        milestones: [("Monthly audits started", -300), ("First quarterly themes report", -210),
                                     ("Second quarterly themes report", -120), ("Annual summary to the Improvement Board", 110)],
                        notes: [
                            "Audit tool agreed and shared with all managers.",
                            "Monthly supervision audits started; 42 completed in the first month.",
                            "First quarterly themes report: actions are clearer, but reflection on the child's lived experience is thin.",
                            "Second quarterly report shows improvement in reflection; reported to the Practice Improvement Group.",
                            "Third round of audits complete; 88% of managers submitted on time.",
                        ],
                        measures: ["SUP-6W", "AUD-GOOD"],
                        evidence: [(-30, "Supervision graded good or better in monthly audits rose from 46% in the first quarter to 63% in the latest quarter.")],
                        updateLag: 8),
                    DemoActionSpec(
                        ref: "3.3",
                        title: "Refresh supervision agreements for all staff, setting out the rights and expectations of supervisor and supervisee.",
                        outcome: "Every member of staff has a current supervision agreement and knows what to expect from supervision.",
                        leads: ["Principal Social Worker"], scenario: .behind, start: -180, due: 45,
                        milestones: [("Count of agreements needing renewal", -150), ("Agreements refreshed for all staff", 20)],
                        notes: [
                            "All managers asked to refresh existing agreements and put agreements in place for new starters.",
                            "Service-wide count complete: 212 agreements need renewing.",
                            "Only 70 agreements refreshed so far; managers report competing priorities. The Principal Social Worker is attending team meetings to complete them in the room.",
                        ],
                        measures: ["WF-SURVEY"], updateLag: 55),
                    DemoActionSpec(
                        ref: "3.4",
                        title: "Commission 'high support, high challenge' workshops for the children's services leadership team and a two-day supervision skills course for all supervisors.",
                        outcome: "Managers balance support with challenge, so that children make progress.",
                        leads: ["Learning and Development Manager", "Assistant Director, Quality Assurance and Safeguarding Standards"],
                        scenario: .behind, start: -150, due: 80,
                        milestones: [("Training provider commissioned", -120), ("Leadership workshops delivered", -40),
                                     ("Second supervisor cohort trained", 60)],
                        notes: [
                            "Training provider commissioned after a quotation exercise.",
                            "Leadership workshops delivered to 24 senior managers.",
                            "First supervisor cohort (46 supervisors) complete; the second cohort is fully booked for next month.",
                        ],
                        measures: ["WF-SURVEY", "AUD-GOOD"],
                        override: .init(rating: .green, on: -10, by: "Assistant Director, Quality Assurance and Safeguarding Standards",
                                        reason: "The % complete understates progress: the first cohort is trained and the second is fully booked for next month. The Improvement Board agreed the on-schedule rating at its last meeting.")),
                    DemoActionSpec(
                        ref: "3.5",
                        title: "Clarify the practice standards so that management oversight outside supervision (consultations, direction and decisions) is recorded in a consistent place on the child's record.",
                        outcome: "Anyone reading a child's record can see every management decision and why it was made.",
                        leads: ["Service Manager, Safeguarding"], scenario: .complete(on: -160), start: -260, due: -150,
                        milestones: [("Practice standards reviewed", -200), ("Standards republished and briefed", -165)],
                        notes: [
                            "Annual review of the practice standards under way; management oversight section rewritten.",
                            "Standards republished and briefed at every team meeting. Action complete.",
                        ],
                        measures: ["AUD-GOOD"]),
                    DemoActionSpec(
                        ref: "3.6",
                        title: "Introduce monthly performance clinics where team managers review drift: children without a visit, a supervision or a plan review in timescale.",
                        outcome: "Drift is spotted monthly and acted on by the manager who can fix it.",
                        leads: ["Head of Performance and Intelligence", "Heads of Service"], scenario: .onTrack, start: -250, due: 12,
                        milestones: [("Clinic dashboard built", -200), ("Clinics running in all services", -120), ("Evaluation of the clinics", 10)],
                        notes: [
                            "Dashboard of children without a visit, supervision or review in timescale built with team-level drill-down.",
                            "Clinics running in the assessment and children in need services.",
                            "Clinics running in all services; heads of service chair them monthly.",
                            "Evaluation under way: team managers say the clinics help them prioritise.",
                        ],
                        measures: ["SUP-6W"]),
                    DemoActionSpec(
                        ref: "3.7",
                        title: "Invite a peer review of supervision and management oversight from a partner authority under the regional sector-led improvement programme.",
                        outcome: "An external view of whether supervision is making a difference to children.",
                        leads: ["Director of Children's Services"], scenario: .future, start: 75, due: 180,
                        milestones: [("Peer review scope agreed with the region", 90), ("Peer review fieldwork", 150),
                                     ("Findings reported to the Improvement Board", 180)],
                        notes: [], measures: ["AUD-GOOD"]),
                ]),
        ])
    }

    // MARK: - 4. Recording

    static func recording() -> DemoThemeSpec {
        DemoThemeSpec(ref: "4", title: "Recording", areas: [
            DemoAreaSpec(
                ref: "4", title: "Up-to-date, accessible children's records", recommendation: 5,
                improvementLead: "Head of Service, Children in Need and Protection",
                coreFocus: "The timeliness, accuracy and accessibility of children's records.",
                issues: [
                    .init(heading: "Timeliness",
                          quote: "Children's records are not always up to date, and case summaries do not always reflect the current plan.",
                          paragraphs: ["Paragraph 54"]),
                    .init(heading: "Chronologies",
                          quote: "Chronologies are not consistently used to identify patterns of concern, particularly for children experiencing neglect.",
                          paragraphs: ["Paragraph 54"]),
                    .init(heading: "Accessibility",
                          quote: "Documents are stored in different places, which makes it hard for workers, and for children reading their records later, to understand key decisions.",
                          paragraphs: ["Paragraph 55"]),
                ],
                objectives: [
                    "Children's records are up to date, with a current case summary and chronology.",
                    "Documents are stored in one place under a clear framework.",
                    "Records are written to the child, in language they can understand.",
                ],
                whyItMatters: "A record is the child's story. Workers need it to keep children safe, and children who read their files as adults should understand what happened to them and why.",
                whatGoodLooksLike: "90% of case summaries updated in the last three months; 85% of chronologies up to date; statutory visits recorded in timescale; records written to the child.",
                actions: [
                    DemoActionSpec(
                        ref: "4.1",
                        title: "Create an exemplar case summary and audit case summaries in supervision across the long-term teams.",
                        outcome: "Case summaries are consistent and current.",
                        leads: ["Service Manager, Safeguarding"], scenario: .complete(on: -250), start: -350, due: -240,
                        milestones: [("Exemplar case summary agreed", -320), ("First audit round in supervision", -260)],
                        notes: [
                            "Exemplar case summary drafted with practice consultants.",
                            "Each supervisor in the long-term teams audited a case summary with their supervisees. Action complete; audits continue quarterly.",
                        ],
                        measures: ["REC-SUMM"]),
                    DemoActionSpec(
                        ref: "4.2",
                        title: "Implement a new document management system for children's social care, with children's services representatives shaping the design.",
                        outcome: "All documents for a child are in one place, findable by workers and by the child later in life.",
                        leads: ["ICT Programme Manager", "Business Intelligence Manager"], scenario: .onHold(since: -60, percent: 40),
                        start: -300, due: 150,
                        milestones: [("Analysis of the current document store", -250), ("Migration plan agreed", -150), ("System rolled out", 120)],
                        notes: [
                            "Analysis of the current document store started by the ICT project team.",
                            "Analysis complete: 1.9 million documents across four locations.",
                            "Migration plan agreed with children's services representatives.",
                            "Placed on hold by the Council's ICT board pending the corporate decision on the case management system contract. Interim guidance on where to store documents has been issued to staff.",
                        ],
                        measures: ["REC-SUMM"]),
                    DemoActionSpec(
                        ref: "4.3",
                        title: "Review and republish the recording practice standards, with a focus on writing to the child.",
                        outcome: "Practitioners know what good recording looks like and write to the child.",
                        leads: ["Principal Social Worker"], scenario: .complete(on: -180), start: -270, due: -170,
                        milestones: [("Standards reviewed with practitioners", -220), ("Standards republished", -185)],
                        notes: [
                            "Review started with a practitioner reference group of twelve social workers.",
                            "Standards rewritten with examples of writing to the child, checked by young advisers.",
                            "Recording standards republished and briefed. Action complete.",
                        ],
                        measures: ["REC-CHRON"]),
                    DemoActionSpec(
                        ref: "4.4",
                        title: "Roll out chronology training and a template that highlights patterns of concern for children experiencing neglect.",
                        outcome: "Chronologies are current and help workers see patterns of harm.",
                        leads: ["Learning and Development Manager", "Principal Social Worker"], scenario: .milestoneLate, start: -140, due: 160,
                        milestones: [("Chronology template agreed", -100), ("Train-the-trainer sessions delivered", -30), ("All practitioners trained", 140)],
                        notes: [
                            "Chronology template agreed with the neglect practice lead.",
                            "Train-the-trainer sessions postponed because the trainer was unwell; new dates are being arranged.",
                        ],
                        measures: ["REC-CHRON"], updateLag: 45),
                    DemoActionSpec(
                        ref: "4.5",
                        title: "Send team managers a weekly exception report of children not seen within timescale, with escalation to heads of service after five working days.",
                        outcome: "Every child is visited and the visit is recorded in timescale.",
                        leads: ["Head of Performance and Intelligence"], scenario: .onTrack, start: -200, due: 100,
                        milestones: [("Exception report built", -170), ("Escalation route agreed", -120), ("Review of the first six months", 80)],
                        notes: [
                            "Exception report specified with team managers.",
                            "Report live and sent every Monday morning.",
                            "Escalation to heads of service agreed and in use.",
                        ],
                        measures: ["CP-VISIT"]),
                    DemoActionSpec(
                        ref: "4.6",
                        title: "Replace the case summary step in the case management system with a structured summary that pre-populates from the child's plan.",
                        outcome: "Case summaries stay current with less effort.",
                        leads: ["ICT Programme Manager"], scenario: .withdrawn(on: -45, percent: 20), start: -260, due: 60,
                        milestones: [("Specification agreed", -200), ("Build and test", -30)],
                        notes: [
                            "Specification drafted with practitioners.",
                            "Specification agreed; supplier quotation requested.",
                            "Withdrawn: the Improvement Board agreed that this is superseded by the re-procurement of the case management system, and the requirement has been added to its specification.",
                        ],
                        measures: ["REC-SUMM"]),
                ]),
        ])
    }

    // MARK: - 5. Exploitation and missing

    static func exploitation() -> DemoThemeSpec {
        DemoThemeSpec(ref: "5", title: "Exploitation and missing", areas: [
            DemoAreaSpec(
                ref: "5.1", title: "Children at risk of exploitation", recommendation: 6,
                improvementLead: "Service Manager, Adolescent Services",
                coreFocus: "A clearly defined, shared response to children at risk of exploitation and harm outside the home.",
                issues: [
                    .init(heading: "A defined approach",
                          quote: "There is no clearly defined approach to working with children who are at risk of exploitation.",
                          paragraphs: ["Paragraph 17"]),
                    .init(heading: "Lower-level risk",
                          quote: "When children are thought to be at a lower level of risk of exploitation, their vulnerability is not always fully understood or responded to.",
                          paragraphs: ["Paragraph 17"]),
                    .init(heading: "The partnership response",
                          quote: "The multi-agency child exploitation panel does not yet consistently lead to disruption activity.",
                          paragraphs: ["Paragraph 18"]),
                ],
                objectives: [
                    "A clearly defined approach to harm outside the home is rolled out and used by all staff.",
                    "The MACE panel leads to coordinated disruption by partners.",
                    "Practitioners have specialist advice when they need it.",
                ],
                whyItMatters: "Exploitation moves fast. Children need a single, coordinated plan, and partners who act together to disrupt the adults who harm them.",
                whatGoodLooksLike: "Every child with an exploitation concern has a completed screening tool and a single plan; the MACE panel records disruption actions for every child it discusses; practitioners say they feel supported.",
                actions: [
                    DemoActionSpec(
                        ref: "5.1.1",
                        title: "Launch a harm outside the home approach, with a practice framework and guidance, so that children at risk of exploitation have a single, coordinated plan.",
                        outcome: "No dual planning: one plan for each child, understood by all agencies.",
                        leads: ["Service Manager, Adolescent Services"], scenario: .complete(on: -210), start: -360, due: -200,
                        milestones: [("Draft approach consulted on with partners", -300), ("Guidance finalised", -240), ("Approach launched", -215)],
                        notes: [
                            "Operational working group drafted the harm outside the home approach.",
                            "Draft sent to partners for consultation; feedback from police and schools incorporated.",
                            "Guidance finalised and launch event held for 140 practitioners. Action complete.",
                        ],
                        measures: ["EXP-SCREEN"],
                        evidence: [(-120, "Practitioners surveyed three months after the launch: 79% said they were clear about the approach, against 35% before.")],
                        difference: .init(value: .makingADifference, on: -30, note: "Screening tools completed is above its interim target and rising.")),
                    DemoActionSpec(
                        ref: "5.1.2",
                        title: "Review the MACE panel's terms of reference, adopt the Home Office child exploitation disruption toolkit, and include the transitional safeguarding lead for 18 to 25-year-olds.",
                        outcome: "The panel leads to disruption activity for every child it discusses, including young adults.",
                        leads: ["Service Manager, Adolescent Services", "Detective Chief Inspector, Northmoor Police", "Community Safety Partnership Manager"],
                        scenario: .onTrack, start: -320, due: 90,
                        milestones: [("Terms of reference agreed", -280), ("Disruption toolkit adopted", -240),
                                     ("18 to 25 cohort included", -60), ("Training for panel members", 70)],
                        notes: [
                            "Terms of reference reviewed and agreed by the Community Safety Partnership.",
                            "Disruption toolkit adopted by panel members.",
                            "Agenda weighted by risk; risk-focused questions in use at every panel.",
                            "Adult safeguarding lead now attends; young adults aged 18 to 25 discussed from this month.",
                        ],
                        measures: ["MACE-CHILD"],
                        override: .init(rating: .amber, on: -8, by: "Service Manager, Adolescent Services",
                                        reason: "Panel training depends on Northmoor Police appointing an exploitation coordinator; recruitment has failed twice, so the lead judges delivery at risk although the milestones so far are met.")),
                    DemoActionSpec(
                        ref: "5.1.3",
                        title: "Complete the exploitation screening tool for every child open to social care where exploitation is a concern, with its quality checked in supervision.",
                        outcome: "Risk is understood for every child, including those at a lower level of risk.",
                        leads: ["Team Manager, Adolescent Support Team"], scenario: .onTrack, start: -240, due: 120,
                        milestones: [("Screening tool revised", -200), ("Tool completion added to the supervision form", -120), ("Dip sample of quality", 90)],
                        notes: [
                            "Screening tool revised with police and youth justice colleagues.",
                            "Completion of the tool added to the supervision form.",
                            "Weekly list of children with a concern but no tool sent to team managers.",
                        ],
                        measures: ["EXP-SCREEN"],
                        difference: .init(value: .makingADifference, on: -20, note: "Completion has risen from under 60% to above the interim target.")),
                    DemoActionSpec(
                        ref: "5.1.4",
                        title: "Carry out a thematic audit of children at lower levels of exploitation risk, to understand gaps in provision and inform future services.",
                        outcome: "Services for children at lower risk are shaped by evidence of what they need.",
                        leads: ["Head of Quality Assurance", "Service Manager, Adolescent Services"], scenario: .overdue(percent: 85), start: -150, due: -40,
                        milestones: [("External auditor commissioned", -120), ("Audit fieldwork complete", -60), ("Report to the Improvement Board", -40)],
                        notes: [
                            "External auditor commissioned; sample of 25 children agreed.",
                            "Fieldwork complete, including conversations with eight young people.",
                            "Draft report received; moderation of the findings with partners is taking longer than planned. Report now expected at the next Improvement Board.",
                        ],
                        measures: ["EXP-SCREEN"]),
                    DemoActionSpec(
                        ref: "5.1.5",
                        title: "Appoint a specialist exploitation lead to advise practitioners and drive strategic work across children's services and the Community Safety Partnership.",
                        outcome: "Practitioners have expert advice on exploitation when they need it.",
                        leads: ["Assistant Director, Children's Social Care"], scenario: .lateStart, start: -20, due: 150,
                        milestones: [("Job description and funding agreed", 30), ("Post-holder in post", 120)],
                        notes: [], measures: ["EXP-SCREEN"]),
                ]),
            DemoAreaSpec(
                ref: "5.2", title: "Children who go missing", recommendation: 6,
                improvementLead: "Head of Service, Children in Care and Care Leavers",
                coreFocus: "Timely return home interviews, and the use of what children tell us to reduce risk.",
                issues: [
                    .init(heading: "Return home interviews",
                          quote: "Return home interviews are not always offered promptly, and the information from them is not consistently used to reduce risk.",
                          paragraphs: ["Paragraph 18"]),
                    .init(heading: "Children placed out of area",
                          quote: "Children in care placed out of the area who go missing do not always receive a return home interview.",
                          paragraphs: ["Paragraph 31"]),
                ],
                objectives: [
                    "Every child who returns from a missing episode is offered a return home interview within 72 hours.",
                    "What children say in return home interviews is shared with the police and used at the MACE panel.",
                ],
                whyItMatters: "Going missing is often the first sign of exploitation. A prompt conversation with a trusted adult is the best chance to understand why, and to stop it happening again.",
                whatGoodLooksLike: "80% of return home interviews are completed within 72 hours, including for children placed out of area; intelligence from interviews is shared weekly; missing episodes fall.",
                actions: [
                    DemoActionSpec(
                        ref: "5.2.1",
                        title: "Bring the return home interview service in-house, with dedicated workers and a 72-hour standard.",
                        outcome: "Children are offered a return home interview promptly by a worker they know.",
                        leads: ["Service Manager, Adolescent Services", "Commissioning Manager, Children's Services"],
                        scenario: .overdue(percent: 75), start: -260, due: -15,
                        milestones: [("Decision to bring the service in-house", -220), ("Staff transfer consultation complete", -90),
                                     ("In-house service live", -15)],
                        notes: [
                            "Cabinet agreed to bring the return home interview service in-house when the current contract ends.",
                            "Staff transfer consultation started with the current provider.",
                            "Consultation complete; three workers transferring and one vacancy advertised.",
                            "Go-live delayed: the case recording forms for the in-house service are not yet built, and the provider's staffing gap has reduced interviews within 72 hours.",
                        ],
                        measures: ["RHI-72H"],
                        difference: .init(value: .notYet, on: -6, note: "Return home interviews within 72 hours have been below target for several months.")),
                    DemoActionSpec(
                        ref: "5.2.2",
                        title: "Share intelligence from return home interviews weekly with Northmoor Police and use it at the MACE panel.",
                        outcome: "What children tell us leads to action by partners.",
                        leads: ["Team Manager, Adolescent Support Team", "Missing Persons Coordinator, Northmoor Police"],
                        scenario: .behind, start: -200, due: 60,
                        milestones: [("Information-sharing agreement signed", -150), ("Weekly intelligence report in use", 30)],
                        notes: [
                            "Information-sharing agreement drafted with Northmoor Police.",
                            "Agreement signed by both organisations.",
                            "The weekly report depends on the new in-house forms (action 5.2.1); interim manual reporting covers only some interviews.",
                        ],
                        measures: ["RHI-72H", "MISS-EP"]),
                    DemoActionSpec(
                        ref: "5.2.3",
                        title: "Agree a protocol with host authorities for return home interviews for Northmoor children placed out of area.",
                        outcome: "Children placed out of area get the same offer as children placed in Northmoor.",
                        leads: ["Head of Service, Children in Care and Care Leavers"], scenario: .onTrack, start: -120, due: 22,
                        milestones: [("Protocol drafted", -80), ("Protocol agreed with the five main host authorities", 20)],
                        notes: [
                            "Protocol drafted using the regional template.",
                            "Three of the five main host authorities have agreed the protocol; the remaining two are reviewing it.",
                        ],
                        measures: ["RHI-72H"]),
                ]),
        ])
    }

    // MARK: - 6. Leadership, workforce and quality assurance

    static func leadership() -> DemoThemeSpec {
        DemoThemeSpec(ref: "6", title: "Leadership, workforce and quality assurance", areas: [
            DemoAreaSpec(
                ref: "6.1", title: "A stable, well-supported workforce", recommendation: 7,
                improvementLead: "Assistant Director, Children's Social Care",
                coreFocus: "A stable, permanent and well-supported social work workforce with manageable caseloads.",
                issues: [
                    .init(heading: "Workforce stability",
                          quote: "High turnover and reliance on agency staff mean that some children experience several changes of social worker.",
                          paragraphs: ["Paragraph 49"]),
                    .init(heading: "Caseloads",
                          quote: "Caseloads in the assessment teams are too high for workers to do purposeful direct work with every child.",
                          paragraphs: ["Paragraph 49"]),
                ],
                objectives: [
                    "Fewer agency social workers and fewer changes of worker for children.",
                    "Caseloads that allow purposeful direct work.",
                    "Staff who feel supported and want to stay in Northmoor.",
                ],
                whyItMatters: "Children tell us that changing social worker means telling their story again. A stable workforce is the condition for every other improvement in this plan.",
                whatGoodLooksLike: "Agency social workers below 15%; average caseloads at or below 18; staff survey results improving quarter on quarter.",
                actions: [
                    DemoActionSpec(
                        ref: "6.1.1",
                        title: "Implement the recruitment and retention strategy: a market supplement for hard-to-fill posts, 'grow our own' social work apprenticeships, and a refreshed programme for newly qualified social workers.",
                        outcome: "More permanent social workers who stay.",
                        leads: ["Head of HR, People Services", "Principal Social Worker"], scenario: .onTrack, start: -365, due: 180,
                        milestones: [("Market supplement agreed by Cabinet", -300), ("First apprenticeship cohort started", -200),
                                     ("Newly qualified social worker academy launched", -90), ("Retention review", 150)],
                        notes: [
                            "Business case for the market supplement prepared with HR and finance.",
                            "Cabinet agreed the market supplement for the assessment and children in need teams.",
                            "First cohort of eight apprentices started at the university.",
                            "Academy for newly qualified social workers launched with protected caseloads.",
                            "Twelve permanent appointments this quarter, including four former agency workers.",
                        ],
                        measures: ["WF-AGENCY", "CASELOAD"],
                        evidence: [(-25, "Agency social workers have fallen from 25% to 17% of the workforce over the year, and average caseloads are now below 18.")],
                        updateLag: 5),
                    DemoActionSpec(
                        ref: "6.1.2",
                        title: "Convert agency posts to permanent ones, in line with the regional memorandum of understanding on agency pay.",
                        outcome: "Agency social workers below 15% of the workforce.",
                        leads: ["Head of HR, People Services"], scenario: .milestoneLate, start: -260, due: 120,
                        milestones: [("Review of agency posts completed", -200), ("First ten posts converted", -25), ("Agency rate below 15%", 120)],
                        notes: [
                            "Review of all agency posts completed; 22 posts identified for conversion.",
                            "The regional memorandum of understanding was delayed, so conversions were re-phased to follow it.",
                            "Six of the first ten posts converted; four agency workers have not yet accepted permanent contracts.",
                        ],
                        measures: ["WF-AGENCY"],
                        rescheduled: .init(from: -20, changedOn: -40, changedBy: "Assistant Director, Children's Social Care",
                                           reason: "The regional memorandum of understanding on agency pay was delayed; the conversion programme was re-phased to follow it.")),
                    DemoActionSpec(
                        ref: "6.1.3",
                        title: "Introduce a caseload weighting tool in the assessment teams, with monthly caseload reports to the Departmental Leadership Team.",
                        outcome: "Work is allocated fairly and caseloads are manageable.",
                        leads: ["Head of Service, Front Door and Assessment", "Head of Performance and Intelligence"],
                        scenario: .complete(on: -60), start: -240, due: -45,
                        milestones: [("Weighting tool agreed", -200), ("Monthly caseload report live", -120), ("Tool in use in all assessment teams", -70)],
                        notes: [
                            "Weighting tool adapted from a neighbouring authority's and agreed with team managers.",
                            "Monthly caseload report live.",
                            "Tool in use across all assessment teams. Action complete.",
                        ],
                        measures: ["CASELOAD"]),
                    DemoActionSpec(
                        ref: "6.1.4",
                        title: "Run a quarterly staff pulse survey and 'Ask the DCS' sessions, with a 'you said, we did' response each quarter.",
                        outcome: "Staff feel heard, and leaders act on what they say.",
                        leads: ["Director of Children's Services"], scenario: .onTrack, start: -300, due: 200,
                        milestones: [("First pulse survey", -270), ("'You said, we did' published", -180), ("Annual survey", 150)],
                        notes: [
                            "First quarterly pulse survey: 61% response rate.",
                            "'You said, we did' published; parking and laptop issues resolved.",
                            "Third 'Ask the DCS' session held, with 70 staff attending.",
                        ],
                        measures: ["WF-SURVEY"], updateLag: 62),
                ]),
            DemoAreaSpec(
                ref: "6.2", title: "Performance information and quality assurance", recommendation: 8,
                improvementLead: "Head of Quality Assurance",
                coreFocus: "Leaders and managers understand the quality of practice through reliable performance information and audit.",
                issues: [
                    .init(heading: "Use of performance information",
                          quote: "Leaders do not have a sufficiently accurate understanding of the quality of practice, because performance information and audit findings are not brought together.",
                          paragraphs: ["Paragraph 47"]),
                    .init(heading: "Quality assurance",
                          quote: "Audits focus on compliance rather than on the impact of practice on children's experiences and progress.",
                          paragraphs: ["Paragraph 50"]),
                ],
                objectives: [
                    "Audits judge the impact of practice on children, and are moderated.",
                    "Leaders and the Improvement Board see one picture of performance and quality each month.",
                ],
                whyItMatters: "Leaders can only improve what they understand. Inspectors found that our self-assessment was more positive than practice on the ground.",
                whatGoodLooksLike: "Three quarters of audits graded good or better; a monthly scorecard with targets and benchmarks; the Improvement Board challenges exceptions and sees them resolved.",
                actions: [
                    DemoActionSpec(
                        ref: "6.2.1",
                        title: "Refresh the quality assurance framework so that audits grade the impact of practice on children, with moderation and feedback from families.",
                        outcome: "Audit grades tell leaders how children are doing, not only whether processes were followed.",
                        leads: ["Head of Quality Assurance"], scenario: .complete(on: -230), start: -365, due: -210,
                        milestones: [("Framework drafted", -320), ("Moderation panel established", -270), ("Framework launched", -240)],
                        notes: [
                            "Framework drafted, with audit questions rewritten around the child's experience.",
                            "Moderation panel established; first moderation changed 30% of grades.",
                            "Framework launched with family feedback built into every audit. Action complete.",
                        ],
                        measures: ["AUD-GOOD"],
                        evidence: [(-150, "Moderation now agrees with auditors' grades in 82% of audits, against 58% when it started.")]),
                    DemoActionSpec(
                        ref: "6.2.2",
                        title: "Build a monthly performance scorecard for the Improvement Board, with targets, benchmarks and exception reporting.",
                        outcome: "The board sees where performance is off track and why.",
                        leads: ["Head of Performance and Intelligence"], scenario: .complete(on: -270), start: -340, due: -250,
                        milestones: [("Measures and targets agreed", -310), ("First scorecard to the Improvement Board", -275)],
                        notes: [
                            "Measures, targets and benchmarks agreed with heads of service.",
                            "First scorecard presented to the Improvement Board. Action complete.",
                        ],
                        measures: ["AUD-GOOD"]),
                    DemoActionSpec(
                        ref: "6.2.3",
                        title: "Hold a quarterly practice week in which senior leaders observe practice, audit alongside social workers and hear directly from children and families.",
                        outcome: "Leaders' understanding of practice is first-hand and current.",
                        leads: ["Director of Children's Services", "Head of Quality Assurance"], scenario: .onTrack, start: -330, due: 28,
                        milestones: [("First practice week", -270), ("Second practice week", -180), ("Third practice week", -90),
                                     ("Annual learning report", 25)],
                        notes: [
                            "First practice week planned; every senior leader has two observations booked.",
                            "First practice week held: 48 observations and 20 conversations with families.",
                            "Second practice week focused on children in need; findings fed into action 2.1.3.",
                            "Third practice week held; learning report in draft.",
                        ],
                        measures: ["AUD-GOOD"]),
                    DemoActionSpec(
                        ref: "6.2.4",
                        title: "Establish an Improvement Board with partners and an independent chair, with terms of reference and a forward plan.",
                        outcome: "Independent, rigorous scrutiny of the plan's progress and impact.",
                        leads: ["Chief Executive", "Director of Children's Services"], scenario: .complete(on: -330), start: -364, due: -320,
                        milestones: [("Independent chair appointed", -350), ("First Improvement Board meeting", -335)],
                        notes: [
                            "Independent chair appointed after discussion with the Department for Education's adviser.",
                            "First Improvement Board held; terms of reference and forward plan agreed. Action complete.",
                        ],
                        measures: []),
                    DemoActionSpec(
                        ref: "6.2.5",
                        title: "Introduce multi-agency audits through the Safeguarding Children Partnership, starting with children experiencing neglect.",
                        outcome: "Partners share an understanding of practice quality across agencies.",
                        leads: ["Northmoor Safeguarding Children Partnership Business Manager", "Head of Quality Assurance"],
                        scenario: .future, start: 30, due: 270,
                        milestones: [("Audit tool agreed by partners", 60), ("First multi-agency audit", 150), ("Findings to the partnership executive", 270)],
                        notes: [], measures: ["AUD-GOOD"]),
                ]),
        ])
    }
}
