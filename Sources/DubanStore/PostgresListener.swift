import Foundation
import PostgresNIO

/// A value handed across to the pool's tasks while the calling thread waits for them.
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Listens on the tracker's channel on a connection of its own and remembers that someone
/// committed. If the listening connection is lost, it says "maybe" every few seconds (the
/// change feed then tells whether anything changed) and tries to listen again.
final class PostgresListener: @unchecked Sendable {
    private let lock = NSLock()
    private var news = false
    private var listening = false
    private var lastMaybe = Date.distantPast
    private var task: _Concurrency.Task<Void, Never>?

    init(session: PostgresSession) {
        let client = session.client, logger = session.logger
        task = _Concurrency.Task(executorPreference: session.executor) { [weak self] in
            while !_Concurrency.Task.isCancelled {
                do {
                    try await client.withConnection { conn in
                        try await conn.listen(on: PostgresTracker.channel) { notifications in
                            self?.set(listening: true)
                            for try await _ in notifications { self?.heard() }
                        }
                    }
                } catch {}
                self?.set(listening: false)
                try? await _Concurrency.Task.sleep(for: .seconds(2))
            }
        }
        _ = logger
    }

    deinit { task?.cancel() }

    private func set(listening: Bool) {
        lock.lock()
        self.listening = listening
        news = true   // whatever happened while not listening
        lock.unlock()
    }

    private func heard() {
        lock.lock()
        news = true
        lock.unlock()
    }

    /// True once after a notification (or, while not listening, every few seconds).
    func takeNews() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if news {
            news = false
            return true
        }
        if !listening, Date().timeIntervalSince(lastMaybe) > 3 {
            lastMaybe = Date()
            return true
        }
        return false
    }
}
