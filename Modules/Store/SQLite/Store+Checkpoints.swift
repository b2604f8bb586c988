import Foundation
import GRDB

extension Store {
    /// Moves the write-ahead log's checkpoints, and the disk syncs they make, off the commit
    /// path: SQLite otherwise runs one inside the commit that fills the log past 1,000 pages, so
    /// every few hundred small commits one waits for the disk (milliseconds on a real disk). A
    /// writer that commits once per message (the stream consumer) turns the automatic
    /// checkpoint off and lets a background thread run a passive one (it never blocks a writer
    /// or a reader) every `milliseconds`, until the returned handle is stopped. (A PostgreSQL
    /// store's server checkpoints on its own: its handle does nothing.)
    public func checkpointInBackground(everyMilliseconds milliseconds: Int = 200) throws -> BackgroundCheckpoints {
        guard let pool = (database as? SQLiteDatabase)?.pool else { return BackgroundCheckpoints(pool: nil, milliseconds: milliseconds) }
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        return BackgroundCheckpoints(pool: pool, milliseconds: milliseconds)
    }
}

/// A thread checkpointing a store's write-ahead log (``Store/checkpointInBackground(everyMilliseconds:)``).
public final class BackgroundCheckpoints: @unchecked Sendable {
    private let pool: DatabasePool?
    private let done = DispatchSemaphore(value: 0)
    private let stopped = NSLock()
    private var isStopped = false

    init(pool: DatabasePool?, milliseconds: Int) {
        self.pool = pool
        guard let pool else {
            isStopped = true
            return
        }
        Thread.detachNewThread { [self] in
            while !stopRequested {
                Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
                _ = try? pool.unsafeRead { db in try db.checkpoint(.passive) }
            }
            done.signal()
        }
    }

    private var stopRequested: Bool { stopped.withLock { isStopped } }

    /// Stops the thread after its current checkpoint, runs a last one, and turns SQLite's automatic checkpoint back on.
    public func stop() {
        guard
            !stopped.withLock({
                defer { isStopped = true }
                return isStopped
            })
        else { return }
        done.wait()
        try? pool?.writeWithoutTransaction { db in
            try db.checkpoint(.passive)
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
        }
    }

    deinit { stop() }
}
