import FerryCore

extension Store {
    /// Writes a day's batch of `model` `version` in one transaction: the batch row and every
    /// prediction, or nothing. Returns the new batch's id, or `nil` when that model version's batch
    /// for `asOf` was written before (a rerun writes nothing new).
    public func writeBatch(model: String, version: String, asOf: String, rows: [ScoredRow]) throws -> Int64? {
        try database.write { session in
            let now = StoreClock.timestamp()
            let inserted = try session.rows(
                """
                INSERT INTO batch (model, version, as_of, created_at, rows) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (model, version, as_of) DO NOTHING RETURNING id
                """, [.text(model), .text(version), .text(asOf), .text(now), SQLValue(rows.count)])
            guard let batch = try inserted.first?.integer("id") else { return nil }
            _ = try session.insertPredictions(
                rows.map { row in
                    PredictionEntry(
                        model: model, version: version, instrument: row.instrument, asOf: row.asOf, value: row.value, source: "batch",
                        batchID: batch, createdAt: now)
                })
            return batch
        }
    }

    /// Logs served predictions (one transaction for all of them).
    /// - Returns: Each prediction's id in the log, in order.
    @discardableResult
    public func logPredictions(_ entries: [PredictionEntry]) throws -> [Int64] { try database.logPredictions(entries) }

    /// ``logPredictions(_:)`` from async code: on PostgreSQL it awaits the insert instead of
    /// blocking a thread (the server's group commit calls this).
    @discardableResult
    public func logPredictions(_ entries: [PredictionEntry]) async throws -> [Int64] { try await database.logPredictions(entries) }

    /// The newest `limit` predictions of model `name` (every model when `nil`), newest first.
    public func predictions(model name: String? = nil, limit: Int = 100) throws -> [PredictionEntry] {
        try database.read { session in
            guard let name else {
                return try session.records(PredictionEntry.self, "SELECT * FROM prediction ORDER BY id DESC LIMIT ?", [SQLValue(limit)])
            }
            return try session.records(
                PredictionEntry.self, "SELECT * FROM prediction WHERE model = ? ORDER BY id DESC LIMIT ?", [.text(name), SQLValue(limit)])
        }
    }

    /// How many predictions are logged for model `name`.
    public func predictionCount(model name: String) throws -> Int {
        try database.read { session in Int(try session.integer("SELECT COUNT(*) FROM prediction WHERE model = ?", [.text(name)])) }
    }

    /// How many predictions of model `name` were logged for each A/B arm (predictions without an arm left out).
    public func predictionCountsByVariant(model name: String) throws -> [String: Int] {
        try database.read { session in
            let rows = try session.rows(
                "SELECT variant, COUNT(*) AS logged FROM prediction WHERE model = ? AND variant IS NOT NULL GROUP BY variant", [.text(name)]
            )
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.text("variant"), Int(try $0.integer("logged"))) })
        }
    }

    /// Records the realised values of `target` (a target's name, as bundles name theirs) for
    /// `instrument` by day, all in one transaction; a day already recorded with another value is
    /// updated. Returns how many days were new or changed (a rerun over the same files: 0).
    @discardableResult
    public func recordOutcomes(instrument: String, target: String, _ values: [(asOf: String, value: Double)]) throws -> Int {
        try database.write { session in
            let now = StoreClock.timestamp()
            var changed = 0
            for (asOf, value) in values {
                changed += try session.execute(
                    """
                    INSERT INTO outcome (instrument, as_of, target, value, recorded_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (instrument, as_of, target) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at
                    WHERE outcome.value IS DISTINCT FROM excluded.value
                    """, [.text(instrument), .text(asOf), .text(target), .real(value), .text(now)])
            }
            return changed
        }
    }

    /// Each logged prediction of model `name` beside the realised outcome of its instrument, day
    /// and the target its bundle predicts, where there is one.
    public func predictionsWithOutcomes(model name: String) throws -> [(prediction: PredictionEntry, outcome: Double)] {
        try database.read { session in
            let rows = try session.rows(
                """
                SELECT prediction.*, outcome.value AS outcome FROM prediction
                JOIN bundle ON bundle.name = prediction.model AND bundle.version = prediction.version
                JOIN outcome ON outcome.instrument = prediction.instrument AND outcome.as_of = prediction.as_of
                    AND outcome.target = bundle.target
                WHERE prediction.model = ? ORDER BY prediction.as_of, prediction.id
                """, [.text(name)])
            return try rows.map { row in
                guard let outcome = try row.optionalReal("outcome") else { throw SQLRow.unexpected("outcome", .null, "a number") }
                return (try row.decode(PredictionEntry.self), outcome)
            }
        }
    }
}
