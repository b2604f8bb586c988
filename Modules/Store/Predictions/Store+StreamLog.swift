import FerryCore

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
    /// whose (stream, entry id) is logged already (redelivered after a crash, or by another
    /// consumer at the same moment) writes nothing. The predictions go in as one batch; each
    /// delivery is then claimed with `ON CONFLICT DO NOTHING`, and the prediction of a delivery
    /// already claimed is taken out again, so the log never holds an entry twice.
    /// - Returns: Whether each delivery was new, in order.
    @discardableResult
    public func logStreamDeliveries(_ deliveries: [StreamDelivery]) throws -> [Bool] {
        guard !deliveries.isEmpty else { return [] }
        return try database.write { session in
            let ids = try session.insertPredictions(deliveries.map(\.prediction))
            return try zip(deliveries, ids).map { delivery, id in
                let claimed = try session.execute(
                    "INSERT INTO stream_delivery (stream, entry_id, prediction_id) VALUES (?, ?, ?) ON CONFLICT (stream, entry_id) DO NOTHING",
                    [.text(delivery.stream), .text(delivery.entryID), .integer(id)])
                guard claimed == 0 else { return true }
                try session.execute("DELETE FROM prediction WHERE id = ?", [.integer(id)])
                return false
            }
        }
    }

    /// The logged predictions of `stream`'s entries, by entry id (what a replay's checks read).
    public func streamPredictions(stream: String) throws -> [String: PredictionEntry] {
        try database.read { session in
            let rows = try session.rows(
                """
                SELECT stream_delivery.entry_id AS entry_id, prediction.* FROM stream_delivery
                JOIN prediction ON prediction.id = stream_delivery.prediction_id WHERE stream_delivery.stream = ?
                """, [.text(stream)])
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.text("entry_id"), try $0.decode(PredictionEntry.self)) })
        }
    }
}
