import FerryCore
import GRDB

extension Store {
    /// Writes a day's batch of `model` `version` in one transaction: the batch row and every
    /// prediction, or nothing. Returns the new batch's id, or `nil` when that model version's batch
    /// for `asOf` was written before (a rerun writes nothing new).
    public func writeBatch(model: String, version: String, asOf: String, rows: [ScoredRow]) throws -> Int64? {
        try pool.write { db in
            let existing = try Int64.fetchOne(
                db, sql: "SELECT id FROM batch WHERE model = ? AND version = ? AND as_of = ?", arguments: [model, version, asOf])
            guard existing == nil else { return nil }
            let now = StoreClock.timestamp()
            try db.execute(
                sql: "INSERT INTO batch (model, version, as_of, created_at, rows) VALUES (?, ?, ?, ?, ?)",
                arguments: [model, version, asOf, now, rows.count])
            let batch = db.lastInsertedRowID
            let inserter = try PredictionInserter(db)
            for row in rows {
                _ = try inserter.insert(
                    PredictionEntry(
                        model: model, version: version, instrument: row.instrument, asOf: row.asOf, value: row.value, source: "batch",
                        batchID: batch, createdAt: now))
            }
            return batch
        }
    }

    /// Logs served predictions (one transaction for all of them).
    /// - Returns: Each prediction's id in the log, in order.
    @discardableResult
    public func logPredictions(_ entries: [PredictionEntry]) throws -> [Int64] {
        try pool.write { db in
            let inserter = try PredictionInserter(db)
            return try entries.map(inserter.insert)
        }
    }

    /// The newest `limit` predictions of model `name` (every model when `nil`), newest first.
    public func predictions(model name: String? = nil, limit: Int = 100) throws -> [PredictionEntry] {
        try pool.read { db in
            var sql = "SELECT * FROM prediction"
            var arguments: StatementArguments = []
            if let name {
                sql += " WHERE model = ?"
                arguments += [name]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [limit]
            return try PredictionEntry.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    /// How many predictions are logged for model `name`.
    public func predictionCount(model name: String) throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prediction WHERE model = ?", arguments: [name]) ?? 0 }
    }

    /// How many predictions of model `name` were logged for each A/B arm (predictions without an arm left out).
    public func predictionCountsByVariant(model name: String) throws -> [String: Int] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT variant, COUNT(*) AS logged FROM prediction WHERE model = ? AND variant IS NOT NULL GROUP BY variant",
                arguments: [name])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["variant"], $0["logged"]) })
        }
    }

    /// Records the realised values of `target` (a target's name, as bundles name theirs) for
    /// `instrument` by day, all in one transaction; a day already recorded with another value is
    /// updated. Returns how many days were new or changed (a rerun over the same files: 0).
    @discardableResult
    public func recordOutcomes(instrument: String, target: String, _ values: [(asOf: String, value: Double)]) throws -> Int {
        try pool.write { db in
            let now = StoreClock.timestamp()
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO outcome (instrument, as_of, target, value, recorded_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (instrument, as_of, target) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at
                    WHERE outcome.value IS NOT excluded.value
                    """)
            var changed = 0
            for (asOf, value) in values {
                try statement.execute(arguments: [instrument, asOf, target, value, now])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// Each logged prediction of model `name` beside the realised outcome of its instrument, day
    /// and the target its bundle predicts, where there is one.
    public func predictionsWithOutcomes(model name: String) throws -> [(prediction: PredictionEntry, outcome: Double)] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT prediction.*, outcome.value AS outcome FROM prediction
                    JOIN bundle ON bundle.name = prediction.model AND bundle.version = prediction.version
                    JOIN outcome ON outcome.instrument = prediction.instrument AND outcome.as_of = prediction.as_of
                        AND outcome.target = bundle.target
                    WHERE prediction.model = ? ORDER BY prediction.as_of, prediction.id
                    """, arguments: [name])
            return try rows.map { (try PredictionEntry(row: $0), $0["outcome"]) }
        }
    }
}
