import Foundation

/// The supervision notice (督办单) and the joint-meeting report (联席会议汇报).
public enum Reports {
    public enum Format: String, CaseIterable, Sendable { case text, md, csv, html }

    // MARK: 督办单

    /// A supervision notice for one task, plain text fit to paste into an official document
    /// (or Markdown). `serial` is the notice's number, e.g. "督办〔2027〕3号".
    public static func notice(plan: Plan, task number: Int, serial: String, today: Day,
                              settings: SupervisionSettings, markdown: Bool = false) throws(DomainError) -> String {
        let t = try plan.resolveTask(number)
        let items = Supervision.overdueList(plan, today: today, warningDays: settings.warningDays).filter { $0.task == number }
        let deadline = today.adding(days: settings.responseDays)
        let latest = t.latestProgress
        // Data goes through `f`: escaped for Markdown, on one line in plain text, so a title
        // can neither inject markup nor forge a line of the notice.
        func f(_ s: String) -> String { markdown ? Exporter.mdEscape(s) : oneLine(s) }
        let h = markdown ? "## " : ""
        let b = markdown ? "**" : ""
        let li = markdown ? "- " : "  "
        var s = ""
        s += "\(h)\(f(plan.office.name))督办单\n\n"
        s += "\(b)编号：\(b)\(serial)\(markdown ? "  " : "")\n"
        s += "\(b)日期：\(b)\(chineseDate(today))\(markdown ? "  " : "")\n\n"
        s += "\(b)督办事项：\(b)第\(t.number)项 \(f(t.title))\(markdown ? "  " : "")\n"
        s += "\(b)牵头部门：\(b)\(t.leads.isEmpty ? "（未明确）" : f(t.leads.joined(separator: "、")))\(markdown ? "  " : "")\n"
        s += "\(b)协同部门：\(b)\(t.cooperating.isEmpty ? "（无）" : f(t.cooperating.joined(separator: "、")))\n\n"
        let late = items.filter { $0.light == .overdue }
        let soon = items.filter { $0.light == .dueSoon }
        s += "\(b)逾期节点：\(b)\(late.isEmpty ? "无" : "")\n"
        for i in late {
            s += "\(li)\(f(i.milestone.title))，应于\(chineseDate(i.milestone.due!))完成\(extended(i.milestone))，已逾期\(i.daysLate)天\n"
        }
        s += "\(b)临近节点：\(b)\(soon.isEmpty ? "无" : "")\n"
        for i in soon {
            let left = -i.daysLate
            s += "\(li)\(f(i.milestone.title))，应于\(chineseDate(i.milestone.due!))完成\(extended(i.milestone))，\(left == 0 ? "今日到期" : "还有\(left)天")\n"
        }
        s += "\n\(b)最近一次进展报送：\(b)"
        if let r = latest {
            s += "\(chineseDate(r.date))，\(f(r.unit))\n"
            s += "\(li)进展情况：\(r.progress.isEmpty ? "（未填）" : f(r.progress))\n"
            s += "\(li)存在问题：\(r.problems.isEmpty ? "（未填）" : f(r.problems))\n"
            s += "\(li)下一步措施：\(r.next.isEmpty ? "（未填）" : f(r.next))\n"
        } else {
            s += "未报送\n"
        }
        s += "\n\(b)督办要求：\(b)请牵头部门会同协同部门对照上述节点抓紧推进，"
        s += "于\(chineseDate(deadline))前将办理情况（进展情况、存在问题、下一步措施）书面报送\(f(plan.office.name))。\n"
        return s
    }

    /// "（已延期，原定2027年3月31日，2027年3月20日批准）" for a milestone whose due date an
    /// approved extension moved; empty otherwise.
    public static func extended(_ m: Milestone) -> String {
        guard let original = m.originalDue else { return "" }
        var s = "（已延期，原定\(chineseDate(original))"
        if case let .approved(d)? = m.extensionRequest?.decision { s += "，\(chineseDate(d))批准" }
        return s + "）"
    }

