import DubanCanvas
import DubanCore

/// Every form and question of the program, each a handful of field specs plus what Enter
/// saves (see `FormScreen`). Screens open them with one line: `app.push(TaskForms.add(app))`.
enum EditForms {
    /// A notes text shown in one line: line breaks as a visible mark, turned back on save.
    static let newlineMark = "⏎"
    static func oneLine(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: newlineMark) }
    static func multiLine(_ text: String) -> String { text.replacingOccurrences(of: newlineMark, with: "\n") }

    // MARK: Milestones

    /// Add (`editing` nil) or edit a milestone: title, due date, owner (a unit with a role
    /// in the task), and the completion date of a done milestone.
    static func milestone(_ app: AppState, task t: Task, editing m: Milestone?) -> FormScreen {
        let s = app.strings
        let number = t.number
        let id = m?.id
        let done = m?.isDone == true
        @Sendable func values(_ m: Milestone) -> [String] {
            var v = [m.title, m.due?.description ?? "", m.owner ?? ""]
            if done { v.append(m.completed?.description ?? "") }
            return v
        }
        var fields = [
            FormField(s.formTitle, .text, m?.title ?? "", required: s.describe(DomainError.emptyTitle)),
            FormField(s.formDue, .date, m?.due?.description ?? "", width: 12, usual: s.formDueHint),
            FormField(s.formOwner, .unit, m?.owner ?? "", width: 16, usual: s.formOwnerHint),
        ]
        if done {
            fields.append(FormField(s.formCompleted, .date, m?.completed?.description ?? "", width: 12, usual: s.formDueHint))
        }
        return FormScreen(m == nil ? "milestone.add" : "milestone.edit",
                          title: s.f(m == nil ? s.formAdd : s.formEdit, number), fields: fields,
                          current: { plan in
                              guard let id else { return nil }
                              return plan.task(number: number)?.milestone(id: id).map(values)
                          },
                          save: { v in
                              let str = v.app.strings
                              guard let t = v.app.plan.task(number: number) else { return .refuse(str.f(str.taskGone, number), field: nil) }
                              var owner: String?
                              if let u = v.unit(2) {
                                  guard t.role(of: u.name) != nil else {
                                      return .refuse(str.describe(DomainError.noRole(task: number, unit: u.name)), field: 2)
                                  }
                                  owner = u.name
                              }
                              guard let id else {
                                  return .save([.addMilestone(task: number, milestone: Milestone(title: v[0], due: v.day(1), owner: owner))])
                              }
                              guard t.milestone(id: id) != nil else {
                                  return .refuse(str.describe(DomainError.unknownMilestone(task: number, id: id)), field: nil)
                              }
                              // Only the fields the person changed from what the form showed,
                              // expecting what it showed.
                              var set: [MilestoneField] = [], expect: [MilestoneField] = []
                              func day(_ text: String) -> Day? { Day.parseInput(text, today: v.app.options.today) }
                              func ownerName(_ text: String) -> String? {
                                  text.isEmpty ? nil : ((try? v.app.plan.resolveUnit(text))?.name ?? text)
                              }
                              if v.changed(0) { set.append(.title(v[0])); expect.append(.title(v.original(0))) }
                              if v.changed(1) { set.append(.due(v.day(1))); expect.append(.due(day(v.original(1)))) }
                              if ownerName(v[2]) != ownerName(v.original(2)) {
                                  set.append(.owner(owner)); expect.append(.owner(ownerName(v.original(2))))
                              }
                              if v.fields.count > 3, v.changed(3) {
                                  set.append(.done(true, completed: v.day(3)))
                                  expect.append(.done(true, completed: day(v.original(3))))
                              }
                              if set.isEmpty { return .noChanges }
                              return .save([.updateMilestone(task: number, id: id, set: set, expect: expect)])
                          })
    }

    static func deleteMilestone(_ app: AppState, task: Int, milestone m: Milestone) -> ConfirmScreen {
        let s = app.strings
        let yes = KeyMap.keyName(.confirmYes, in: .confirm, ascii: app.options.glyphs.asciiKeyNames)
        let no = KeyMap.keyName(.confirmNo, in: .confirm, ascii: app.options.glyphs.asciiKeyNames)
        let id = m.id
        return ConfirmScreen("milestone.delete", question: s.f(s.confirmDelete, m.title.clean, yes, no)) { app in
            guard let m = app.plan.task(number: task)?.milestone(id: id) else {
                app.status = StatusMessage(app.strings.describe(DomainError.unknownMilestone(task: task, id: id)), .error)
                return []
            }
            return [.persist([.removeMilestone(task: task, id: id, expect: .value(m))], .edit)]
        }
    }

    // MARK: Progress reports

    /// A new report (`editing` nil) or a correction of one: unit, date and the three parts.
    static func progress(_ app: AppState, task t: Task, editing r: ProgressReport?) -> FormScreen {
        let s = app.strings
        let sup = s.sup
        let number = t.number
        let id = r?.id
        let lead = t.leads.first.flatMap { app.plan.unit(named: $0) }
        @Sendable func values(_ r: ProgressReport) -> [String] { [r.date.description, r.progress, r.problems, r.next] }
        var fields: [FormField] = []
        if r == nil {
            fields.append(FormField(sup.formUnit, .unit, lead?.abbr ?? t.leads.first ?? "", width: 16))
        }
        fields += [
            FormField(sup.formDate, .date, (r?.date ?? app.options.today).description, width: 12, usual: sup.formDateHint),
            FormField(sup.progressLabel, .text, r?.progress ?? "", required: r == nil ? nil : sup.progressEmpty),
            FormField(sup.problemsLabel, .text, r?.problems ?? ""),
            FormField(sup.nextLabel, .text, r?.next ?? ""),
        ]
        let title = r == nil ? sup.f(sup.formTitle, number)
            : s.f(s.progressEditTitle, number, r!.unit)
        return FormScreen(r == nil ? "progress.add" : "progress.edit", title: title, fields: fields, maxWidth: 72,
                          current: { plan in
                              guard let id else { return nil }
                              return plan.task(number: number)?.progress.first { $0.id == id }.map(values)
                          },
                          save: { v in
                              let str = v.app.strings
                              guard v.app.plan.task(number: number) != nil else { return .refuse(str.f(str.taskGone, number), field: nil) }
                              guard let id else {
                                  guard !v[2].isEmpty else { return .refuse(str.sup.progressEmpty, field: 2) }
                                  guard let unit = v.unit(0), let date = v.day(1) else { return .refuse(str.sup.progressEmpty, field: 0) }
                                  return .save([.addProgress(task: number, report: ProgressReport(date: date, unit: unit.name, progress: v[2],
                                                                                                  problems: v[3], next: v[4]))])
                              }
                              guard let date = v.day(0) else { return .refuse(str.describe(DomainError.invalidDate(v[0])), field: 0) }
                              var set: [ProgressField] = [], expect: [ProgressField] = []
                              if v.changed(0), let old = Day.parseInput(v.original(0), today: v.app.options.today) {
                                  set.append(.date(date)); expect.append(.date(old))
                              }
                              if v.changed(1) { set.append(.progress(v[1])); expect.append(.progress(v.original(1))) }
                              if v.changed(2) { set.append(.problems(v[2])); expect.append(.problems(v.original(2))) }
                              if v.changed(3) { set.append(.next(v[3])); expect.append(.next(v.original(3))) }
                              if set.isEmpty { return .noChanges }
                              return .save([.updateProgress(task: number, id: id, set: set, expect: expect)])
                          })
    }

    static func deleteProgress(_ app: AppState, task: Int, report r: ProgressReport) -> ConfirmScreen {
        let s = app.strings
        let id = r.id
        let q = s.f(s.progressDeleteQuestion, r.date, r.unit)
        return ConfirmScreen("progress.delete", question: q) { app in
            guard let r = app.plan.task(number: task)?.progress.first(where: { $0.id == id }) else {
                app.status = StatusMessage(app.strings.progressGone, .error)
                return []
            }
            return [.persist([.removeProgress(task: task, id: id, expect: .value(r))], .edit)]
        }
    }

    // MARK: Quarterly milestones

    /// Asks for the year (this year by default), then adds the four quarterly milestones as
    /// one batch (one undo step), asking first when some are already past due.
    static func quarterly(_ app: AppState, task: Int) -> FormScreen {
        let s = app.strings
        let year = app.options.today.year
        return FormScreen("quarterly", title: s.f(s.quarterlyTitle, task),
                          fields: [FormField(s.quarterlyYear, .text, String(year), required: s.quarterlyYearRequired,
                                             width: 6, usual: s.quarterlyYearHint)],
                          maxWidth: 60,
                          save: { v in
                              guard let y = Int(v[0]), (1900...2999).contains(y) else {
                                  return .refuse(v.app.strings.f(v.app.strings.quarterlyNotYear, v[0]), field: 0)
                              }
                              return .next { app in SupervisionReducer.addQuarterly(&app, task: task, year: y) }
                          })
    }

    static func confirmQuarterly(_ app: AppState, question: String, edits: [Edit]) -> ConfirmScreen {
        ConfirmScreen("quarterly.confirm", question: question) { app in
            guard let n = edits.first?.taskNumber, app.plan.task(number: n) != nil else { return [] }
            return [.persist(edits, .edit)]
        }
    }
}
