import FerryCore
import GRDB

/// A prediction the stream consumer made, with the stream entry it answered.
public struct StreamDelivery: Sendable, Equatable {
    /// The stream the entry was read from.
    public let stream: String
    /// The entry's id in that stream (`MILLISECONDS-SEQUENCE`).
    public let entryID: String
    /// The prediction, as the log keeps it (source `stream`).
    public let prediction: PredictionEntry

    /// Makes a delivery.
    public init(stream: String, entryID: String, prediction: PredictionEntry) {
        (self.stream, self.entryID, self.prediction) = (stream, entryID, prediction)
    }
}

extension Store {
    /// Logs the predictions of stream entries in one transaction, each at most once: an entry
    /// whose (stream, entry id) is logged already (redelivered after a crash) writes nothing.
    /// - Returns: Whether each delivery was new, in order.
    @discardableResult
    public func logStreamDeliveries(_ deliveries: [StreamDelivery]) throws -> [Bool] {
        guard !deliveries.isEmpty else { return [] }
        return try pool.write { db in
            let inserter = try PredictionInserter(db)
            let known = try db.makeStatement(sql: "SELECT 1 FROM stream_delivery WHERE stream = ? AND entry_id = ?")
            let record = try db.makeStatement(sql: "INSERT INTO stream_delivery (stream, entry_id, prediction_id) VALUES (?, ?, ?)")
            return try deliveries.map { delivery in
                known.bind(text: delivery.stream, at: 1)
                known.bind(text: delivery.entryID, at: 2)
                guard try !known.stepOnce(in: db) else { return false }
                record.bind(text: delivery.stream, at: 1)
                record.bind(text: delivery.entryID, at: 2)
                record.bind(integer: try inserter.insert(delivery.prediction), at: 3)
                _ = try record.stepOnce(in: db)
                return true
            }
        }
    }

    /// The logged predictions of `stream`'s entries, by entry id (what a replay's checks read).
    public func streamPredictions(stream: String) throws -> [String: PredictionEntry] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT stream_delivery.entry_id AS entry_id, prediction.* FROM stream_delivery
                    JOIN prediction ON prediction.id = stream_delivery.prediction_id WHERE stream_delivery.stream = ?
                    """, arguments: [stream])
            return Dictionary(uniqueKeysWithValues: try rows.map { (String($0["entry_id"] as String), try PredictionEntry(row: $0)) })
        }
    }
}
