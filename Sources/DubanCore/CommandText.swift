/// The description (`abstract`) of every CLI command in both languages: `duban --help`
/// speaks the user's language. A new command adds a case; the compiler then asks for its text.
public enum CommandText: String, CaseIterable, Sendable {
    case duban, backup, restore, directory, initialize, export, list, show, units, matrix, assign, note, followUp, log, check, milestone, milestoneAdd, milestoneDone, milestoneReopen, milestoneEdit, milestoneRemove, open, migrate, grant, config, overdue, notice, notices, report, score, progress, progressAdd, progressList, quarterly,
         progressEdit, progressRemove, task, taskAdd, taskEdit, taskRetire, taskRestore, taskRetired, unit, unitAdd, unitEdit, keys,
         sign, requestClose, close, returnStep, suspend, resume, extend, approve, reject, queue, escalation, requirePlan, submitPlan, inbox, reportTemplate, collect, missing

    public var abstract: Localized {
        switch self {
        case .sign: return Localized(zh: "签收：单位确认承接其在任务中的分工（已交办 → 已签收）。",
                                    en: "签收: a unit acknowledges its part in a task (assigned → signed).")
        case .requestClose: return Localized(zh: "申请办结：牵头单位请办公室办结其分工（已签收 → 申请办结）。",
                                    en: "申请办结: a lead unit asks the office to close its part (signed → closing).")
        case .close: return Localized(zh: "销号：办公室办结单位的分工（申请办结 → 已办结；牵头单位已申请后，协同单位可从已签收直接办结）。",
                                    en: "销号: the office closes a unit's part (closing → closed; a cooperating unit's from signed once a lead asked).")
        case .returnStep: return Localized(zh: "退回：办公室退回办结申请并说明理由（申请办结 → 已签收）。",
                                    en: "退回: the office sends a closure request back, with a reason (closing → signed).")
        case .suspend: return Localized(zh: "中止：办公室中止单位的分工，须说明理由。",
                                    en: "中止: the office suspends a unit's part, with a reason.")
        case .resume: return Localized(zh: "恢复：办公室恢复已中止的分工（回到中止前的状态）。",
                                    en: "恢复: the office resumes a suspended part (back to its state before).")
        case .extend: return Localized(zh: "延期申请：牵头单位在到期前申请推迟时间节点的完成时限。",
                                    en: "延期申请: a lead unit asks, before the due date, to move a milestone's due date.")
        case .approve: return Localized(zh: "批准延期：办公室批准待审的延期申请，时限随之改变，原定时限保留。",
                                    en: "The office approves a milestone's pending extension: the due date moves, the original is kept.")
        case .reject: return Localized(zh: "驳回延期：办公室驳回待审的延期申请并说明理由，时限不变。",
                                    en: "The office rejects a milestone's pending extension, with a reason: the due date stays.")
        case .queue: return Localized(zh: "办公室待办：办结申请、延期申请、签收逾期和反馈逾期的单位。",
                                    en: "The office's queue: closure requests, extension requests, units late to sign (签收逾期) or to report (反馈逾期).")
        case .escalation: return Localized(zh: "催办：各任务的催办等级（提醒：临期；黄牌：逾期；红牌：逾期超过 red_days 或督办单未回复）及督办单。",
                                    en: "催办: each task's escalation level (提醒 due soon, 黄牌 overdue, 红牌 overdue beyond red_days or a notice unanswered) and its notices.")
        case .requirePlan: return Localized(zh: "要求牵头单位在期限前报送任务的具体方案（一种专门的时间节点，由第一个牵头单位负责）。",
                                    en: "Require the lead units' concrete plan (具体方案) for a task by a date: a milestone of its own kind, owned by the first lead.")
        case .submitPlan: return Localized(zh: "登记牵头单位已报送任务的具体方案（今天或 --on 日期）。",
                                    en: "Record that the lead unit submitted a task's concrete plan (具体方案), today or --on DATE.")
        case .inbox: return Localized(zh: "单位待办：待签收的分工、上月应报未报的进展、被退回的办结申请。",
                                    en: "A unit's inbox (待办): parts to sign, reports owed for last month, closure requests sent back.")
        case .reportTemplate: return Localized(zh: "月报填报表：为单位生成某月的填报工作簿（.xlsx）。",
                                    en: "月报填报表: writes a unit's fill-in workbook (.xlsx) for a month's report.")
        case .collect: return Localized(zh: "收集月报：读取交回的填报工作簿（或 CSV），登记其中的进展和办结申请。",
                                    en: "收集月报: reads returned fill-in workbooks (or CSV) and adds their reports and closure requests.")
        case .missing: return Localized(zh: "缺报/迟报：某月没有报送进展的牵头单位，以及逾期才报送的单位。",
                                    en: "缺报/迟报: lead units without a report for a month, and those whose report came after the deadline.")
        case .duban: return Localized(zh: "督办 — 跟踪城乡一体化规划的 24 项重点任务：谁牵头、谁协同、时间节点和进展。",
                                    en: "督办 — track the 24 key tasks of the urban–rural integration plan: who leads, who cooperates, milestones and progress.")
        case .backup: return Localized(zh: "通过 SQLite 的备份接口把督办文件复制到 OUT（他人编辑时也安全）。",
                                    en: "Copy the tracker to OUT through SQLite's backup API (safe while others are editing).")
        case .restore: return Localized(zh: "先检查备份是完好的督办文件，再用它替换督办文件的内容。",
                                    en: "Replace the tracker's contents with a backup, after checking the backup is a sound tracker.")
        case .directory: return Localized(zh: "输出督办文件的单位名录（units.tsv：全称、简称、缩写、别名），或替换它。",
                                    en: "Print the tracker's unit directory (units.tsv: names, short names, abbreviations, aliases) or replace it.")
        case .initialize: return Localized(zh: "从内置表格或表格文件（制表符文本、UTF-8/UTF-16/GB18030 的 CSV 或 TSV、.xlsx 工作簿）建立督办文件。",
                                    en: "Create a tracker from the built-in table or from a table file (box-drawing text, CSV or TSV in UTF-8, UTF-16 or GB18030, or an .xlsx workbook).")
        case .export: return Localized(zh: "把整个督办文件导出为 JSON、CSV（带 BOM 的 UTF-8，供 Excel/WPS 使用）或 Markdown。",
                                    en: "Write the whole tracker as JSON, CSV (UTF-8 with BOM, for Excel/WPS) or Markdown.")
        case .list: return Localized(zh: "列出各项任务及其牵头单位。",
                                    en: "List the tasks with their lead units.")
        case .show: return Localized(zh: "显示一项任务的全部内容：状态灯、单位、时间节点、进展报送、跟进人员、备注。",
                                    en: "Show one task in full: its light, units, milestones (lights, owners, completion), progress reports, follow-up, notes.")
        case .units: return Localized(zh: "列出各单位（矩阵的列）及其牵头、协同任务数。",
                                    en: "List the units (matrix columns) with their lead and cooperating counts.")
        case .matrix: return Localized(zh: "以文本输出任务 × 单位矩阵（中文对齐），供管道和打印使用。",
                                    en: "Print the task × unit matrix as text (CJK-aligned), for pipes and printing.")
        case .assign: return Localized(zh: "设定单位在任务中的分工：牵头、协同或无。",
                                    en: "Give a unit a role on a task: lead (牵头), cooperating (协同) or none.")
        case .note: return Localized(zh: "设置任务备注（空文本即清空）。",
                                    en: "Set a task's notes (empty text clears them).")
        case .followUp: return Localized(zh: "指定跟进任务的办公室人员（空即清除）。",
                                    en: "Name the office staff member who follows up a task (empty clears).")
        case .log: return Localized(zh: "显示修改记录，最新的在前。",
                                    en: "Show the audit trail, newest first.")
        case .check: return Localized(zh: "数据质量报告：导入时的修正，以及需要办公室关注的问题。",
                                    en: "The data-quality report: import repairs and what needs the office's attention.")
        case .milestone: return Localized(zh: "新增、完成、重新打开、修改或删除任务的时间节点。",
                                    en: "Add, complete, reopen, edit or remove a task's milestones (时间节点).")
        case .milestoneAdd: return Localized(zh: "新增时间节点；输出其编号。",
                                    en: "Add a milestone; prints its id.")
        case .milestoneDone: return Localized(zh: "把时间节点标记为完成（今天，或 --on 日期）。",
                                    en: "Mark a milestone done (today, or --on DATE).")
        case .milestoneReopen: return Localized(zh: "重新打开时间节点。",
                                    en: "Mark a milestone open again.")
        case .milestoneEdit: return Localized(zh: "修改时间节点的名称、完成时限或责任单位。",
                                    en: "Change a milestone's title, due date or owner.")
        case .milestoneRemove: return Localized(zh: "删除时间节点。",
                                    en: "Remove a milestone.")
        case .open: return Localized(zh: "打开交互式督办界面（不带子命令时的默认操作）。界面中按 ? 查看按键。",
                                    en: "Open the interactive tracker (the default when no subcommand is given). Press ? inside for the keys.")
        case .migrate: return Localized(zh: "把督办文件（含修改记录）复制到一个空的 PostgreSQL 数据库。",
                                    en: "Copy a tracker file, audit log included, into an empty PostgreSQL database.")
        case .grant: return Localized(zh: "为单位（可报送进展、完成本单位的时间节点）或办公室人员建立 PostgreSQL 登录名。",
                                    en: "Make a PostgreSQL login for a unit (it may report and mark its own milestones done) or for office staff.")
        case .config: return Localized(zh: "查看或修改督办规则设置。",
                                    en: "Show or change the tracker's supervision settings.")
        case .overdue: return Localized(zh: "督办清单：已逾期或临期的未完成时间节点，逾期最久的在前。",
                                    en: "The supervision list (督办清单): open milestones past due or due soon, most late first.")
        case .notice: return Localized(zh: "输出任务的督办单：不带编号的预览，或用 --issue 取本年度下一个编号。",
                                    en: "Print a supervision notice (督办单) for a task: a preview without a number, or with --issue the next serial number of the year.")
        case .notices: return Localized(zh: "已发督办单登记簿：年度、编号、任务、日期、经办人。",
                                    en: "The register of issued supervision notices (督办单): year, number, task, date, operator.")
        case .report: return Localized(zh: "联席会议汇报：状态统计、各任务和各单位情况、某日以来的变更。",
                                    en: "The joint-meeting report (联席会议): status counts, one row per task and per unit, changes since a date.")
        case .score: return Localized(zh: "考核排名及所用规则；得分相同者名次相同。",
                                    en: "The assessment ranking (考核) with the rules used; equal scores share a rank.")
        case .progress: return Localized(zh: "进展填报：进展情况、存在问题、下一步措施。",
                                    en: "Progress reports (进展填报): 进展情况, 存在问题, 下一步措施.")
        case .progressAdd: return Localized(zh: "为任务新增一个单位的进展报送。",
                                    en: "Add a unit's progress report to a task.")
        case .progressList: return Localized(zh: "列出任务的进展报送，最早的在前。",
                                    en: "List a task's progress reports, oldest first.")
        case .quarterly: return Localized(zh: "为任务添加四个季度时间节点（YYYY-03-31、-06-30、-09-30、-12-31）。",
                                    en: "Add the four quarterly milestones (YYYY-03-31, -06-30, -09-30, -12-31) to tasks.")
        case .progressEdit: return Localized(zh: "更正进展报送的内容或报送日期。",
                                    en: "Correct a progress report's parts or date.")
        case .progressRemove: return Localized(zh: "删除一条进展报送。",
                                    en: "Remove a progress report.")
        case .task: return Localized(zh: "新增、改名、撤销或恢复任务。",
                                    en: "Add, rename, retire or restore a task (任务).")
        case .taskAdd: return Localized(zh: "新增任务（可暂无牵头单位，`duban check` 会提示）；输出其编号。",
                                    en: "Add a task (no lead needed; `duban check` flags it); prints its number.")
        case .taskEdit: return Localized(zh: "修改任务名称（编号不变）。",
                                    en: "Rename a task (its number stays).")
        case .taskRetire: return Localized(zh: "撤销任务：不再出现在列表、矩阵、报表和导出中，历史记录保留；可用 restore 恢复。",
                                    en: "Retire a task: it leaves the plan (lists, matrix, reports, export) but keeps its history; restore brings it back.")
        case .taskRestore: return Localized(zh: "恢复已撤销的任务，连同其单位、时间节点和进展报送。",
                                    en: "Bring a retired task back with its units, milestones and reports.")
        case .taskRetired: return Localized(zh: "列出已撤销的任务。",
                                    en: "List the retired tasks.")
        case .unit: return Localized(zh: "新增单位（矩阵的一列）或修改单位名称。",
                                    en: "Add a unit (a matrix column) or change its names.")
        case .unitAdd: return Localized(zh: "新增单位，作为矩阵的最后一列；名称不得与其他单位重复。",
                                    en: "Add a unit as the last matrix column; no name may be another unit's.")
        case .unitEdit: return Localized(zh: "修改单位名称；改全称会在各处改名（分工不变）。",
                                    en: "Change a unit's names; a new full name renames it everywhere (its roles stay).")
        case .keys: return Localized(zh: "列出交互界面的按键：场景、按键（按 tmux send-keys 的写法）、命令、说明。",
                                    en: "List the interactive tracker's keys: context, keys (as tmux send-keys names them), command, description.")
        }
    }
}