    /// Plain text on one line: every line break (CR, LF, CRLF, NEL, U+2028/2029) becomes a space.
    public static func oneLine(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for u in s.unicodeScalars {
            defer { afterCR = u == "\r" }
            switch u {
            case "\n" where afterCR: continue
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}": out.append(" ")
            default: out.append(u)
            }
        }
        return String(out)
    }

    public static func chineseDate(_ d: Day) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    // MARK: Joint-meeting report

    /// The report as of `today`: counts by status, one row per task, one per unit, and the
    /// changes since `since` (pass the audit records to include).
    public static func meeting(plan: Plan, today: Day, settings: SupervisionSettings, format: Format,
                               since: Day?, changes: [AuditRecord], zone: TimeZone = .current) -> String {
        let w = settings.warningDays
        let statuses = plan.tasks.map { Supervision.status(of: $0, today: today, warningDays: w) }
        var counts: [TaskStatus: Int] = [:]
        for s in statuses { counts[s, default: 0] += 1 }
        let statusHeader = ["状态", "任务数"]
        let statusRows = TaskStatus.allCases.map { [statusName($0), String(counts[$0] ?? 0)] }
        let taskHeader = ["序号", "名称", "牵头部门", "状态", "节点完成", "下一节点", "存在问题", "下一步措施"]
        let taskRows: [[String]] = zip(plan.tasks, statuses).map { t, st in
            let done = t.milestones.filter(\.isDone).count
            let next = t.milestones.filter { !$0.isDone }.compactMap(\.due).min()
            let latest = t.latestProgress
            return [String(t.number), t.title, t.leads.joined(separator: "、"), statusName(st),
                    "\(done)/\(t.milestones.count)", next?.description ?? "", latest?.problems ?? "", latest?.next ?? ""]
        }
        let unitHeader = ["单位", "简称", "牵头", "协同", "牵头逾期节点"]
        let unitRows = Supervision.workload(plan, today: today).map {
            [$0.unit.name, $0.unit.abbr, String($0.lead), String($0.cooperating), String($0.overdue)]
        }
        // In words and local time (AuditWords): never an action name or a setting key.
        let changeHeader = ["时间", "操作人", "任务", "变更"]
        let sinceCut = since.map { $0.description } ?? ""
        let changeRows = changes.filter { since == nil || $0.time >= sinceCut }
            .sorted { $0.id < $1.id }
            .map { [AuditWords.time($0.time, zone: zone), $0.operatorName, $0.task.map(String.init) ?? "",
                    AuditWords.describe($0).zh] }

        let title = "\(plan.office.name)联席会议督办情况汇报"
        let asOf = "截至\(chineseDate(today))"
        let sections: [(String, [String], [[String]])] = [
            ("一、任务状态统计", statusHeader, statusRows),
            ("二、重点任务推进情况", taskHeader, taskRows),
            ("三、各单位承担任务情况", unitHeader, unitRows),
            ("四、" + (since.map { "\(chineseDate($0))以来的变更" } ?? "变更记录"), changeHeader, changeRows),
        ]
        switch format {
        case .csv:
            var records: [[String]] = [[title, asOf]]
            for (name, header, rows) in sections {
                records.append([])
                records.append([name])
                records.append(header)
                records.append(contentsOf: rows)
            }
            return CSV.document(records)
        case .md, .text:
            var s = "# \(Exporter.mdEscape(title))\n\n\(asOf)\n"
            for (name, header, rows) in sections {
                s += "\n## \(name)\n\n"
                if rows.isEmpty { s += "（无）\n"; continue }
                s += "| " + header.map(Exporter.mdEscape).joined(separator: " | ") + " |\n"
                s += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
                for r in rows { s += "| " + r.map(Exporter.mdEscape).joined(separator: " | ") + " |\n" }
            }
            return s
        case .html:
            var s = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(html(title))</title>
            <style>
            body{font-family:"Noto Sans CJK SC","Microsoft YaHei",SimSun,sans-serif;margin:2em;color:#000}
            table{border-collapse:collapse;width:100%;margin-bottom:1.5em;font-size:10.5pt}
            th,td{border:1px solid #444;padding:3px 6px;vertical-align:top;text-align:left}
            th{background:#eee}
            .overdue{color:#b00000;font-weight:bold}.due-soon{color:#a06000}.done{color:#006000}
            @media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
            </style></head><body>
            <h1>\(html(title))</h1><p>\(html(asOf))</p>

            """
            for (name, header, rows) in sections {
                s += "<h2>\(html(name))</h2>\n"
                if rows.isEmpty { s += "<p>（无）</p>\n"; continue }
                s += "<table><thead><tr>" + header.map { "<th>\(html($0))</th>" }.joined() + "</tr></thead><tbody>\n"
                for r in rows {
                    s += "<tr>" + r.map { c in
                        let cls = TaskStatus.allCases.first { statusName($0) == c }.map { " class=\"\($0.rawValue)\"" } ?? ""
                        return "<td\(cls)>\(html(c))</td>"
                    }.joined() + "</tr>\n"
                }
                s += "</tbody></table>\n"
            }
            return s + "</body></html>\n"
        }
    }

    public static func statusName(_ s: TaskStatus) -> String {
        switch s {
        case .overdue: return "逾期"
        case .dueSoon: return "临期"
        case .onTrack: return "正常"
        case .done: return "完成"
        case .noMilestones: return "未设节点"
        }
    }

    /// Escapes text for HTML element content or a quoted attribute, on Unicode scalars (a
    /// `<` or `"` followed by a combining mark is still escaped); line breaks (CRLF, CR, LF)
    /// become `<br>`, other control characters visible placeholders.
    public static func html(_ s: String) -> String {
        var out = ""
        var afterCR = false
        for u in s.unicodeScalars {
            defer { afterCR = u == "\r" }
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n" where afterCR: continue
            case "\r", "\n": out += "<br>"
            default: out += Sanitizer.clean(String(u))
            }
        }
        return out
    }
}
