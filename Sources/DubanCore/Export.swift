import Foundation

/// Writes a plan as JSON, CSV (for Excel/WPS) or Markdown.
public enum Exporter {
    public enum Format: String, CaseIterable, Sendable { case json, csv, md }

    public static func export(_ plan: Plan, as format: Format, today: Day, settings: SupervisionSettings = .init()) -> String {
        switch format {
        case .json: return json(plan, today: today, settings: settings)
        case .csv: return csv(plan, today: today)
        case .md: return markdown(plan, today: today)
        }
    }

    // MARK: JSON

    /// `{"office":{...},"units":[...],"tasks":[...]}` with lists in column and row order.
    public static func json(_ plan: Plan, today: Day, settings: SupervisionSettings = .init()) -> String {
        var out = "{\n"
        let o = plan.office
        out += "  \"office\": {\"name\": \(q(o.name)), \"host\": \(q(o.hostUnit)), \"members\": \(list(o.members))},\n"
        out += "  \"units\": [\n"
        let loads = Supervision.workload(plan, today: today)
        out += plan.units.enumerated().map { i, u in
            let c = loads[i]
            return "    {\"column\": \(i + 1), \"name\": \(q(u.name)), \"short\": \(q(u.short)), \"abbr\": \(q(u.abbr)), "
                + "\"full_form\": \(u.fullForm.isEmpty ? "null" : q(u.fullForm)), \"aliases\": \(list(u.aliases)), "
                + "\"member\": \(plan.isMember(u.name)), \"lead\": \(c.lead), \"cooperating\": \(c.cooperating)}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"tasks\": [\n"
        out += plan.tasks.map { t in
            let status = Supervision.status(of: t, today: today, warningDays: settings.warningDays)
            var s = "    {\"number\": \(t.number), \"title\": \(q(t.title)), \"status\": \(q(status.rawValue)),\n"
            s += "     \"lead\": \(list(t.leads)),\n"
            s += "     \"cooperating\": \(list(t.cooperating)),\n"
            s += "     \"follow_up\": \(t.followUp.map(q) ?? "null"), \"notes\": \(q(t.notes)),\n"
            s += "     \"milestones\": ["
            s += t.milestones.map { m in
                "{\"id\": \(m.id), \"title\": \(q(m.title)), \"due\": \(m.due.map { q($0.description) } ?? "null"), "
                    + "\"status\": \(q(m.statusWord)), \"completed\": \(m.completed.map { q($0.description) } ?? "null"), "
                    + "\"owner\": \(m.owner.map(q) ?? "null"), \"original_due\": \(m.originalDue.map { q($0.description) } ?? "null"), "
                    + "\"extension\": \(m.extensionRequest.map(extensionJSON) ?? "null"), \"kind\": \(m.kind.map { q($0.rawValue) } ?? "null")}"
            }.joined(separator: ", ")
            s += "],\n     \"progress\": ["
            s += t.progress.map { r in
                "{\"date\": \(q(r.date.description)), \"unit\": \(q(r.unit)), \"progress\": \(q(r.progress)), "
                    + "\"problems\": \(q(r.problems)), \"next\": \(q(r.next))}"
            }.joined(separator: ", ")
            s += "],\n     \"flow\": ["
            s += t.assignments.map { a in
                "{\"unit\": \(q(a.unit)), \"role\": \(q(a.role.rawValue)), \"state\": \(q(a.flow.state.rawValue)), "
                    + "\"since\": \(a.flow.since.map { q($0.description) } ?? "null"), \"reason\": \(a.flow.reason.map(q) ?? "null")}"
            }.joined(separator: ", ")
            s += "]}"
            return s
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }

    /// `{"unit": …, "to": …, "reason": …, "asked": …, "status": "pending"|"approved"|"rejected", "decided": …, "decision_reason": …}`.
    static func extensionJSON(_ r: ExtensionRequest) -> String {
        var decided = "null", why = "null"
        switch r.decision {
        case let .approved(d)?: decided = q(d.description)
        case let .rejected(d, reason)?: decided = q(d.description); why = q(reason)
        case nil: break
        }
        return "{\"unit\": \(q(r.unit)), \"to\": \(q(r.to.description)), \"reason\": \(q(r.reason)), \"asked\": \(q(r.asked.description)), "
            + "\"status\": \(q(r.status)), \"decided\": \(decided), \"decision_reason\": \(why)}"
    }

    /// A JSON string literal. Control characters (C0, DEL, C1, bidi controls, U+2028/2029)
    /// are escaped, so the output is safe anywhere, a terminal included.
    public static func q(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
                    || Sanitizer.isBidiControl(u.value) {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.map(q).joined(separator: ", ") + "]"
    }

    // MARK: CSV

    /// UTF-8 with BOM and CRLF line ends, so Excel and WPS open it as Chinese text.
    public static func csv(_ plan: Plan, today: Day) -> String {
        var rows: [[String]] = [["序号", "名称", "牵头部门", "协同部门", "时间节点", "跟进人", "备注"]]
        for t in plan.tasks {
            rows.append([
                String(t.number), t.title, t.leads.joined(separator: "、"), t.cooperating.joined(separator: "、"),
                t.milestones.map(milestoneText).joined(separator: "；"), t.followUp ?? "", t.notes,
            ])
        }
        return CSV.document(rows)
    }

    static func milestoneText(_ m: Milestone) -> String {
        var s = m.title
        var parts: [String] = []
        if let d = m.due { parts.append("截止 \(d)") }
        parts.append(m.isDone ? "已完成" + (m.completed.map { " \($0)" } ?? "") : "未完成")
        s += "（" + parts.joined(separator: "，") + "）"
        return s
    }

    // MARK: Markdown

    public static func markdown(_ plan: Plan, today: Day) -> String {
        var out = "# \(mdEscape(plan.office.name))：重点工作任务分解表\n\n"
        out += "| 序号 | 名称 | 牵头部门 | 协同部门 | 时间节点 |\n|---:|---|---|---|---|\n"
        for t in plan.tasks {
            out += "| \(t.number) | \(mdEscape(t.title)) | \(mdEscape(t.leads.joined(separator: "、"))) | "
                + "\(mdEscape(t.cooperating.joined(separator: "、"))) | "
                + "\(t.milestones.map { mdEscape(milestoneText($0)) }.joined(separator: "<br>")) |\n"
        }
        return out
    }

    /// Text from data for a Markdown line or table cell: `<`, `>` and `&` become entities
    /// (no HTML), `\\ | [ ] ` * _` are backslash-escaped (no cell break, link or emphasis),
    /// and every line break (CR, LF, CRLF, NEL, U+2028/2029) becomes a space, so data can
    /// neither break a table row nor start a line of its own. Works on Unicode scalars.
    public static func mdEscape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in Reports.oneLine(s).unicodeScalars {
            switch u {
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "\\", "|", "[", "]", "`", "*", "_": out.append("\\"); out.append(u)
            default: out.append(u)
            }
        }
        return String(out)
    }
}

/// The task × unit grid as plain text, aligned by display width, for pipes and printing.
public enum MatrixText {
    public static func render(_ plan: Plan, ascii: Bool = false, titleWidth: Int = 24) -> String {
        let cellWidth = ascii ? 4 : 5
        func cell(_ s: String) -> String { TextWidth.pad(s, to: cellWidth) }
        let numW = max(ascii ? 2 : 4, String(plan.tasks.map(\.number).max() ?? 0).count)
        let left = numW + 1 + titleWidth + 1
        var out = ""
        var header = TextWidth.pad(ascii ? "No" : "序号", to: numW + 1) + TextWidth.pad(ascii ? "Task" : "名称", to: titleWidth) + "|"
        var members = String(repeating: " ", count: left - 1) + "|"
        for u in plan.units {
            header += cell(ascii ? abbrASCII(u, plan) : u.abbr)
            members += cell(plan.isMember(u.name) ? (ascii ? "*" : "◆") : "")
        }
        out += trimRight(Sanitizer.clean(header)) + "\n"
        out += trimRight(members) + "\n"
        out += String(repeating: "-", count: left - 1) + "+" + String(repeating: "-", count: plan.units.count * cellWidth) + "\n"
        for t in plan.tasks {
            var line = TextWidth.padLeft(String(t.number), to: numW) + " " + TextWidth.pad(Sanitizer.clean(t.title), to: titleWidth) + "|"
            for u in plan.units {
                switch t.role(of: u.name) {
                case .lead?: line += cell(ascii ? "L" : "牵")
                case .cooperating?: line += cell(ascii ? "C" : "协")
                case nil: line += cell(ascii ? "." : "·")
                }
            }
            out += trimRight(line) + "\n"
        }
        if ascii {
            out += "\nColumns: " + plan.units.enumerated().map { "\($0.offset + 1)=\(Sanitizer.clean($0.element.name))" }.joined(separator: " ") + "\n"
        } else {
            out += "\n牵 = 牵头部门  协 = 协同部门  ◆ = 领导小组成员单位\n"
        }
        return out
    }

    /// Column label in ASCII mode: the column number.
    private static func abbrASCII(_ u: Unit, _ plan: Plan) -> String {
        String((plan.unitIndex(name: u.name) ?? 0) + 1)
    }

    private static func trimRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// The one CSV writer (RFC 4180, for Excel and WPS): UTF-8 with a BOM, CRLF record ends,
/// every record padded to the widest one. It works on Unicode scalars, never on Characters:
/// a `"` or `,` followed by a combining mark is one Character but still a quote or a comma
/// to a spreadsheet.
public enum CSV {
    /// First scalars that make Excel/WPS read a cell as a formula (OWASP CSV injection),
    /// with the fullwidth forms WPS also accepts.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// The cell's text as a spreadsheet should show it: prefixed with `'` when it would
    /// otherwise start a formula.
    public static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, formulaStarts.contains(first) else { return s }
        return "'" + s
    }

    /// One cell, neutralised and quoted when it holds a comma, a quote, CR or LF.
    public static func field(_ s: String) -> String {
        let v = neutralised(s)
        var needsQuotes = false
        var out = String.UnicodeScalarView()
        out.append("\"")
        for u in v.unicodeScalars {
            switch u {
            case "\"": needsQuotes = true; out.append("\""); out.append("\"")
            case ",", "\r", "\n": needsQuotes = true; out.append(u)
            default: out.append(u)
            }
        }
        guard needsQuotes else { return v }
        out.append("\"")
        return String(out)
    }

    /// One record (no line end).
    public static func record(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",")
    }

    /// A whole file: BOM, records padded with empty cells to the widest record, CRLF ends.
    public static func document(_ rows: [[String]]) -> String {
        let width = rows.map(\.count).max() ?? 0
        var out = "\u{FEFF}"
        for r in rows {
            out += record(r + Array(repeating: "", count: width - r.count))
            out += "\r\n"
        }
        return out
    }
}
