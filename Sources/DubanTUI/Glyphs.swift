import DubanCore

/// Every symbol the frame draws (separators, markers, truncation marks, lights, bars,
/// dialog borders), in one place, in three sets:
///
/// - `unicode`: box drawing and symbols, for terminals that draw East Asian Ambiguous
///   characters one column wide (most terminals, and the default).
/// - `ascii`: `--ascii`, for terminals or fonts without these symbols.
/// - `wideSafe`: for terminals that draw Ambiguous characters two columns wide (Xshell,
///   PuTTY and others with CJK settings, detected at start or `--ambiguous wide`). No glyph
///   here has East Asian Width A, so the frame cannot zig-zag whichever way a terminal
///   draws them; every glyph is one column (ASCII or East Asian Narrow/Neutral).
///
/// "Truncated" and "due soon" never share a mark: the light for due soon is `~`, the
/// truncation mark `…` or, without Unicode, `>`.
public struct Glyphs: Hashable, Sendable {
    /// Ends a text cut to fit.
    public var ellipsis: String
    /// Between the task titles and the matrix columns.
    public var separator: String
    /// Under the header of a leading group member unit.
    public var memberMark: String
    /// The focused field or row.
    public var selectionMark: String
    /// Columns hidden to the left / right of the matrix.
    public var moreLeft: String
    public var moreRight: String
    /// Between parts of a line (" · ").
    public var dot: String
    /// Lights without a letter of their own (overdue `!`, due soon `~`, on track `o` are ASCII in every set).
    public var lightDone: String
    public var lightNone: String
    /// Workload bars: lead and cooperating shares.
    public var leadBar: String
    public var coopBar: String
    /// Dialog frame: corners, horizontal, vertical.
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var horizontal: String
    public var vertical: String
    /// Key names without arrows (Up rather than ↑): the arrows are Ambiguous width.
    public var asciiKeyNames: Bool
    /// After drawing, one-column symbols that came from message text (Strings) are replaced
    /// by ASCII (`Renderer.asciiChrome`).
    public var replaceChromeSymbols: Bool

    public static let unicode = Glyphs(
        ellipsis: "…", separator: "│", memberMark: "◆", selectionMark: "▸", moreLeft: "◂", moreRight: "▸",
        dot: " · ", lightDone: "✓", lightNone: "·", leadBar: "█", coopBar: "░",
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        asciiKeyNames: false, replaceChromeSymbols: false)

    public static let ascii = Glyphs(
        ellipsis: ">", separator: "|", memberMark: "*", selectionMark: ">", moreLeft: "<", moreRight: ">",
        dot: " - ", lightDone: "v", lightNone: ".", leadBar: "#", coopBar: "+",
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        asciiKeyNames: true, replaceChromeSymbols: true)

    /// ASCII for everything ambiguous; ▸ ◂ ✓ are East Asian Neutral (one column everywhere).
    public static let wideSafe = Glyphs(
        ellipsis: ">", separator: "|", memberMark: "*", selectionMark: "▸", moreLeft: "◂", moreRight: "▸",
        dot: " - ", lightDone: "✓", lightNone: ".", leadBar: "#", coopBar: "+",
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        asciiKeyNames: true, replaceChromeSymbols: false)

    /// The set for these options: `--ascii` wins, then a terminal that draws Ambiguous wide.
    public static func forOptions(_ o: AppOptions) -> Glyphs {
        o.ascii ? .ascii : o.ambiguousWide ? .wideSafe : .unicode
    }

    /// Every glyph of the set (for tests).
    public var all: [String] {
        [ellipsis, separator, memberMark, selectionMark, moreLeft, moreRight, dot, lightDone, lightNone,
         leadBar, coopBar, topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical]
    }
}

extension AppOptions {
    /// The frame's symbols for these options.
    public var glyphs: Glyphs { Glyphs.forOptions(self) }
}
