import FerryCore

extension Store {
    /// Records a run (replacing an entry with the same id).
    public func recordRun(_ run: RunEntry) throws {
        try database.write { session in try session.upsert(run, into: "run", key: ["id"]) }
    }

    /// Whether the store has the run with exactly this `id`.
    public func hasRun(_ id: String) throws -> Bool {
        try database.read { session in try session.integer("SELECT COUNT(*) FROM run WHERE id = ?", [.text(id)]) > 0 }
    }

    /// Notes the digest of the bundle exported from run `id`; an unknown run is refused.
    public func setBundleDigest(_ digest: String, run id: String) throws {
        try database.write { session in
            guard try session.execute("UPDATE run SET bundle_digest = ? WHERE id = ?", [.text(digest), .text(id)]) > 0 else {
                throw FerryError(.notFound, "no run '\(id)' in the store")
            }
        }
    }

    /// The run a bundle with `digest` was exported from, if the store recorded it.
    public func run(bundleDigest digest: String) throws -> RunEntry? {
        try database.read { session in
            try session.record(RunEntry.self, "SELECT * FROM run WHERE bundle_digest = ? LIMIT 1", [.text(digest)])
        }
    }

    /// Every run, newest first.
    public func runs() throws -> [RunEntry] {
        try database.read { session in try session.records(RunEntry.self, "SELECT * FROM run ORDER BY created_at DESC, id DESC") }
    }

    /// The run `id`, or the one whose id starts with it when only one does; refused otherwise.
    public func run(_ id: String) throws -> RunEntry {
        try database.read { session in
            if let run = try session.record(RunEntry.self, "SELECT * FROM run WHERE id = ?", [.text(id)]) { return run }
            let (from, to) = Self.prefixRange(id)
            let matches = try session.records(RunEntry.self, "SELECT * FROM run WHERE id >= ? AND id < ?", [.text(from), .text(to)])
            guard matches.count == 1 else {
                throw FerryError(
                    .notFound,
                    matches.isEmpty ? "no run '\(id)' in the store" : "'\(id)' matches \(matches.count) runs; give more of the id")
            }
            return matches[0]
        }
    }

    /// The text range holding exactly the strings that start with `prefix` (both backends compare
    /// text byte by byte): from `prefix` to `prefix` with its last character's successor.
    static func prefixRange(_ prefix: String) -> (from: String, to: String) {
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else {
            return (prefix, prefix + "\u{10FFFF}")
        }
        return (prefix, String(prefix.unicodeScalars.dropLast()) + String(next))
    }
}
