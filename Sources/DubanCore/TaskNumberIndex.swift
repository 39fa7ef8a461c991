/// Task number → position in a list of tasks. Task numbers are small and dense (1, 2, 3 …
/// as the table numbers them), so the index is an array indexed by number — 4 bytes a
/// number, 0.4 MB for 100,000 tasks where a dictionary takes 4 MB — until a number far
/// beyond the count (or below zero) turns it into a dictionary.
///
/// Derived data: two indexes compare equal and hash alike whatever they hold, so a value
/// holding one (`Plan`) compares by what it indexes.
public struct TaskNumberIndex: Hashable, Sendable {
    /// Position + 1 by number; 0 for none.
    private var dense: [UInt32] = []
    private var sparse: [Int: Int]?
    private var count = 0

    public init(minimumCapacity: Int = 0) {
        dense.reserveCapacity(minimumCapacity + 1)
    }

    /// The position of task `number`; setting nil removes it.
    public subscript(number: Int) -> Int? {
        get {
            if let sparse { return sparse[number] }
            guard number >= 0, number < dense.count else { return nil }
            let v = dense[number]
            return v == 0 ? nil : Int(v) - 1
        }
        set {
            if sparse == nil, let position = newValue, !fitsDense(number, position) { makeSparse() }
            if sparse != nil {
                if self[number] == nil, newValue != nil { count += 1 } else if self[number] != nil, newValue == nil { count -= 1 }
                sparse![number] = newValue
                return
            }
            guard number >= 0 else { return }   // nil for a number never stored
            if number >= dense.count {
                guard newValue != nil else { return }
                dense.append(contentsOf: repeatElement(0, count: number + 1 - dense.count))
            }
            let old = dense[number]
            dense[number] = newValue.map { UInt32($0 + 1) } ?? 0
            if old == 0, newValue != nil { count += 1 } else if old != 0, newValue == nil { count -= 1 }
        }
    }

    /// Stores `position` for `number` and says whether the number was new (like
    /// `Dictionary.updateValue(_:forKey:) == nil`).
    public mutating func insert(_ position: Int, for number: Int) -> Bool {
        guard self[number] == nil else { return false }
        self[number] = position
        return true
    }

    public mutating func removeAll() {
        dense.removeAll(keepingCapacity: true)
        sparse = nil
        count = 0
    }

    /// Dense while the numbers stay below twice the count plus 4,096 (and positions fit).
    private func fitsDense(_ number: Int, _ position: Int) -> Bool {
        guard number >= 0, position < Int(UInt32.max) - 1 else { return false }
        return number < dense.count || number < 2 * (count + 1) + 4096
    }

    private mutating func makeSparse() {
        var d: [Int: Int] = Dictionary(minimumCapacity: count + 1)
        for (n, v) in dense.enumerated() where v != 0 { d[n] = Int(v) - 1 }
        sparse = d
        dense = []
    }

    public static func == (_: TaskNumberIndex, _: TaskNumberIndex) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
