@testable import DubanCore
import Testing

/// `Assignment` keeps its role and flow in one word (the flow boxed only when it is not the
/// initial one): the accessors, equality and hashing must behave as for plain fields.
@Suite struct AssignmentTests {
    let day = Day("2027-03-01")!

    @Test func anAssignmentIsSmall() {
        // A large tracker holds a million of them: the unit's name and one word.
        #expect(MemoryLayout<Assignment>.size <= 24)
        #expect(MemoryLayout<Assignment>.stride <= 24)
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
