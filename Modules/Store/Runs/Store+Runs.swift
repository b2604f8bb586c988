import FerryCore
import GRDB

extension Store {
    /// Records a run (replacing an entry with the same id).
    public func recordRun(_ run: RunEntry) throws {
        try pool.write { db in try run.save(db) }
    }

    /// Whether the store has the run with exactly this `id`.
    public func hasRun(_ id: String) throws -> Bool {
        try pool.read { db in try RunEntry.fetchOne(db, key: id) != nil }
    }

    /// Notes the digest of the bundle exported from run `id`; an unknown run is refused.
    public func setBundleDigest(_ digest: String, run id: String) throws {
        try pool.write { db in
            guard var run = try RunEntry.fetchOne(db, key: id) else { throw FerryError(.notFound, "no run '\(id)' in the store") }
            run.bundleDigest = digest
            try run.update(db)
        }
    }

    /// The run a bundle with `digest` was exported from, if the store recorded it.
    public func run(bundleDigest digest: String) throws -> RunEntry? {
        try pool.read { db in try RunEntry.filter(Column("bundle_digest") == digest).fetchOne(db) }
    }

    /// Every run, newest first.
    public func runs() throws -> [RunEntry] {
        try pool.read { db in try RunEntry.order(Column("created_at").desc, Column("id").desc).fetchAll(db) }
    }

    /// The run `id`, or the one whose id starts with it when only one does; refused otherwise.
    public func run(_ id: String) throws -> RunEntry {
        try pool.read { db in
            if let run = try RunEntry.fetchOne(db, key: id) { return run }
            let matches = try RunEntry.filter(Column("id").like("\(id)%")).fetchAll(db)
            guard matches.count == 1 else {
                throw FerryError(
                    .notFound,
                    matches.isEmpty ? "no run '\(id)' in the store" : "'\(id)' matches \(matches.count) runs; give more of the id")
            }
            return matches[0]
        }
    }
}
