import Documents

/// The plan overview's actions table, written straight to HTML.
///
/// A plan can have hundreds of actions and this table is most of the page; rendered through
/// Mustache it was most of the page's time (every `{{name}}` is a runtime lookup with casts).
/// The markup is the same as a template would give: every value is escaped here, and
/// `PlanPageTests`/`PagesTests` check the rendered table as a reader sees it.
enum ActionTableMarkup {
    static func html(caption: String, captionHidden: Bool, headers: [PlanPage.SortHeader], rows: [PlanPage.ActionRow]) -> String {
        var out = ""
        out.reserveCapacity(600 + rows.count * 700)
        // A region a keyboard can scroll and a screen reader names; on a phone the rows stack
        // (`.table--actions` in the stylesheet), each cell after the title saying what it is.
        out += "<div class=\"table-wrap\" role=\"region\" aria-label=\""
        escape(caption, into: &out)
        out += "\" tabindex=\"0\">\n<table class=\"table table--small table--actions\">\n"
        out += "  <caption class=\"table__caption table__caption--s\(captionHidden ? " visually-hidden" : "")\">"
        escape(caption, into: &out)
        out += "</caption>\n  <thead>\n    <tr>\n"
        for header in headers {
            out += "      <th scope=\"col\""
            if header.numeric { out += " class=\"numeric\"" }
            if let ariaSort = header.ariaSort {
                out += " aria-sort=\""
                escape(ariaSort, into: &out)
                out += "\""
            }
            out += ">"
            if header.sortable {
                out += "<a class=\"sort-link\" href=\""
                escape(header.href, into: &out)
                out += "\">"
                escape(header.label, into: &out)
                out += "</a>"
            } else {
                escape(header.label, into: &out)
            }
            out += "</th>\n"
        }
        out += "    </tr>\n  </thead>\n  <tbody>\n"
        // The label a stacked cell shows before its value: the column's header.
        func label(_ index: Int) -> String {
            var text = " data-label=\""
            if headers.indices.contains(index) { escape(headers[index].label, into: &text) }
            return text + "\""
        }
        let leadsLabel = label(2), dueLabel = label(3), percentLabel = label(4), ratingLabel = label(5), updateLabel = label(6)
        for row in rows {
            out += "    <tr>\n      <th scope=\"row\" class=\"ref\">"
            escape(row.ref, into: &out)
            out += "</th>\n      <td><a href=\""
            escape(row.href, into: &out)
            out += "\">"
            escape(row.actionTitle, into: &out)
            out += "</a>"
            if let areaLabel = row.areaLabel {
                out += "<br><span class=\"hint\">"
                escape(areaLabel, into: &out)
                out += "</span>"
            }
            out += "</td>\n      <td" + leadsLabel + ">"
            escape(row.leadsText, into: &out)
            out += "</td>\n      <td" + dueLabel + "><span class=\"nowrap\">"
            escape(row.dueText, into: &out)
            out += "</span>"
            if let reprogrammedFrom = row.reprogrammedFrom {
                out += "<br><span class=\"hint\">"
                escape(reprogrammedFrom, into: &out)
                out += "</span>"
            }
            if row.dueSoon { out += "<br><span class=\"hint\">Due in the next 30 days</span>" }
            out += "</td>\n      <td class=\"numeric\"" + percentLabel + ">"
            escape(row.percentText, into: &out)
            out += "</td>\n      <td" + ratingLabel + "><strong class=\"tag tag--"
            escape(row.chip.colour, into: &out)
            out += "\">"
            escape(row.chip.text, into: &out)
            out += "</strong></td>\n      <td" + updateLabel + ">"
            out += row.updateDue ? "<strong class=\"tag tag--yellow\">Update due</strong>" : "<span class=\"hint\">Not due</span>"
            out += "</td>\n    </tr>\n"
        }
        out += "  </tbody>\n</table>\n</div>\n"
        return out
    }

    static func escape(_ text: String, into out: inout String) {
        MarkupText.escape(text, into: &out)
    }
}
