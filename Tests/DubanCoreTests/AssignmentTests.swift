@testable import DubanCore
import Testing

/// `Assignment` keeps its role and flow in one word (the flow boxed only when it is not the
/// initial one): the accessors, equality and hashing must behave as for plain fields.
@Suite struct AssignmentTests {
    let day = Day("2027-03-01")!

    @Test func anAssignmentIsSmall() {
        // A large tracker holds a million of them: one word each.
        #expect(MemoryLayout<Assignment>.size == 8)
        #expect(MemoryLayout<Assignment>.stride == 8)
    }

    @Test func copiesShareTheNameAndKeepItThroughRoleAndFlowChanges() {
        let flow = Flow(state: .signed, since: day)
        let lead = Assignment(unit: "省住房和城乡建设厅", role: .lead)
        let coop = lead.shared(as: .cooperating)
        #expect(coop.sharesName(with: lead))
        #expect(coop.unit == "省住房和城乡建设厅" && coop.role == .cooperating && coop.flow == .initial)
        var moved = coop
        moved.flow = flow                      // into a flow box: the name box goes with it
        #expect(moved.sharesName(with: lead) && moved.hasFlowBox)
        moved.role = .lead
        #expect(moved.sharesName(with: lead) && moved.flow == flow && moved.role == .lead)
        moved.flow = .initial                  // out of the flow box: the name box stays
        #expect(moved.sharesName(with: lead) && !moved.hasFlowBox)
        #expect(moved == lead)
        // A shared copy starts at the initial flow, whatever the original's flow.
        #expect(moved.shared(as: .cooperating) == coop)
        var renamed = moved
        renamed.unit = "省财政厅"               // a new name: its own box, the others unchanged
        #expect(!renamed.sharesName(with: lead) && renamed.unit == "省财政厅" && renamed.role == .lead)
        #expect(lead.unit == "省住房和城乡建设厅" && moved.unit == "省住房和城乡建设厅")
        // Equal values with boxes of their own are equal and hash alike.
        let own = Assignment(unit: "省住房和城乡建设厅", role: .cooperating)
        #expect(!own.sharesName(with: coop) && own == coop && own.hashValue == coop.hashValue)
    }

    @Test func sharedUnitNamesGiveOneBoxPerUnit() {
        var names = SharedUnitNames()
        let flow = Flow(state: .suspended, since: day, reason: "等待资金", prior: .signed)
        let a = names.assignment(unit: "省发展和改革委员会", role: .lead)
        let b = names.assignment(unit: "省发展和改革委员会", role: .cooperating, flow: flow)
        let c = names.assignment(unit: "省财政厅", role: .cooperating)
        #expect(a.sharesName(with: b) && !a.sharesName(with: c))
        #expect(a == Assignment(unit: "省发展和改革委员会", role: .lead))
        #expect(b == Assignment(unit: "省发展和改革委员会", role: .cooperating, flow: flow))
        #expect(c == Assignment(unit: "省财政厅", role: .cooperating))
        // The first one made is not changed by later ones with other roles or flows.
        #expect(names.assignment(unit: "省发展和改革委员会", role: .lead) == a)
    }

    @Test func aNonInitialFlowRoundTrips() {
        let flow = Flow(state: .suspended, since: day, reason: "等待资金", prior: .signed)
        for role in Role.allCases {
            let a = Assignment(unit: "省财政厅", role: role, flow: flow)
            #expect(a.unit == "省财政厅")
            #expect(a.role == role)
            #expect(a.flow == flow)
            #expect(a.hasFlowBox)
        }
        var b = Assignment(unit: "省财政厅", role: .cooperating)
        #expect(b.flow == .initial)
        #expect(!b.hasFlowBox)
        b.flow = flow
        #expect(b.flow == flow && b.role == .cooperating)
        b.role = .lead                       // a role change keeps the flow
        #expect(b.flow == flow && b.role == .lead)
        b.flow.state = .closing              // a nested change reaches the stored flow
        #expect(b.flow.state == .closing && b.flow.reason == "等待资金" && b.flow.since == day)
        b.flow = .initial                    // back to the initial flow: nothing boxed
        #expect(!b.hasFlowBox && b.role == .lead)
        #expect(b == Assignment(unit: "省财政厅", role: .lead))
        // A flow equal to the initial one, however it was made, is not boxed.
        #expect(!Assignment(unit: "省财政厅", role: .lead, flow: Flow(state: .assigned)).hasFlowBox)
    }

    @Test func copiesDoNotShareChanges() {
        let a = Assignment(unit: "省财政厅", role: .lead, flow: Flow(state: .signed, since: day))
        var b = a
        b.flow.reason = "已退回"
        #expect(a.flow.reason == nil)
        #expect(b.flow.reason == "已退回")
        #expect(a != b)
    }

