import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry store audit`: the registry's tamper-evident audit trail.
struct StoreAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The registry's audit trail: every change, chained by hashes, its head anchored outside the database.",
        discussion: """
            Every registry change (register, stage change, archive, alias move, token create and \
            revoke) is appended with who, when, why (--reason) and the value before, its SHA-256 \
            chaining it to the record before. After each change the newest record's id and hash \
            are appended to an anchor file outside the database ($FERRY_AUDIT_ANCHOR, else the \
            store file's path + .audit-anchor), so an edit that recomputes every later hash, or \
            the removal of the newest records, is caught too. ferry registry history NAME lists \
            a model's records.
            """,
        subcommands: [StoreAuditVerifyCommand.self])
}

/// `ferry store audit verify`: recompute the chain and check the anchors.
struct StoreAuditVerifyCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Recompute the audit trail's hashes; name the first record altered or removed (exit 1).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let trail = AuditTrail(store: try storeOptions.location.open())
        let result = try trail.verify()
        if output.json {
            try printJSON(result)
        } else if let problem = result.problem {
            print("audit trail: NOT intact: \(problem)")
        } else {
            let tail = result.unanchored > 0 ? "; the newest \(result.unanchored) not yet anchored" : ""
            print(
                "audit trail: intact, \(result.records) record(s), \(result.anchorsChecked) anchored head(s) checked (\(trail.anchorPath))\(tail)"
            )
        }
        if !result.intact { throw ExitCode(1) }
    }
}
