import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The server-rendered pages, driven through the router without a socket, over the demo council.
@Suite("Pages")
struct PagesTests {
    // MARK: Plans

    @Test("The plans list shows each plan with its RAG counts in words")
    func plansList() async throws {
        try await withTestApp { client, env, store in
            let plan = try #require(try await store.plans(organisationID: env.organisationID).first)
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains(Page.escaped(plan.title)))
                #expect(html.contains("href=\"/plans/\(plan.id)\""))
                #expect(html.contains("Red (Overdue)"))
                #expect(html.contains("Green (On schedule)"))
                #expect(html.contains("class=\"rating-bar\""))
                #expect(html.contains("As at 23 November 2026"))
            }
        }
    }

    @Test("The plan page shows the RAG distribution, the themes and areas, and every action")
    func planOverview() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let assessment = PlanAssessment(contents: contents, asAt: webTestDay)
            try await client.execute(uri: "/plans/\(contents.plan.id)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains(Page.escaped(contents.plan.title)))
                #expect(html.contains("As at 23 November 2026"))
                for share in assessment.plan.shares where share.rating.countsInRAG {
                    let label = share.rating.colour == share.rating.word ? share.rating.word : "\(share.rating.colour) (\(share.rating.word))"
                    #expect(html.contains("<strong>\(share.count)</strong> \(label)"), "count of \(share.rating)")
                }
                for theme in contents.themes {
                    #expect(html.contains(Page.escaped("\(theme.ref) \(theme.title)")))
                }
                for area in contents.areas where !contents.actions(in: area).isEmpty {
                    #expect(html.contains("id=\"area-\(area.id)\""))
                }
                // Grouped by theme and area, in reading order of references within each area.
                let refs = Page.rowRefs(html)
                #expect(Set(refs) == Set(contents.actions.map(\.ref)))
                #expect(refs.count == contents.actions.count)
                #expect(html.contains("Red – Overdue"))
                #expect(html.contains("aria-sort=\"ascending\""))
            }
        }
    }

    @Test("Filtering by rating shows only actions with that rating")
    func filterByRating() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let assessment = PlanAssessment(contents: contents, asAt: webTestDay)
            for rating in [DeliveryRating.red, .amber, .green, .blue] {
                let expected = assessment.actions.filter { $0.delivery.rating == rating }.map(\.action.ref)
                #expect(!expected.isEmpty, "the demo has \(rating) actions")
                try await client.execute(uri: "/plans/\(contents.plan.id)?rag=\(rating.rawValue)", method: .get) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(Page.rowRefs(html).sorted() == expected.sorted())
                    #expect(html.contains("Showing \(expected.count) of \(contents.actions.count) actions"))
                    #expect(html.contains("<option value=\"\(rating.rawValue)\" selected>"))
                }
            }
        }
    }

    @Test("Filtering by lead, overdue, due soon and update due")
    func filterByLeadAndFlags() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let assessment = PlanAssessment(contents: contents, asAt: webTestDay)
            let id = contents.plan.id

            // A lead with spaces, sent as a browser sends a GET form: spaces as '+'.
            let lead = try #require(contents.actions.flatMap(\.leads).first { $0.contains(" ") })
            let byLead = contents.actions.filter { $0.leads.contains(lead) }.map(\.ref)
            let encoded = lead.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: " ")))!
                .replacingOccurrences(of: " ", with: "+")
            try await client.execute(uri: "/plans/\(id)?lead=\(encoded)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Page.rowRefs(response.text).sorted() == byLead.sorted())
            }

            let overdue = assessment.actions.filter(\.overdue).map(\.action.ref)
            #expect(!overdue.isEmpty)
            try await client.execute(uri: "/plans/\(id)?overdue=yes", method: .get) { response in
                #expect(Page.rowRefs(response.text).sorted() == overdue.sorted())
                #expect(response.text.contains("id=\"filter-overdue\" name=\"overdue\" value=\"yes\" checked"))
            }

            let updateDue = assessment.actions.filter(\.update.isDue).map(\.action.ref)
            #expect(!updateDue.isEmpty)
            try await client.execute(uri: "/plans/\(id)?update-due=yes", method: .get) { response in
                #expect(Page.rowRefs(response.text).sorted() == updateDue.sorted())
                #expect(response.text.contains("Update due"))
            }

            let soon = assessment.actions.filter(\.dueSoon).map(\.action.ref)
            try await client.execute(uri: "/plans/\(id)?due-soon=yes", method: .get) { response in
                #expect(Page.rowRefs(response.text).sorted() == soon.sorted())
            }

            // The boxes widen each other: overdue or update due.
            let either = assessment.actions.filter { $0.overdue || $0.update.isDue }.map(\.action.ref)
            try await client.execute(uri: "/plans/\(id)?overdue=yes&update-due=yes", method: .get) { response in
                #expect(Page.rowRefs(response.text).sorted() == either.sorted())
            }
        }
    }

    @Test("Filters that match nothing say so and offer to clear them")
    func emptyFilters() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let assessment = PlanAssessment(contents: contents, asAt: webTestDay)
            // A lead none of whose actions is complete.
            let leads = Set(contents.actions.flatMap(\.leads))
            let lead = try #require(leads.sorted().first { lead in
                !assessment.actions.contains { $0.action.leads.contains(lead) && $0.delivery.rating == .blue }
            })
            let uri = "/plans/\(contents.plan.id)?lead=\(FormReading.encode(lead))&rag=blue&sort=due&order=desc"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("No actions match these filters."))
                #expect(html.contains("Showing 0 of \(contents.actions.count) actions"))
                // Clearing keeps the sort.
                #expect(html.contains("href=\"/plans/\(contents.plan.id)?sort=due&amp;order=desc#actions\">Clear filters</a>"))
                #expect(Page.rowRefs(html).isEmpty)
            }
        }
    }

    @Test("Sorting by a column orders the rows, marks the header and keeps the filters")
    func sorting() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let assessment = PlanAssessment(contents: contents, asAt: webTestDay)
            let id = contents.plan.id

            try await client.execute(uri: "/plans/\(id)?sort=due&order=desc", method: .get) { response in
                let html = response.text
                let expected = assessment.actions.sorted { a, b in
                    switch (a.action.dueDate, b.action.dueDate) {
                    case let (x?, y?): x != y ? x > y : ReferenceOrder.precedes(a.action.ref, b.action.ref)
                    case (nil, _?): false
                    case (_?, nil): true
                    case (nil, nil): ReferenceOrder.precedes(a.action.ref, b.action.ref)
                    }
                }.map(\.action.ref)
                #expect(Page.rowRefs(html) == expected)
                #expect(html.contains("aria-sort=\"descending\"><a class=\"sort-link\" href=\"/plans/\(id)?sort=due&amp;order=asc#actions\">Due</a>"))
                #expect(html.contains("Actions sorted by due date, latest first"))
            }

            try await client.execute(uri: "/plans/\(id)?sort=rag", method: .get) { response in
                let ratings = Page.rowRefs(response.text).map { ref in
                    assessment.actions.first { $0.action.ref == ref }!.delivery.rating
                }
                #expect(ratings == ratings.sorted())
                #expect(ratings.first == .red)
            }

            try await client.execute(uri: "/plans/\(id)?sort=percent&order=desc", method: .get) { response in
                let percents = Page.rowRefs(response.text).map { ref -> Int in
                    let rated = assessment.actions.first { $0.action.ref == ref }!
                    return rated.delivery.rating == .blue ? 100 : rated.action.percentComplete
                }
                #expect(percents == percents.sorted(by: >))
            }

            try await client.execute(uri: "/plans/\(id)?sort=title", method: .get) { response in
                let titles = Page.rowRefs(response.text).map { ref in contents.actions.first { $0.ref == ref }!.title }
                #expect(titles == titles.sorted { $0.compare($1, options: [.caseInsensitive, .diacriticInsensitive]) != .orderedDescending })
            }

            // Sort links keep the filters; the filter form keeps the sort.
            try await client.execute(uri: "/plans/\(id)?rag=amber&sort=due", method: .get) { response in
                let html = response.text
                #expect(html.contains("href=\"/plans/\(id)?rag=amber&amp;sort=title&amp;order=asc#actions\""))
                #expect(html.contains("<input type=\"hidden\" name=\"sort\" value=\"due\">"))
            }

            // The default order is by reference, read as numbers.
            try await client.execute(uri: "/plans/\(id)?sort=ref&order=asc", method: .get) { response in
                let refs = Page.rowRefs(response.text)
                let byArea = contents.themes.flatMap { contents.areas(in: $0) }.flatMap { area in
                    contents.actions(in: area).map(\.ref).sorted(by: ReferenceOrder.precedes)
                }
                #expect(refs == byArea)
            }
        }
    }

    @Test("References sort as people read them", arguments: [
        (["1.10", "1.2", "1.1", "2", "10", "1.2.1"], ["1.1", "1.2", "1.2.1", "1.10", "2", "10"]),
        (["2.1b", "2.1a", "2.10", "2.9"], ["2.1a", "2.1b", "2.9", "2.10"]),
        (["R12", "R2", "A1"], ["A1", "R2", "R12"]),
    ])
    func naturalOrder(input: [String], expected: [String]) {
        #expect(input.sorted(by: ReferenceOrder.precedes) == expected)
    }

    // MARK: Actions

    @Test("The action page shows the action, its rating with reasons, milestones, history and measures")
    func actionPage() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { !$0.milestones.isEmpty && !$0.measureIDs.isEmpty && !$0.updates.isEmpty })
            let full = try await store.action(id: action.id, organisationID: env.organisationID)
            let rating = DeliveryRules.deliveryRating(of: full.action, asAt: webTestDay)
            try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Action \(action.ref)"))
                #expect(html.contains(Page.escaped(action.title)))
                #expect(html.contains("href=\"/plans/\(contents.plan.id)\""))
                #expect(html.contains(Page.escaped(Chip(rating.rating).text)))
                for reason in rating.reasons where rating.override == nil {
                    #expect(html.contains(Page.escaped(reason)))
                }
                for milestone in full.action.milestones {
                    #expect(html.contains(Page.escaped(milestone.title)))
                }
                #expect(html.contains("Is it making a difference?"))
                #expect(html.contains("Suggested by the linked measures"))
                #expect(html.contains("class=\"sparkline\""))
                let measures = try await store.measures(ids: action.measureIDs, organisationID: env.organisationID)
                for measure in measures {
                    #expect(html.contains("href=\"/measures/\(measure.id)\""))
                }
                // Every update, newest first.
                let dates = full.action.updates.map(\.date).sorted(by: >).map(\.formatted)
                let shown = Page.matches(of: #"<h4 class="timeline__heading">([^<]*)</h4>"#, in: html)
                #expect(shown == dates)
            }
        }
    }

    @Test("An overridden rating is shown as an override, with who, when and why")
    func overrideShown() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.override != nil })
            let override = try #require(action.override)
            try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                let html = response.text
                #expect(html.contains("Rating overridden"))
                #expect(html.contains(Page.escaped(override.by)))
                #expect(html.contains(override.on.formatted))
                #expect(html.contains(Page.escaped(override.reason)))
                #expect(html.contains("Calculated rating:"))
            }
        }
    }

    @Test("A reprogrammed action shows its original due date and the history of changes")
    func reprogrammed() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.isReprogrammed })
            let original = try #require(action.originalDueDate)
            try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                let html = response.text
                #expect(html.contains("Reprogrammed from \(original.formatted)"))
                #expect(html.contains("How the due date has changed"))
                #expect(html.contains(Page.escaped(action.reprogrammings[0].reason)))
            }
            try await client.execute(uri: "/plans/\(contents.plan.id)", method: .get) { response in
                #expect(response.text.contains("Reprogrammed from \(original.formatted)"))
            }
        }
    }

    @Test("Posting a progress update redirects and shows it first in the history")
    func addProgressUpdate() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.status == .inProgress && !$0.updates.isEmpty })
            let body = formEncoded([
                ("version", String(action.version)), ("author", "Sam Okafor"), ("day", "23"), ("month", "11"), ("year", "2026"),
                ("text", "Audit of 40 cases done & findings shared with <team managers>.\nNext: re-audit in January."),
                ("percent", "65"), ("status", ""),
            ])
            let location = try await client.execute(uri: "/actions/\(action.id)/updates", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location]
            }
            #expect(location == "/actions/\(action.id)?saved=update")
            try await client.execute(uri: location ?? "", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Your progress update has been added."))
                let history = try #require(html.range(of: "id=\"progress-history\""))
                let after = String(html[history.upperBound...])
                let newest = try #require(after.range(of: "Audit of 40 cases done &amp; findings shared with &lt;team managers&gt;."))
                let previous = try #require(action.latestUpdate)
                let older = try #require(after.range(of: Page.escaped(FormReading.paragraphs(previous.text)[0])))
                #expect(newest.lowerBound < older.lowerBound)
                #expect(after.contains("By Test Editor (Editor) · 65% complete"))
                #expect(html.contains("Recorded as given by <strong>Test Editor (Editor)</strong>."))
                #expect(!html.contains("id=\"update-author\""), "no name to type")
                #expect(after.contains("<p>Next: re-audit in January.</p>"))
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.percentComplete == 65)
            // Who gave it is who signed in, whatever an `author` field says.
            #expect(stored.latestUpdate?.author == "Test Editor")
            #expect(stored.latestUpdate?.authorRole == "Editor")
        }
    }

    @Test("An empty update is refused with the error summary, keeping what was typed")
    func emptyUpdateRefused() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first)
            let body = formEncoded([("version", String(action.version)), ("author", ""), ("day", "31"), ("month", "2"), ("year", "2026"),
                                    ("text", "   "), ("percent", "12x"), ("status", "")])
            try await client.execute(uri: "/actions/\(action.id)/updates", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .badRequest)
                let html = response.text
                #expect(html.contains("<title>Error: Action"))
                #expect(html.contains("There is a problem"))
                #expect(html.contains("<a href=\"#update-date-day\">Date of the update must be a real date</a>"))
                #expect(html.contains("<a href=\"#update-text\">Enter the progress update</a>"))
                #expect(html.contains("<a href=\"#update-percent\">% complete must be a whole number, like 40</a>"))
                // Inline messages beside the fields, and the typed values kept.
                #expect(html.contains("id=\"update-text-error\""))
                #expect(html.contains("value=\"12x\""))
                #expect(html.contains("id=\"update-date-day\" name=\"day\" type=\"text\" inputmode=\"numeric\" value=\"31\""))
                // The summary lists the errors in the order of the fields.
                let order = ["#update-date-day", "#update-text", "#update-percent"].compactMap { html.range(of: $0)?.lowerBound }
                #expect(order == order.sorted())
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.updates.count == action.updates.count)
        }
    }

    @Test("A date in the future is refused")
    func futureDateRefused() async throws {
        try await withTestApp { client, env, store in
            let action = try #require(try await Page.demoPlan(env, store).actions.first)
            let body = formEncoded([("author", "Sam"), ("day", "24"), ("month", "11"), ("year", "2026"), ("text", "Done")])
            try await client.execute(uri: "/actions/\(action.id)/updates", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Date of the update must be today or in the past"))
            }
        }
    }

    @Test("A change made against an old version is refused with 409 and says why")
    func staleVersion() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.status == .inProgress })
            // Someone else edits the action after this page was opened.
            _ = try await store.editAction(id: action.id, organisationID: env.organisationID, expectedVersion: nil) { $0.percentComplete = 77 }

            let status = formEncoded([("version", String(action.version)), ("status", "in-progress"), ("percent", "80")])
            try await client.execute(uri: "/actions/\(action.id)/status", method: .post, headers: formHeaders, body: status) { response in
                #expect(response.status == .conflict)
                let html = response.text
                #expect(html.contains("Someone else changed this action after you opened this page: it is now in progress, 77% complete."))
                #expect(html.contains("href=\"#change-status\""))
                #expect(html.contains("value=\"80\""), "what the user typed is kept")
                #expect(html.contains("name=\"version\" value=\"\(action.version + 1)\""), "the form now carries the current version")
            }

            // An update that sets % complete is checked too; one that only adds a note is not.
            let update = formEncoded([("version", String(action.version)), ("author", "Sam"), ("day", "23"), ("month", "11"),
                                      ("year", "2026"), ("text", "Half way"), ("percent", "50")])
            try await client.execute(uri: "/actions/\(action.id)/updates", method: .post, headers: formHeaders, body: update) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("Someone else changed this action"))
                #expect(response.text.contains("Half way"))
            }
            let note = formEncoded([("version", String(action.version)), ("author", "Sam"), ("day", "23"), ("month", "11"),
                                    ("year", "2026"), ("text", "A note only")])
            try await client.execute(uri: "/actions/\(action.id)/updates", method: .post, headers: formHeaders, body: note) { response in
                #expect(response.status == .seeOther)
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.percentComplete == 77)
        }
    }

    @Test("Changing the status saves it; completing sets 100% and the day")
    func changeStatus() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.status == .inProgress })
            let body = formEncoded([("version", String(action.version)), ("status", "complete"), ("percent", "90")])
            try await client.execute(uri: "/actions/\(action.id)/status", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
                // 90% with Complete: the banner says the figure was set to 100% (`ProgressRules`).
                #expect(response.headers[.location] == "/actions/\(action.id)?saved=status-full")
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.status == .complete)
            #expect(stored.percentComplete == 100)
            #expect(stored.completedOn == webTestDay)
            try await client.execute(uri: "/actions/\(action.id)?saved=status", method: .get) { response in
                #expect(response.text.contains("The status and % complete have been saved."))
                #expect(response.text.contains("Blue – Complete"))
            }

            let invalid = formEncoded([("version", String(stored.version)), ("status", "finished"), ("percent", "101")])
            try await client.execute(uri: "/actions/\(action.id)/status", method: .post, headers: formHeaders, body: invalid) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"#status-status\">Select the action&#39;s status</a>"))
                #expect(response.text.contains("<a href=\"#status-percent\">% complete must be a whole number from 0 to 100</a>"))
            }
        }
    }

    @Test("Marking a milestone complete records today and shows it complete")
    func completeMilestone() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.milestones.contains { !$0.isComplete } })
            let milestone = try #require(action.milestones.first { !$0.isComplete })
            try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                #expect(response.text.contains("action=\"/actions/\(action.id)/milestones/\(milestone.id)/complete\""))
            }
            try await client.execute(uri: "/actions/\(action.id)/milestones/\(milestone.id)/complete", method: .post,
                                     headers: formHeaders, body: ByteBuffer()) { response in
                #expect(response.status == .seeOther)
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.milestones.first { $0.id == milestone.id }?.completedOn == webTestDay)
            try await client.execute(uri: "/actions/\(action.id)?saved=milestone", method: .get) { response in
                let html = response.text
                #expect(html.contains("The milestone has been marked complete."))
                #expect(!html.contains("action=\"/actions/\(action.id)/milestones/\(milestone.id)/complete\""))
                #expect(html.contains("Complete, 23 November 2026"))
            }
            // A milestone of another action is not found.
            let other = try #require(contents.actions.first { $0.id != action.id })
            try await client.execute(uri: "/actions/\(other.id)/milestones/\(milestone.id)/complete", method: .post,
                                     headers: formHeaders, body: ByteBuffer()) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("The lead's judgement of whether it is making a difference is stored and shown")
    func recordDifference() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first)
            let body = formEncoded([("value", "some-difference"), ("note", "Re-referrals down two months running"), ("by", "Priya Shah")])
            try await client.execute(uri: "/actions/\(action.id)/difference", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            // Recorded as made by whoever is signed in, whatever a `by` field says.
            #expect(stored.difference == DifferenceJudgement(value: .someDifference, date: webTestDay, by: "Test Editor",
                                                            note: "Re-referrals down two months running"))
            try await client.execute(uri: "/actions/\(action.id)?saved=difference", method: .get) { response in
                let html = response.text
                #expect(html.contains("Recorded by Test Editor on 23 November 2026."))
                #expect(html.contains("Recorded as made by <strong>Test Editor (Editor)</strong>."))
                #expect(!html.contains("id=\"difference-by\""), "no name to type")
                #expect(html.contains("Re-referrals down two months running"))
                #expect(html.contains("value=\"some-difference\" checked"))
            }

            let missing = formEncoded([("note", "Hmm"), ("by", "")])
            try await client.execute(uri: "/actions/\(action.id)/difference", method: .post, headers: formHeaders, body: missing) { response in
                #expect(response.status == .badRequest)
                let html = response.text
                #expect(html.contains("<a href=\"#difference-value\">Select whether the action is making a difference</a>"))
                #expect(html.contains(">Hmm</textarea>"))
            }
        }
    }

    // MARK: Measures

    @Test("The measures list shows each KPI with value, target, rating, direction and trend")
    func measuresList() async throws {
        try await withTestApp { client, env, store in
            let measures = try await store.measures(organisationID: env.organisationID)
            #expect(!measures.isEmpty)
            try await client.execute(uri: "/measures", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                for measure in measures {
                    #expect(html.contains(Page.escaped(measure.title)))
                    #expect(html.contains("href=\"/measures/\(measure.id)\""))
                }
                let snapshots = measures.map { MeasureSnapshot(measure: $0, asAt: webTestDay, suppression: nil) }
                for rag in Set(snapshots.map(\.rating.rag)) {
                    #expect(html.contains(Page.escaped(Chip(rag).text)))
                }
                if snapshots.contains(where: \.exception.isException) {
                    #expect(html.contains("<strong class=\"tag tag--red\">Exception</strong>"))
                }
                #expect(html.contains("Improving") || html.contains("Declining") || html.contains("No change"))
                #expect(Page.matches(of: #"class="sparkline""#, in: html).count == measures.count)
                #expect(html.contains("aria-current=\"page\">Measures"))
            }
        }
    }

    @Test("The measure page shows the definition, chart with its figures, rating, direction and linked actions")
    func measurePage() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let linkedID = try #require(contents.actions.flatMap(\.measureIDs).first)
            let measure = try await store.measure(id: linkedID, organisationID: env.organisationID)
            let linked = try await store.actionsLinked(toMeasure: linkedID, organisationID: env.organisationID)
            try await client.execute(uri: "/measures/\(linkedID)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains(Page.escaped(measure.title)))
                #expect(html.contains("Measure \(Page.escaped(measure.code))"))
                #expect(html.contains("class=\"oversight-chart measure-chart\""))
                #expect(html.contains("The figures in the chart"))
                for value in measure.valuesInOrder.suffix(18) {
                    #expect(html.contains(">\(value.period.readableLabel)</th>"))
                }
                #expect(html.contains("Since the previous period"))
                #expect(html.contains("Since the same period last year"))
                #expect(html.contains("Exception</dt>"))
                for action in linked {
                    #expect(html.contains("href=\"/actions/\(action.id)\""))
                }
                if !measure.targets.isEmpty {
                    #expect(html.contains(measure.targets.sorted { $0.dueBy < $1.dueBy }.last!.dueBy.formatted))
                }
            }
        }
    }

    // MARK: Errors and safety

    @Test("Unknown or malformed ids are 404 pages", arguments: [
        "/plans/999999", "/actions/999999", "/measures/999999", "/plans/abc", "/actions/1.5", "/measures/-1", "/nothing-here",
    ])
    func notFound(uri: String) async throws {
        try await withTestApp { client, _, _ in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Page not found"))
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
        }
    }

    @Test("Posting to an unknown action is a 404")
    func postNotFound() async throws {
        try await withTestApp { client, _, _ in
            let body = formEncoded([("author", "Sam"), ("day", "1"), ("month", "11"), ("year", "2026"), ("text", "Hello")])
            try await client.execute(uri: "/actions/999999/updates", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/actions/999999/difference", method: .post, headers: formHeaders,
                                     body: formEncoded([("value", "not-yet"), ("by", "Sam")])) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("Titles are escaped: a title with a script tag shows as text")
    func escaping() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let area = try #require(contents.areas.first)
            let hostile = "<script>alert('x')</script> & \"quotes\""
            let created = try await store.createAction(
                Action(areaID: area.id, ref: "9.99", title: hostile, outcome: "<b>bold</b>", leads: ["<img src=x onerror=alert(1)>"],
                       startDate: Day(2026, 1, 1), dueDate: Day(2027, 1, 1), status: .inProgress, percentComplete: 50),
                organisationID: env.organisationID)
            for uri in ["/actions/\(created.id)", "/plans/\(contents.plan.id)", "/plans/\(contents.plan.id)?sort=title"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(!html.contains("<script>"), "\(uri)")
                    #expect(!html.contains("<img src=x"), "\(uri)")
                    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"), "\(uri)")
                }
            }
        }
    }

    @Test("Pages carry no inline style or script, label every field and keep headings in order")
    func accessibleMarkup() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { !$0.measureIDs.isEmpty })
            let measureID = action.measureIDs[0]
            for uri in ["/", "/plans/\(contents.plan.id)", "/plans/\(contents.plan.id)?sort=due", "/actions/\(action.id)",
                        "/measures", "/measures/\(measureID)"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let html = response.text
                    #expect(!html.contains(" style="), "\(uri) has an inline style")
                    #expect(!html.contains("<style"), "\(uri) has a style block")
                    #expect(!html.contains("<script"), "\(uri) has a script")
                    #expect(html.contains("<a href=\"#main\" class=\"skip-link\">"))
                    #expect(Page.matches(of: "<h1[ >]", in: html).count == 1, "\(uri) has one h1")
                    // Every visible input, select and textarea has a label naming its id.
                    let ids = Page.matches(of: #"<(?:input|select|textarea)[^>]*\bid="([^"]+)""#, in: html)
                    let hidden = Page.matches(of: #"<input type="hidden"[^>]*\bid="([^"]+)""#, in: html)
                    for id in ids where !hidden.contains(id) {
                        #expect(html.contains("for=\"\(id)\""), "\(uri): #\(id) has no label")
                    }
                    // Headings never skip a level going down.
                    let levels = Page.matches(of: "<h([1-6])[ >]", in: html).compactMap { Int($0) }
                    for (previous, next) in zip(levels, levels.dropFirst()) {
                        #expect(next <= previous + 1, "\(uri): h\(previous) followed by h\(next)")
                    }
                    // Tables have captions and header scopes.
                    #expect(Page.matches(of: "<table", in: html).count == Page.matches(of: "<caption", in: html).count, "\(uri)")
                    #expect(!html.contains("<th>"), "\(uri) has a th without scope")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("style-src 'self'") == true)
                }
            }
        }
    }

    /// Writes every page to /tmp/pages for a person to look at (with the stylesheet beside them).
    /// Run with OVERSIGHT_WRITE_PAGES=1.
    @Test("Write the pages out for review", .enabled(if: ProcessInfo.processInfo.environment["OVERSIGHT_WRITE_PAGES"] != nil))
    func writePages() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { !$0.measureIDs.isEmpty && $0.milestones.contains { !$0.isComplete } })
            let overridden = contents.actions.first { $0.override != nil } ?? action
            let directory = URL(fileURLWithPath: "/tmp/pages")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let css = Views.resources.appendingPathComponent("static/oversight.css")
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("oversight.css"))
            try FileManager.default.copyItem(at: css, to: directory.appendingPathComponent("oversight.css"))
            var pages: [(String, String, HTTPRequest.Method, ByteBuffer?)] = [
                ("plans", "/", .get, nil),
                ("plan", "/plans/\(contents.plan.id)", .get, nil),
                ("plan-sorted", "/plans/\(contents.plan.id)?sort=due&order=asc&overdue=yes&update-due=yes", .get, nil),
                ("plan-empty", "/plans/\(contents.plan.id)?rag=withdrawn&overdue=yes", .get, nil),
                ("action", "/actions/\(action.id)?saved=update", .get, nil),
                ("action-override", "/actions/\(overridden.id)", .get, nil),
                ("measures", "/measures", .get, nil),
                ("measure", "/measures/\(action.measureIDs[0])", .get, nil),
                ("not-found", "/plans/999999", .get, nil),
            ]
            pages.append(("action-errors", "/actions/\(action.id)/updates", .post,
                          formEncoded([("author", ""), ("day", "31"), ("month", "2"), ("year", "2026"), ("text", ""), ("percent", "x")])))
            for (name, uri, method, body) in pages {
                try await client.execute(uri: uri, method: method, headers: body == nil ? [:] : formHeaders, body: body) { response in
                    let html = response.text.replacingOccurrences(of: "href=\"/oversight.css\"", with: "href=\"oversight.css\"")
                    try html.write(to: directory.appendingPathComponent("\(name).html"), atomically: true, encoding: .utf8)
                }
            }
        }
    }
}

/// Reading pages in tests.
enum Page {
    /// The plan of the demo council, with its actions.
    static func demoPlan(_ environment: AppEnvironment, _ store: SQLStore) async throws -> PlanContents {
        let plan = try #require(try await store.plans(organisationID: environment.organisationID).first)
        return try await store.planContents(id: plan.id, organisationID: environment.organisationID, fullHistory: true)
    }

    /// Text as the templates escape it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// The action references in the rows of the actions tables, in page order.
    static func rowRefs(_ html: String) -> [String] {
        matches(of: #"<th scope="row" class="ref">([^<]*)</th>"#, in: html)
    }

    /// The first capture group (or the whole match) of every match of `pattern`.
    static func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            let r = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            return Range(r, in: text).map { String(text[$0]) }
        }
    }
}
