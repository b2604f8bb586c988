import FerryCore
import FerryStore

/// The prediction log, written by group commit: requests that arrive while a write is under way
/// wait together and go to the store in the next single transaction. A request still returns only
/// after its predictions are committed, so every answered prediction is logged; busy servers pay
/// one transaction per group instead of one per request.
actor GroupCommitLog {
    private let store: Store
    private var waiting: [(entries: [PredictionEntry], done: CheckedContinuation<[Int64], any Error>)] = []
    private var writing = false

    init(store: Store) { self.store = store }

    /// Logs `entries`; returns their ids in the log once they are committed (throws the store's
    /// error if they were not).
    @discardableResult
    func log(_ entries: [PredictionEntry]) async throws -> [Int64] {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<[Int64], any Error>) in
            waiting.append((entries, done))
            if !writing {
                writing = true
                Task { await writeGroups() }
            }
        }
    }

    /// Writes everything waiting as one transaction, again and again until nothing waits. The
    /// write runs off the actor, so new requests join the next group meanwhile.
    private func writeGroups() async {
        while !waiting.isEmpty {
            let group = waiting
            waiting = []
            let store = self.store
            let result = await Task.detached { Result { try store.logPredictions(group.flatMap(\.entries)) } }.value
            var next = 0
            for request in group {
                let count = request.entries.count
                request.done.resume(with: result.map { Array($0[next..<(next + count)]) })
                next += count
            }
        }
        writing = false
    }
}