    @Test func equalityAndHashingCompareValuesNotBoxes() {
        let f = Flow(state: .closing, since: day, reason: "申请办结")
        let a = Assignment(unit: "省发改委", role: .lead, flow: f)
        let b = Assignment(unit: "省发改委", role: .lead, flow: Flow(state: .closing, since: day, reason: "申请办结"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a != Assignment(unit: "省发改委", role: .cooperating, flow: f))
        #expect(a != Assignment(unit: "省财政厅", role: .lead, flow: f))
        #expect(a != Assignment(unit: "省发改委", role: .lead, flow: Flow(state: .closing, since: day)))
        #expect(a != Assignment(unit: "省发改委", role: .lead))
        #expect(Assignment(unit: "省发改委", role: .lead) == Assignment(unit: "省发改委", role: .lead, flow: Flow()))
        let set: Set<Assignment> = [a, b, Assignment(unit: "省发改委", role: .lead), Assignment(unit: "省发改委", role: .cooperating)]
        #expect(set.count == 3)
        // Tasks and plans compare through their assignments.
        #expect(Task(number: 1, title: "t", assignments: [a]) == Task(number: 1, title: "t", assignments: [b]))
        #expect(Task(number: 1, title: "t", assignments: [a]) != Task(number: 1, title: "t", assignments: [Assignment(unit: "省发改委", role: .lead)]))
    }
}

/// `Task` keeps its milestones, follow-up, notes and reports out of line, in one box absent
/// while they are all empty: they must read and change as plain fields, in place.
@Suite struct TaskDetailsTests {
    let m1 = Milestone(id: 1, title: "印发具体方案", due: Day("2027-03-01"))
    let m2 = Milestone(id: 2, title: "中期评估", due: Day("2027-06-30"))
    let report = ProgressReport(id: 1, date: Day("2027-02-28")!, unit: "省财政厅", progress: "已拨付", problems: "", next: "")

    @Test func aTaskIsSmall() {
        #expect(MemoryLayout<Task>.stride == 40)
    }

    @Test func detailsAreBoxedOnlyWhenPresent() {
        var t = Task(number: 1, title: "推进百镇建设")
        #expect(!t.hasDetailsBox && t.milestones.isEmpty && t.followUp == nil && t.notes.isEmpty && t.progress.isEmpty)
        t.notes = "待省政府审定"
        #expect(t.hasDetailsBox && t.notes == "待省政府审定")
        t.followUp = "张三"
        t.milestones.append(m1)
        t.progress.append(report)
        #expect(t.followUp == "张三" && t.milestones == [m1] && t.progress == [report] && t.notes == "待省政府审定")
        t.notes = ""
        t.followUp = nil
        t.milestones.removeAll()
        t.progress = []
        #expect(!t.hasDetailsBox)
        #expect(t == Task(number: 1, title: "推进百镇建设"))
        #expect(Task(number: 1, title: "t", followUp: "张三") != Task(number: 1, title: "t"))
        #expect(Task(number: 1, title: "t", notes: "n").hashValue == Task(number: 1, title: "t", notes: "n").hashValue)
    }

    @Test func copiesDoNotShareChanges() {
        let a = Task(number: 1, title: "t", milestones: [m1], notes: "原注")
        var b = a
        b.milestones[0].isDone = true
        b.notes += "，补充"
        #expect(a.milestones[0].isDone == false && a.notes == "原注")
        #expect(b.milestones[0].isDone && b.notes == "原注，补充")
        #expect(a != b)
    }

    @Test func aChangeIsMadeInPlaceWhenNoCopySharesTheTask() {
        var t = Task(number: 1, title: "t", milestones: [m1])
        t.milestones.reserveCapacity(8)
        let before = t.milestones.withUnsafeBufferPointer { $0.baseAddress }
        t.milestones.append(m2)
        t.milestones[0].title = "印发具体方案（修订）"
        #expect(t.milestones.withUnsafeBufferPointer { $0.baseAddress } == before)
        #expect(t.milestones.map(\.id) == [1, 2])
    }

    @Test func aChangeThatThrowsKeepsTheDetails() {
        struct Refused: Error {}
        var t = Task(number: 1, title: "t", milestones: [m1, m2], notes: "n", progress: [report])
        #expect(throws: Refused.self) {
            try t.milestones.withUnsafeMutableBufferPointer { buffer in
                buffer[0].title = "改了一半"
                throw Refused()
            }
        }
        #expect(t.milestones.count == 2 && t.notes == "n" && t.progress == [report])
    }
}

/// The index of task numbers (`TaskNumberIndex`): dense for table numbers, a dictionary for
/// numbers far apart, the same answers either way.
@Suite struct TaskNumberIndexTests {
    @Test func itAnswersLikeADictionaryWhateverTheNumbers() {
        var rng = SystemRandomNumberGenerator()
        for spread in [10, 1_000, 10_000_000] {
            var index = TaskNumberIndex()
            var model: [Int: Int] = [:]
            for step in 0..<3_000 {
                let n = Int.random(in: -5...spread, using: &rng)
                if step % 7 == 3 {
                    index[n] = nil
                    model[n] = nil
                } else {
                    let inserted = index.insert(step, for: n)
                    #expect(inserted == (model[n] == nil))
                    if inserted { model[n] = step }
                }
            }
            for n in -5...min(spread, 20_000) { #expect(index[n] == model[n], "number \(n), spread \(spread)") }
            for (n, p) in model { #expect(index[n] == p) }
            index.removeAll()
            #expect(model.keys.allSatisfy { index[$0] == nil })
        }
    }

    @Test func plansCompareByTheirTasksNotByHowTheyWereIndexed() throws {
        let units = [Unit(name: "省财政厅", short: "财政厅", abbr: "财政")]
        let office = Office(name: "", hostUnit: "", members: [])
        let first = Task(number: 1, title: "甲", assignments: [Assignment(unit: "省财政厅", role: .lead)])
        let far = Task(number: 9_000_000, title: "乙")
        let whole = try Plan(office: office, units: units, tasks: [first, far])
        var grown = try Plan(office: office, units: units, tasks: [first])
        try grown.apply(.addTask(number: 9_000_000, title: "乙"))   // the index changes form here
        #expect(grown == whole)
        #expect(grown.task(number: 9_000_000)?.title == "乙" && grown.taskIndex(number: 1) == 0)
        try grown.apply(.retireTask(task: 9_000_000))
        #expect(grown != whole && grown.task(number: 9_000_000) == nil && grown.retiredTask(number: 9_000_000) != nil)
    }
}
