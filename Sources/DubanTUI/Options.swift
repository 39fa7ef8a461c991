import DubanCanvas
import DubanCore

/// How the interactive program looks and who is using it; set by the command line.
public struct AppOptions: Sendable {
    /// ASCII-only chrome (borders, markers) and L / C instead of 牵 / 协 in the matrix.
    public var ascii: Bool
    /// The terminal draws East Asian Ambiguous characters (“ ” … ○ │) two columns wide
    /// (`--ambiguous wide`, or detected at start): the frame uses `Glyphs.wideSafe` and text is
    /// measured with Ambiguous = 2 (`TextWidth.ambiguousIsWide`).
    public var ambiguousWide: Bool = false
    public var language: Language
    /// False when NO_COLOR is set: only bold, reverse and underline are used then.
    public var color: Bool
    /// The day milestones are marked done on.
    public var today: Day
    /// Login name written to the audit log with each edit.
    public var operatorName: String
    /// Shown in the title bar.
    public var trackerPath: String
    /// How long to wait for a key before checking the tracker for other users' changes.
    public var pollMilliseconds: Int = 500
    /// The office's supervision rules (lights, overdue list, assessment); the CLI passes the tracker's.
    public var settings: SupervisionSettings = .init()

    public init(ascii: Bool = false, language: Language = .zh, color: Bool = true, today: Day,
                operatorName: String, trackerPath: String, pollMilliseconds: Int = 500,
                settings: SupervisionSettings = .init(), ambiguousWide: Bool = false) {
        self.ascii = ascii
        self.ambiguousWide = ambiguousWide
        self.language = language
        self.color = color
        self.today = today
        self.operatorName = operatorName
        self.trackerPath = trackerPath
        self.pollMilliseconds = pollMilliseconds
        self.settings = settings
    }
}
