import DubanCore
@testable import DubanStore
import Foundation
import Testing

@Suite struct SharingTests {
    @Test func anEditThroughOneInstanceIsAnOutsideChangeForTheOther() throws {
        let dir = try TempDir()
        let path = try closedTracker(dir)
        let a = try SQLiteTracker.open(at: path)
        let b = try SQLiteTracker.open(at: path)
        _ = try a.loadPlan()
        _ = try b.loadPlan()
        #expect(try a.hasOutsideChanges() == false)
        #expect(try b.hasOutsideChanges() == false)

        _ = try a.apply(.assign(task: 3, unit: "省财政厅", role: .cooperating), operatorName: "a")
        #expect(try a.hasOutsideChanges() == false, "own edits are not outside changes")
        #expect(try b.hasOutsideChanges() == true)
        #expect(try b.hasOutsideChanges() == false, "reported once")

        _ = try a.apply(.setNotes(task: 1, notes: "甲的备注"), operatorName: "a")
        let seen = try b.loadPlan()
        #expect(seen.task(number: 3)?.role(of: "省财政厅") == .cooperating)
        #expect(seen.task(number: 1)?.notes == "甲的备注")
        #expect(try b.hasOutsideChanges() == false, "loadPlan took the change in")

        // Any commit counts, settings too; and it works the other way round.
        try b.setSetting("warning.days", "5", operatorName: "b")
        #expect(try a.hasOutsideChanges() == true)
        #expect(try b.hasOutsideChanges() == false)
        #expect(try a.setting("warning.days") == "5")
    }

    @Test func concurrentEditsOfDifferentCellsAreAllKept() throws {
        let dir = try TempDir()
        let n = 40
        let path = try closedTracker(dir, plan: widePlan(tasks: n))
        let trackers = [try SQLiteTracker.open(at: path), try SQLiteTracker.open(at: path)]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            for i in 1...n {
                do {
                    if k == 0 {
                        _ = try trackers[0].apply(.assign(task: i, unit: "省财政厅", role: .cooperating), operatorName: "a")
                    } else {
                        _ = try trackers[1].apply(.setNotes(task: i, notes: "乙 \(i)"), operatorName: "b")
                        _ = try trackers[1].apply(.assign(task: i, unit: "省农委", role: .lead), operatorName: "b")
                    }
                } catch {
                    failures.add("\(k) task \(i): \(error)")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try trackers[0].hasOutsideChanges() == true)
        let plan = try SQLiteTracker.open(at: path).loadPlan()
        for i in 1...n {
            let t = try #require(plan.task(number: i))
            #expect(t.role(of: "省财政厅") == .cooperating)
            #expect(t.role(of: "省农委") == .lead)
            #expect(t.role(of: "省发改委") == .lead)
            #expect(t.notes == "乙 \(i)")
        }
        #expect(try trackers[1].log(limit: 1000, task: nil).count == 1 + 3 * n)
    }
}

/// Error messages collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
