import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

@Suite struct ReadOnlyTUITests {
    /// The commands that change the tracker, with the context they are bound in. The keys
    /// come from the key map, so a changed binding is tested as it now is.
    static let editing: [(Command, KeyContext)] = [
        (.makeLead, .matrix), (.makeCooperating, .matrix), (.removeRole, .matrix), (.undo, .matrix), (.redo, .matrix),
        (.addMilestone, .task), (.editMilestone, .task), (.toggleMilestone, .task), (.deleteMilestone, .task),
        (.addProgress, .task), (.addQuarterly, .task), (.undo, .task), (.redo, .task),
    ]

    static func isPersist(_ e: [Effect]) -> Bool { e.contains { if case .persist = $0 { true } else { false } } }

    /// A state on the matrix at (task 1, unit `col`), or on task 1's view with milestone 2 selected.
    static func state(_ context: KeyContext, col: Int = 1, readOnly: Bool) -> AppState {
        var s = AppState(plan: Fixture.plan(), options: Fixture.options(), readOnly: readOnly)
        if context == .task {
            press(&s, .enter)
            s.taskView?.selectedMilestone = 2
        } else {
            for _ in 0..<col { press(&s, .right) }
        }
        return s
    }

    @Test func bannerIsShownAndEveryEditKeyIsRefusedWithoutPersisting() {
        let s = AppState(plan: Fixture.plan(), options: Fixture.options(), readOnly: true)
        #expect(render(s, width: 80, height: 24).lines()[22].contains("只读：无法修改此文件"))
        var pressed = 0
        for (command, context) in Self.editing {
            let keys = KeyMap.keys(for: command, in: context)
            #expect(!keys.isEmpty, "\(command) has a key in \(context)")
            for key in keys {
                var s = Self.state(context, readOnly: true)
                #expect(s.keyContext == context)
                #expect(KeyMap.action(for: key, in: s) == .command(command), "\(key) runs \(command)")
                let effects = press(&s, key)
                pressed += 1
                #expect(!Self.isPersist(effects), "\(command) (\(key)) persisted")
                #expect(s.overlay == nil, "\(command) (\(key)) opened \(String(describing: s.overlay?.kind))")
                #expect(s.status?.text == Strings.zh.readOnly, "\(command) (\(key)): \(String(describing: s.status))")
                #expect(render(s, width: 80, height: 24).text.contains(Strings.zh.readOnly))
                #expect(s.plan == Fixture.plan())
            }
        }
        #expect(pressed >= Self.editing.count)
    }

    /// The same keys on a writable file do edit (or open the form that edits): the list
    /// above names real editing commands, so the refusals are not refusals of nothing.
    @Test func theSameKeysEditAWritableFile() {
        let expectations: [(Command, KeyContext, Int)] = [
            (.makeLead, .matrix, 13), (.makeCooperating, .matrix, 13), (.removeRole, .matrix, 1),
            (.addMilestone, .task, 0), (.editMilestone, .task, 0), (.toggleMilestone, .task, 0),
            (.deleteMilestone, .task, 0), (.addProgress, .task, 0),
        ]
        for (command, context, col) in expectations {
            var s = Self.state(context, col: col, readOnly: false)
            let key = KeyMap.keys(for: command, in: context)[0]
            let effects = press(&s, key)
            #expect(Self.isPersist(effects) || s.overlay != nil, "\(command) (\(key)) neither saved nor opened a form")
        }
    }

    @Test func englishBanner() {
        let s = AppState(plan: Fixture.plan(), options: Fixture.options(.en), readOnly: true)
        #expect(render(s, width: 80, height: 24).text.contains("read-only: this file cannot be changed"))
        let w = AppState(plan: Fixture.plan(), options: Fixture.options(.en))
        #expect(!render(w, width: 80, height: 24).text.contains("read-only:"))
    }
}

@Suite struct UndoOwnEditsTests {
    func isPersist(_ e: [Effect]) -> Bool { e.contains { if case .persist = $0 { true } else { false } } }

