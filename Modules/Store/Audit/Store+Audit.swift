import Crypto
import FerryCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The audit trail: every registry change appended in the transaction that makes it, each record
/// chained to the one before by its hash, and the trail's newest record (its id and hash) appended
/// after each change to an anchor file outside the database, so an edit that recomputes every later
/// hash, or the removal of the newest records, still shows.
extension Store {
    /// The hash the first record chains to.
    static let auditGenesis = String(repeating: "0", count: 64)

    /// `change` in one write transaction holding the registry lock (one registry change at a time
    /// on the database); if it appended audit records, the trail's new head is anchored once the
    /// transaction has committed.
    func auditedWrite<Result>(_ change: (any SQLSession) throws -> Result) throws -> Result {
        var head: (before: Int64?, after: (id: Int64, hash: String)?) = (nil, nil)
        let result = try database.write { session in
            try session.lockRegistry()
            head.before = try Self.auditHead(session)?.id
            let result = try change(session)
            head.after = try Self.auditHead(session)
            return result
        }
        if let after = head.after, after.id != head.before { try appendAnchor(id: after.id, hash: after.hash) }
        return result
    }

    /// Appends a record of a change made in `session`'s transaction, chained to the newest one.
    func appendAudit(
        _ session: any SQLSession, _ action: AuditRecord.Action, subject: String, previous: String? = nil, value: String? = nil,
        by actor: String,
        reason: String?
    ) throws {
        let head = try Self.auditHead(session)
        let id = (head?.id ?? 0) + 1
        let at = StoreClock.timestamp()
        let hash = Self.auditHash(
            id: id, at: at, actor: actor, action: action, subject: subject, previous: previous, value: value, reason: reason,
            after: head?.hash ?? Self.auditGenesis)
        try session.insert(
            AuditRecord(
                id: id, at: at, actor: actor, action: action, subject: subject, previous: previous, value: value, reason: reason, hash: hash
            ),
            into: "audit")
    }

    /// Every record of the trail, oldest first.
    public func auditTrail() throws -> [AuditRecord] {
        try database.read { session in try session.records(AuditRecord.self, "SELECT * FROM audit ORDER BY id") }
    }

    /// The records of model `name`'s versions and aliases, oldest first.
    public func auditHistory(name: String) throws -> [AuditRecord] {
        let (from, to) = Self.prefixRange(name + "@")
        return try database.read { session in
            try session.records(
                AuditRecord.self, "SELECT * FROM audit WHERE subject >= ? AND subject < ? ORDER BY id", [.text(from), .text(to)])
        }
    }

    /// Recomputes the chain from the first record and checks every anchored head against it; the
    /// answer names the first record that was altered or removed.
    public func verifyAudit() throws -> AuditVerification {
        let records = try auditTrail()
        let anchors = try readAnchors()
        let lastAnchored = anchors.map(\.id).max() ?? 0
        let unanchored = records.filter { $0.id > lastAnchored }.count
        func found(_ problem: String, at id: Int64) -> AuditVerification {
            AuditVerification(
                records: records.count, anchorsChecked: anchors.count, unanchored: unanchored, problem: problem, firstBadRecord: id)
        }
        var previousHash = Self.auditGenesis
        for (offset, record) in records.enumerated() {
            let expected = Int64(offset + 1)
            guard record.id == expected else {
                return found("record #\(expected) was removed: the trail goes from #\(expected - 1) to #\(record.id)", at: expected)
            }
            let hash = Self.auditHash(
                id: record.id, at: record.at, actor: record.actor, action: record.action, subject: record.subject,
                previous: record.previous, value: record.value, reason: record.reason, after: previousHash)
            guard hash == record.hash else {
                return found(
                    "record #\(record.id) (\(Self.describe(record))) was altered: its fields no longer give its hash", at: record.id)
            }
            previousHash = record.hash
        }
        for anchor in anchors.sorted(by: { $0.id < $1.id }) {
            guard anchor.id <= Int64(records.count) else {
                return found(
                    "record #\(anchor.id) was removed: \(auditAnchorPath) anchors it, but the trail ends at #\(records.count)",
                    at: anchor.id)
            }
            let record = records[Int(anchor.id) - 1]
            guard record.hash == anchor.hash else {
                return found(
                    "record #\(record.id) (\(Self.describe(record))) was altered, and the hashes after it recomputed: it no longer matches the hash anchored in \(auditAnchorPath)",
                    at: record.id)
            }
        }
        return AuditVerification(
            records: records.count, anchorsChecked: anchors.count, unanchored: unanchored, problem: nil, firstBadRecord: nil)
    }

    /// The newest record's id and hash, if any.
    private static func auditHead(_ session: any SQLSession) throws -> (id: Int64, hash: String)? {
        try session.row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").map { (try $0.integer("id"), try $0.text("hash")) }
    }

    /// SHA-256 (hex) of the previous hash and the record's fields, as a JSON array: no two records' fields read the same.
    static func auditHash(
        id: Int64, at: String, actor: String, action: AuditRecord.Action, subject: String, previous: String?, value: String?,
        reason: String?, after previousHash: String
    ) -> String {
        let fields: [String?] = [previousHash, String(id), at, actor, action.rawValue, subject, previous, value, reason]
        let bytes = (try? FerryJSON.encoder().encode(fields)) ?? Data()
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Appends `ID HASH` to the anchor file (one write of one line with O_APPEND, so writers on several
    /// machines sharing the file do not interleave), synced to disk.
    private func appendAnchor(id: Int64, hash: String) throws {
        let line = Array("\(id) \(hash)\n".utf8)
        let folder = (auditAnchorPath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let descriptor = open(auditAnchorPath, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw FerryError(.io, "cannot append to the audit anchor \(auditAnchorPath): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw FerryError(.io, "cannot append to the audit anchor \(auditAnchorPath): \(String(cString: strerror(errno)))")
        }
    }

    /// The anchored heads, in file order; a line not shaped `ID HASH` is refused, naming it.
    private func readAnchors() throws -> [(id: Int64, hash: String)] {
        guard let data = FileManager.default.contents(atPath: auditAnchorPath) else { return [] }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated().map { offset, line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let id = Int64(parts[0]), id > 0, parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else {
                throw FerryError(.invalidData, "\(auditAnchorPath):\(offset + 1): not 'ID HASH'")
            }
            return (id, String(parts[1]))
        }
    }

    private static func describe(_ record: AuditRecord) -> String {
        "\(record.action.rawValue) \(record.subject) by \(record.actor) at \(record.at)"
    }
}
