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
    /// whose (stream, entry id) is logged already (redelivered after a crash) writes nothing.
    /// - Returns: Whether each delivery was new, in order.
    @discardableResult
    public func logStreamDeliveries(_ deliveries: [StreamDelivery]) throws -> [Bool] {
        guard !deliveries.isEmpty else { return [] }
        return try database.write { session in
            var seen = Set<[String]>()
            let new = try deliveries.map { delivery in
                let key = [delivery.stream, delivery.entryID]
                let logged = try session.integer(
                    "SELECT COUNT(*) FROM stream_delivery WHERE stream = ? AND entry_id = ?",
                    [.text(delivery.stream), .text(delivery.entryID)])
                return logged == 0 && seen.insert(key).inserted
            }
            let fresh = zip(deliveries, new).filter(\.1).map(\.0)
            let ids = try session.insertPredictions(fresh.map(\.prediction))
            for (delivery, id) in zip(fresh, ids) {
                try session.execute(
                    "INSERT INTO stream_delivery (stream, entry_id, prediction_id) VALUES (?, ?, ?)",
                    [.text(delivery.stream), .text(delivery.entryID), .integer(id)])
            }
            return new
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
