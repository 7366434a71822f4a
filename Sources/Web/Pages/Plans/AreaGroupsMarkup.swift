/// The plan overview's actions grouped by theme and area, with each area's "what needs to
/// improve and why", written straight to HTML for the same reason as `ActionTableMarkup`: on a
/// large plan these sections were most of what was left of the page's Mustache time.
enum AreaGroupsMarkup {
    static func html(_ groups: [PlanPage.ThemeGroup]) -> String {
        var out = ""
        out.reserveCapacity(groups.reduce(0) { $0 + $1.areas.reduce(0) { $0 + $1.table.html.utf8.count + 2_000 } })
        for group in groups {
            out += "<h3 class=\"heading-m\" id=\""
            escape(group.anchor, into: &out)
            out += "\">"
            escape(group.heading, into: &out)
            out += "</h3>\n<p class=\"body-s hint\">"
            escape(group.sentence, into: &out)
            out += "</p>\n"
            for area in group.areas {
                out += "<h4 class=\"heading-s\" id=\""
                escape(area.anchor, into: &out)
                out += "\">"
                escape(area.heading, into: &out)
                out += "</h4>\n"
                if let href = area.changeHref {
                    out += "<p class=\"body-s\"><a href=\""
                    escape(href, into: &out)
                    out += "\">Change<span class=\"visually-hidden\"> area "
                    escape(area.heading, into: &out)
                    out += "</span></a></p>\n"
                }
                if let lead = area.improvementLead {
                    out += "<p class=\"body-s\">Improvement lead: "
                    escape(lead, into: &out)
                    out += "</p>\n"
                }
                if let about = area.about { write(about, into: &out) }
                out += area.table.html
                out += "\n"
            }
        }
        return out
    }

    private static func write(_ about: PlanPage.AreaAbout, into out: inout String) {
        out += """
            <details class="details">
              <summary class="details__summary"><span class="details__summary-text">What needs to improve and why</span></summary>
              <div class="details__text">\n
            """
        if let coreFocus = about.coreFocus {
            out += "    <p class=\"body\"><strong>Core focus:</strong> "
            escape(coreFocus, into: &out)
            out += "</p>\n"
        }
        if !about.issues.isEmpty {
            out += "    <p class=\"body\"><strong>Issues identified</strong></p>\n"
            for issue in about.issues {
                out += "    <p class=\"body-s\"><strong>"
                escape(issue.issueHeading, into: &out)
                out += "</strong>"
                if let paragraphs = issue.paragraphsText {
                    out += " <span class=\"hint\">("
                    escape(paragraphs, into: &out)
                    out += ")</span>"
                }
                out += "</p>\n    <blockquote class=\"quote\"><p class=\"body-s\">"
                escape(issue.quote, into: &out)
                out += "</p></blockquote>\n"
            }
        }
        if !about.objectives.isEmpty {
            out += "    <p class=\"body\"><strong>Objectives</strong></p>\n    <ul class=\"list list--bullet\">\n"
            for objective in about.objectives {
                out += "      <li>"
                escape(objective, into: &out)
                out += "</li>\n"
            }
            out += "    </ul>\n"
        }
        if let why = about.whyItMatters {
            out += "    <p class=\"body\"><strong>Why this is important:</strong> "
            escape(why, into: &out)
            out += "</p>\n"
        }
        if let good = about.whatGoodLooksLike {
            out += "    <p class=\"body\"><strong>What good looks like:</strong> "
            escape(good, into: &out)
            out += "</p>\n"
        }
        out += "  </div>\n</details>\n"
    }

    private static func escape(_ text: String, into out: inout String) {
        ActionTableMarkup.escape(text, into: &out)
    }
}
