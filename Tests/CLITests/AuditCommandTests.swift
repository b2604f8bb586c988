import FerryTestSupport
import Foundation
import GRDB
import Testing

/// `ferry registry history` and `ferry store audit verify` from the command line.
@Suite struct AuditCommandTests {
    @Test func historyShowsWhoWhyAndBeforeAndVerifyNamesAnAlteredRecord() throws {
        let space = try RegistryCommandTests.Workspace()
        defer { try? FileManager.default.removeItem(atPath: space.dir) }
        #expect(try space.ferry(["registry", "add", space.bundle, "--by", "ana", "--reason", "nightly retrain"]).status == 0)
        let promote = try space.ferry(["registry", "promote", "SPX-lasso@1.0.0", "--by", "bob", "--reason", "beat the champion"])
        #expect(promote.status == 0, "\(promote.stderr)")
        #expect(try space.ferry(["registry", "alias", "SPX-lasso@1.0.0", "champion", "--by", "bob"]).status == 0)
        let history = try space.ferry(["registry", "history", "SPX-lasso"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("bob  stage SPX-lasso@1.0.0  staging -> production: beat the champion"))
        #expect(history.stdout.contains("alias SPX-lasso@champion  1.0.0"))
        #expect(history.stdout.contains("ana  register SPX-lasso@1.0.0  sha256:") && history.stdout.contains(": nightly retrain"))
        let json = try space.ferry(["registry", "history", "SPX-lasso", "--json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.map { $0["action"] as? String } == ["register", "stage", "alias"])
        let intact = try space.ferry(["store", "audit", "verify"])
        #expect(intact.status == 0 && intact.stdout.contains("audit trail: intact, 3 record(s), 3 anchored head(s) checked"))
        #expect(FileManager.default.fileExists(atPath: space.store + ".audit-anchor"))

        let queue = try DatabaseQueue(path: space.store)
        try queue.write { db in try db.execute(sql: "UPDATE audit SET reason = 'routine' WHERE id = 2") }
        let altered = try space.ferry(["store", "audit", "verify"])
        #expect(altered.status == 1)
        #expect(altered.stdout.contains("NOT intact: record #2 (stage SPX-lasso@1.0.0 by bob"), "\(altered.stdout)")
        let report = try space.ferry(["store", "audit", "verify", "--json"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(result["first_bad_record"] as? Int == 2 && report.status == 1)
    }
}

/// `ferry store require-signatures`: the example bundle is unsigned, so a store that takes only
/// signed bundles refuses it, and says so; lifting it is audited too.
@Suite struct RequireSignaturesCommandTests {
    @Test func anUnsignedBundleIsRefusedWhileTheStoreRequiresSignatures() throws {
        let space = try RegistryCommandTests.Workspace()
        defer { try? FileManager.default.removeItem(atPath: space.dir) }
        #expect(try space.ferry(["store", "require-signatures"]).stdout.contains("takes any bundle that verifies"))
        let on = try space.ferry(["store", "require-signatures", "on", "--by", "ana", "--reason", "policy MR-12", "--json"])
        #expect(on.status == 0 && on.stdout.contains("\"require_signatures\" : true"), "\(on.stdout)\(on.stderr)")
        let refused = try space.ferry(["registry", "add", space.bundle])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("SPX-lasso 1.0.0 is unsigned, and this store takes only bundles signed by a trusted key"),
            "\(refused.stderr)")
        #expect(try space.ferry(["store", "require-signatures", "off", "--reason", "pilot over"]).status == 0)
        #expect(try space.ferry(["registry", "add", space.bundle]).status == 0)
        #expect(try space.ferry(["store", "audit", "verify"]).stdout.contains("intact, 3 record(s)"))
    }
}

/// `ferry store status` and `migrate`, and a server refusing a store whose past migration was edited.
@Suite struct StoreSchemaCommandTests {
    @Test func statusMigrateAndAnEditedMigrationStopTheServer() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-schema-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = "\(dir)/ferry.sqlite"
        let fresh = try FerryProcess.run(["store", "status"], store: store)
        #expect(fresh.status == 0 && fresh.stdout.contains("v1  PENDING") && fresh.stdout.contains("8 pending: ferry store migrate"))
        let migrate = try FerryProcess.run(["store", "migrate", "--json"], store: store)
        let applied = try #require(try JSONSerialization.jsonObject(with: Data(migrate.stdout.utf8)) as? [String: [String]])
        #expect(applied["applied"]?.first == "v1" && applied["applied"]?.last == "v8-store-setting")
        #expect(try FerryProcess.run(["store", "status"], store: store).stdout.contains("schema current (v8-store-setting)"))

        let queue = try DatabaseQueue(path: store)
        try queue.write { db in try db.execute(sql: "UPDATE ferry_migration SET checksum = 'edited' WHERE name = 'v2-tokens'") }
        // Spawned with a deadline: a server that did start would be killed, and the test fail, not hang.
        let log = "\(dir)/serve.log"
        let serve = try SpawnedProcess(
            FerryProcess.executable.path, ["serve", "--port", String(try LoopbackPort.free())], environment: ["FERRY_STORE": store],
            output: log)
        let status = serve.wait(atMost: 60)
        if status == nil { serve.send(SIGKILL) }
        #expect(status != nil && status != 0, "the server refused to start")
        let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(said.contains("migration 'v2-tokens' was changed after it ran on this store"), "\(said)")
    }
}
