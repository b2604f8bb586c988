import FerryCore
import PostgresNIO

/// The prediction log's insert as a statement prepared once per connection: one text whatever the
/// number of rows (each column an array, `unnest` makes the rows), so the server parses and plans
/// it once instead of once per group. Nulls travel as values no prediction has: `U+0001` for text
/// (not allowed in an alias, a version or an HTTP header), NaN for a value (SQLite keeps NaN as
/// NULL too), 0 for a batch id (ids start at 1).
struct PredictionLogStatement: PostgresPreparedStatement {
    static let sql = """
        INSERT INTO prediction (model, version, variant, caller, instrument, as_of, value, source, batch_id, created_at)
        SELECT model, version, NULLIF(variant, E'\\x01'), NULLIF(caller, E'\\x01'), instrument, as_of, NULLIF(value, 'NaN'), source,
            NULLIF(batch_id, 0), created_at
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::text[], $9::int8[],
            $10::text[]) AS row (model, version, variant, caller, instrument, as_of, value, source, batch_id, created_at)
        RETURNING id
        """
    typealias Row = Int64

    /// The text that stands for NULL.
    static let nullText = "\u{1}"

    let entries: ArraySlice<PredictionEntry>

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 10)
        bindings.append(entries.map(\.model))
        bindings.append(entries.map(\.version))
        bindings.append(entries.map { $0.variant ?? Self.nullText })
        bindings.append(entries.map { $0.caller ?? Self.nullText })
        bindings.append(entries.map(\.instrument))
        bindings.append(entries.map(\.asOf))
        bindings.append(entries.map { $0.value ?? .nan })
        bindings.append(entries.map(\.source))
        bindings.append(entries.map { $0.batchID ?? 0 })
        bindings.append(entries.map(\.createdAt))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
}
