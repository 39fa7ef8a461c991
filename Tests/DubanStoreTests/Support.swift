import DubanCore
@testable import DubanStore
import Foundation
import GRDB

typealias PUnit = DubanCore.Unit
typealias PTask = DubanCore.Task

/// A fresh folder under the system temporary folder, removed when released.
final class TempDir {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "duban-store-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Undo chmods so removal works for non-root users too.
        if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for n in names { chmod(path + "/" + n, 0o644) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Names in the folder, sorted.
    func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

func day(_ s: String) -> Day { Day(s)! }

let sampleUnits: [PUnit] = [
    PUnit(name: "省住房和城乡建设厅", short: "住房和城乡建设厅", abbr: "住建", aliases: ["建设厅"]),
    PUnit(name: "省发改委", short: "发改委", abbr: "发改", fullForm: "省发展和改革委员会"),
    PUnit(name: "省财政厅", short: "财政厅", abbr: "财政"),
    PUnit(name: "省国土资源厅", short: "国土资源厅", abbr: "国土"),
    PUnit(name: "省农委", short: "农委", abbr: "农委"),
]

/// Three tasks by hand: leads, cooperating units, milestones (sorted), follow-up, notes.
func samplePlan() throws -> Plan {
    try Plan(office: .seed, units: sampleUnits, tasks: [
        PTask(number: 1, title: "推进城乡规划一体化",
              assignments: [Assignment(unit: "省住房和城乡建设厅", role: .lead),
                            Assignment(unit: "省发改委", role: .cooperating),
                            Assignment(unit: "省国土资源厅", role: .cooperating)],
              milestones: [Milestone(id: 1, title: "编制规划", due: day("2026-03-31")),
                           Milestone(id: 2, title: "完成审批", due: day("2026-06-30"), isDone: true,
                                     completed: day("2026-06-15"), owner: "省住房和城乡建设厅")]),
        PTask(number: 2, title: "统筹城乡基础设施建设",
              assignments: [Assignment(unit: "省发改委", role: .lead),
                            Assignment(unit: "省财政厅", role: .lead),
                            Assignment(unit: "省住房和城乡建设厅", role: .cooperating)],
              followUp: "李明", notes: "每月报送进展情况"),
        PTask(number: 3, title: "创新城乡社会管理",
              assignments: [Assignment(unit: "省农委", role: .lead)],
              milestones: [Milestone(id: 3, title: "建立台账")]),
    ])
}

let sampleRepairs = [
    StoredRepair(kind: "renamed-unit", line: 42, task: 5, message: "建设厅 is read as 省住房和城乡建设厅."),
    StoredRepair(kind: "number-ocr", line: nil, task: nil, message: "The number l is read as 1."),
]

let sampleDirectory = sampleUnits + [PUnit(name: "省公安厅", short: "公安厅", abbr: "公安")]

/// A plan with `count` tasks, each led by 省发改委, over `unitCount` units.
func widePlan(tasks count: Int, units unitCount: Int = 5) throws -> Plan {
    var units = sampleUnits
    for i in units.count..<max(unitCount, units.count) {
        units.append(PUnit(name: "省单位\(i)", short: "单位\(i)", abbr: "单\(i)"))
    }
    return try Plan(office: .seed, units: units, tasks: (1...count).map {
        PTask(number: $0, title: "任务 \($0) " + String(repeating: "城乡一体化", count: 20),
              assignments: [Assignment(unit: "省发改委", role: .lead)],
              notes: String(repeating: "备注", count: 50))
    })
}

func makeTracker(_ dir: TempDir, _ name: String = "t.duban", plan: Plan? = nil) throws -> SQLiteTracker {
    try SQLiteTracker.create(at: dir.file(name), plan: plan ?? samplePlan(), repairs: sampleRepairs,
                             unitDirectory: sampleDirectory, operatorName: "tester", force: false)
}

/// Creates a tracker and closes it again, returning its path.
func closedTracker(_ dir: TempDir, _ name: String = "t.duban", plan: Plan? = nil) throws -> String {
    _ = try makeTracker(dir, name, plan: plan)
    return dir.file(name)
}

func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// The error `body` throws, or nil.
func thrown(_ body: () throws -> Void) -> (any Error)? {
    do { try body(); return nil } catch { return error }
}

/// Runs raw SQL on a closed file with a plain GRDB connection (to fake other programs and versions).
func rawSQL(_ path: String, _ sql: String) throws {
    let q = try DatabaseQueue(path: path)
    try q.writeWithoutTransaction { try $0.execute(sql: sql) }
    try q.close()
}

func rawValue<T: DatabaseValueConvertible>(_ path: String, _ sql: String, as: T.Type) throws -> T? {
    var config = Configuration()
    config.readonly = true
    let q = try DatabaseQueue(path: path, configuration: config)
    defer { try? q.close() }
    return try q.read { try T.fetchOne($0, sql: sql) }
}
