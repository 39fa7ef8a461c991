/// Everything the tracker file can refuse or fail with. Each case names the file;
/// `description` is one English sentence for the CLI and the status line.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file exists but is not a duban tracker (not SQLite, or another program's database).
    case notATracker(path: String, reason: String)
    /// The file claims to be a tracker but its content is broken (cut off, corrupted pages, missing tables).
    case damaged(path: String, reason: String)
    /// A `-wal` next to the file was written for another tracker (or for the file before it
    /// was replaced); SQLite would merge it into the file, so nothing was opened.
    case foreignLog(path: String, reason: String)
    /// The file was written by a newer duban whose schema this one does not know.
    case newerVersion(path: String, found: Int, supported: Int)
    /// `create` or `backup` would replace an existing file.
    case exists(path: String)
    /// The file can only be read; nothing was changed.
    case readOnly(path: String)
    /// The operating system or SQLite failed (missing file, full disk, permissions, lock held too long).
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notATracker(path, reason):
            return "\(path) is not a duban tracker: \(reason)."
        case let .damaged(path, reason):
            return "\(path) is a damaged duban tracker and was left untouched: \(reason)."
        case let .foreignLog(path, reason):
            return "\(path)-wal does not belong to \(path) (\(reason)), so it was not used and nothing was changed; "
                + "move \(path)-wal away (for example to \(path)-wal.stray) and try again."
        case let .newerVersion(path, found, supported):
            return "\(path) was written by a newer duban (file format \(found); this duban reads up to \(supported)); please upgrade duban."
        case let .exists(path):
            return "\(path) already exists and was not replaced."
        case let .readOnly(path):
            return "\(path) is read-only, so changes cannot be saved."
        case let .io(path, reason):
            return "Cannot use \(path): \(reason)."
        }
    }
}
