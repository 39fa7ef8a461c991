import DubanCanvas
import DubanCore

// Dates typed into forms: read with `Day.parseInput` (2027/3/31, 3月31日, +30, 月底, 季末 …),
// and the form shows what it understood beside the field.

extension Renderer {
    /// What to show beside a date field: the usual hint while it is empty or already in
    /// YYYY-MM-DD, the date it understood otherwise, or that it reads no date.
    func dateHint(_ text: String, usual: String) -> (text: String, style: Style) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || Day(t) != nil { return (usual, theme.dim) }
        guard let d = Day.parseInput(t, today: state.options.today) else {
            // Still being typed (2027-0, 3月): the usual hint, not an error yet.
            let partial = t.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || "-/.年月+".unicodeScalars.contains($0) }
            return partial ? (usual, theme.dim) : (s.dateNotUnderstood, theme.message(.error))
        }
        return (s.f(s.dateUnderstood, d.description), theme.dim)
    }
}
