import FerryCore

extension Store {
    /// The setting that makes the store take only signed bundles.
    static let requireSignaturesSetting = "require_signatures"

    /// Whether the store takes only bundles signed by a trusted key: registering an unsigned
    /// bundle, and pointing an alias at one, are then refused (``setRequiresSignatures(_:by:reason:)``).
    public func requiresSignatures() throws -> Bool {
        try database.read { session in try Self.requiresSignatures(session) }
    }

    /// Makes the store take only signed bundles (`required`) or any verified one; recorded in the
    /// audit trail (action `setting`, subject `require_signatures`) with `reason`.
    public func setRequiresSignatures(_ required: Bool, by user: String, reason: String? = nil) throws {
        try auditedWrite { session in
            let previous = try Self.requiresSignatures(session)
            guard previous != required else { return }
            try session.execute(
                """
                INSERT INTO store_setting (name, value, set_at, set_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at, set_by = excluded.set_by
                """, [.text(Self.requireSignaturesSetting), .text(required ? "on" : "off"), .text(StoreClock.timestamp()), .text(user)])
            try appendAudit(
                session, .setting, subject: Self.requireSignaturesSetting, previous: previous ? "on" : "off",
                value: required ? "on" : "off",
                by: user, reason: reason)
        }
    }

    static func requiresSignatures(_ session: any SQLSession) throws -> Bool {
        try session.row("SELECT value FROM store_setting WHERE name = ?", [.text(requireSignaturesSetting)])?.text("value") == "on"
    }

    /// Refuses `entry` when the store takes only signed bundles and it has no signer.
    static func requireSigner(_ session: any SQLSession, _ entry: RegisteredBundle, for purpose: String) throws {
        guard entry.signer == nil, try requiresSignatures(session) else { return }
        throw FerryError(
            .refused,
            "\(entry.name) \(entry.version) is unsigned, and this store takes only bundles signed by a trusted key (ferry store require-signatures): \(purpose)"
        )
    }
}