    @Test func undoIsRefusedWhenSomeoneElseChangedTheCellSince() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .right)
        perform(&s, press(&s, .char("L")), tracker)        // 省发改委 on task 1: cooperating → lead
        try tracker.applyFromOutside(.assign(task: 1, unit: "省发改委", role: nil))
        perform(&s, [.reload], tracker)
        let before = tracker.records.count
        perform(&s, press(&s, .char("u")), tracker)
        #expect(tracker.records.count == before, "the store refused the undo and wrote nothing")
        #expect(s.status?.text.contains("已被他人修改") == true)
        #expect(s.undoStack.isEmpty, "the entry is dropped")
        #expect(tracker.plan.task(number: 1)?.role(of: "省发改委") == nil, "the other user's change stays")
    }

    @Test func undoStillWorksWhenSomeoneElseChangedAnotherCell() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        press(&s, .right)
        perform(&s, press(&s, .char("L")), tracker)
        try tracker.applyFromOutside(.assign(task: 3, unit: "省发改委", role: .cooperating))
        perform(&s, [.reload], tracker)
        perform(&s, press(&s, .char("u")), tracker)
        #expect(tracker.plan.task(number: 1)?.role(of: "省发改委") == .cooperating)
        #expect(tracker.plan.task(number: 3)?.role(of: "省发改委") == .cooperating)
    }

    @Test func redoIsRefusedWhenSomeoneElseChangedTheCellSince() throws {
        var s = Fixture.state(.en)
        let tracker = Fixture.tracker()
        press(&s, .right)
        perform(&s, press(&s, .char("L")), tracker)
        perform(&s, press(&s, .char("u")), tracker)
        #expect(s.redoStack.count == 1)
        try tracker.applyFromOutside(.assign(task: 1, unit: "省发改委", role: nil))
        perform(&s, [.reload], tracker)
        perform(&s, press(&s, .ctrl("r")), tracker)
        #expect(s.status?.text.contains("was changed by someone else") == true)
        #expect(tracker.plan.task(number: 1)?.role(of: "省发改委") == nil, "the other user's change stays")
        #expect(s.redoStack.isEmpty)
    }

    @Test func milestoneUndoIsRefusedAfterAnOutsideChange() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        var m = try #require(tracker.plan.task(number: 1)?.milestone(id: 2))
        m.title = "本会话的修改"
        perform(&s, [.persist([.updateMilestone(task: 1, to: m)], .edit)], tracker)
        #expect(s.undoStack.count == 1)
        m.title = "别人的修改"
        try tracker.applyFromOutside(.updateMilestone(task: 1, to: m))
        perform(&s, [.reload], tracker)
        perform(&s, press(&s, .char("u")), tracker)
        #expect(s.undoStack.isEmpty)
        #expect(s.status?.text.hasPrefix("无法撤销") == true)
        #expect(tracker.plan.task(number: 1)?.milestone(id: 2)?.title == "别人的修改")
    }

    @Test func progressUndoIsRefusedAfterTheReportWasRemovedOutside() throws {
        var s = Fixture.state()
        let tracker = Fixture.tracker()
        let r = ProgressReport(id: 0, date: Fixture.today, unit: "省住房和城乡建设厅", progress: "已完成摸底", problems: "", next: "")
        perform(&s, [.persist([.addProgress(task: 1, report: r)], .edit)], tracker)
        guard case let .addProgress(_, saved)? = s.undoStack.last?.applied.first?.edit else {
            Issue.record("no undo entry")
            return
        }
        try tracker.applyFromOutside(.removeProgress(task: 1, id: saved.id))
        perform(&s, [.reload], tracker)
        let before = tracker.records.count
        perform(&s, press(&s, .char("u")), tracker)
        #expect(s.undoStack.isEmpty)
        #expect(tracker.records.count == before, "the refused undo wrote nothing")
    }
}
