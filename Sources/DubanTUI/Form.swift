import DubanCanvas
import DubanCore

/// A dialog form: a frame with a title, labelled single-line fields, the focused one marked
/// (in text too, for terminals without colour) and holding the caret, an optional hint
/// beside a field, and an error line. Every form is a `FormView` built from field specs;
/// the drawing is in one place (`Renderer.form`).
struct FormView {
    struct Field {
        var label: String
        var value: TextField
        /// Columns of the input; nil for all the room the frame leaves.
        var width: Int?
        /// Drawn after the field (e.g. how a typed date was understood).
        var hint: (text: String, style: Style)?

        init(_ label: String, _ value: TextField, width: Int? = nil, hint: (text: String, style: Style)? = nil) {
            self.label = label
            self.value = value
            self.width = width
            self.hint = hint
        }
    }

    var title: String
    var fields: [Field]
    /// Index into `fields`.
    var focus: Int
    var error: String?
    /// The frame is at most this wide (and never wider than the screen less a margin).
    var maxWidth: Int = 68

    /// Rows of the frame: borders, one per field, the error line.
    var height: Int { fields.count + 3 }
}

extension Renderer {
    mutating func form(_ f: FormView) {
        let bw = min(w - 2, f.maxWidth)
        let bh = f.height
        let x0 = max(0, (w - bw) / 2)
        let y0 = max(1, (h - bh) / 2)
        let (tl, tr, bl, br, hz, vt) = (g.topLeft, g.topRight, g.bottomLeft, g.bottomRight, g.horizontal, g.vertical)
        // Clear the dialog's rows across the screen: no half-covered text beside it.
        for y in y0..<min(h, y0 + bh) { grid.fill(row: y, col: 0, count: w, style: .plain) }
        grid.put(tl + String(repeating: hz, count: max(0, bw - 2)) + tr, row: y0, col: x0, style: theme.rule)
        grid.put(" " + fit(f.title, max(0, bw - 6)) + " ", row: y0, col: x0 + 2, style: theme.heading)
        for y in (y0 + 1)..<max(y0 + 1, y0 + bh - 1) {
            grid.put(vt, row: y, col: x0, style: theme.rule)
            grid.put(vt, row: y, col: x0 + bw - 1, style: theme.rule)
        }
        grid.put(bl + String(repeating: hz, count: max(0, bw - 2)) + br, row: y0 + bh - 1, col: x0, style: theme.rule)

        let labelW = (f.fields.map { TextWidth.width($0.label) }.max() ?? 0) + 2
        let fx = x0 + 2 + labelW
        let inner = bw - 4 - labelW
        let marker = g.selectionMark
        var caret: (Int, Int)?
        for (i, field) in f.fields.enumerated() {
            let y = y0 + 1 + i
            let focused = f.focus == i
            grid.put(focused ? marker : " ", row: y, col: x0 + 1, style: Style(bold: true))
            grid.put(TextWidth.pad(field.label, to: labelW), row: y, col: x0 + 2, style: Style(bold: true))
            let fw = min(inner, field.width ?? inner)
            textField(field.value, row: y, col: fx, width: fw, focused: focused)
            if let hint = field.hint {
                let hintX = fx + fw + 2
                if x0 + bw - 2 - hintX > 4 {
                    grid.put(fit(hint.text, x0 + bw - 2 - hintX), row: y, col: hintX, style: hint.style)
                }
            }
            if focused, fw > 0 { caret = (y, fx + field.value.visible(width: fw).caretColumn) }
        }
        if let e = f.error {
            grid.put(fit(e.clean, max(0, bw - 4)), row: y0 + 1 + f.fields.count, col: x0 + 2, style: theme.message(.error))
        }
        // The focused field's caret wins over anything drawn after it.
        if let (r, c) = caret, r < h, c < w { grid.cursor = (r, c) } else { grid.cursor = nil }
    }
}
