import FerryCore
import Foundation
import Testing

@testable import FerryStore

/// The audit trail: every registry change recorded with who, when, why and before; an edit, an
/// edit with every later hash recomputed, and the removal of the newest record are each caught,
/// naming the record.
@Suite struct AuditTrailTests {
    /// A store with four changes: register two versions, promote one with a reason, point an alias, revoke a token.
    static func changedStore(_ backend: StoreBackend) throws -> Store {
        let store = try backend.store()
        try store.register(RegistryTests.entry("SPX-lasso", "1.0.0"))
        try store.register(RegistryTests.entry("SPX-lasso", "1.0.1"))
        try store.setStage(name: "SPX-lasso", version: "1.0.0", to: .production, by: "bob", reason: "passed the gate")
        try store.setAlias("champion", name: "SPX-lasso", version: "1.0.0", by: "bob", reason: "first champion")
        try store.setAlias("champion", name: "SPX-lasso", version: "1.0.1", by: "carol", reason: "better on the folds")
        let (_, token) = try store.createToken(role: .admin, name: "ci", by: "dan")
        try store.revokeToken(id: token.id, by: "erin", reason: "leaked")
        return store
    }

    @Test(arguments: StoreBackend.allCases) func everyChangeIsRecordedWithWhoWhyAndBefore(backend: StoreBackend) throws {
        let store = try Self.changedStore(backend)
        let trail = try store.auditTrail()
        #expect(trail.map(\.action) == [.register, .register, .stage, .alias, .alias, .tokenCreate, .tokenRevoke])
        #expect(trail.map(\.id) == Array(1...7))
        let move = trail[4]
        #expect(move.subject == "SPX-lasso@champion" && move.previous == "1.0.0" && move.value == "1.0.1")
        #expect(move.actor == "carol" && move.reason == "better on the folds")
        #expect(trail[2].previous == "staging" && trail[2].value == "production" && trail[2].reason == "passed the gate")
        #expect(trail[6].previous == "admin ci" && trail[6].actor == "erin")
        #expect(try store.auditHistory(name: "SPX-lasso").count == 5, "the model's records, not the tokens'")
        #expect(Set(trail.map(\.hash)).count == 7)
        let verification = try store.verifyAudit()
        #expect(verification.intact && verification.records == 7 && verification.anchorsChecked == 7 && verification.unanchored == 0)
    }

    @Test(arguments: StoreBackend.allCases) func archivingRecordsTheAliasesItRemoves(backend: StoreBackend) throws {
        let store = try Self.changedStore(backend)
        try store.setStage(name: "SPX-lasso", version: "1.0.1", to: .archived, by: "bob", reason: "retired")
        let last = try store.auditTrail().suffix(2)
        #expect(last.map(\.action) == [.aliasRemoved, .stage])
        #expect(last.first?.subject == "SPX-lasso@champion" && last.first?.previous == "1.0.1" && last.last?.value == "archived")
        #expect(try store.verifyAudit().intact)
    }

    @Test(arguments: StoreBackend.allCases) func anEditedRecordIsNamed(backend: StoreBackend) throws {
        let store = try Self.changedStore(backend)
        try store.tamper("UPDATE audit SET reason = 'routine' WHERE id = 5")
        let verification = try store.verifyAudit()
        #expect(verification.firstBadRecord == 5)
        #expect(verification.problem?.contains("record #5 (alias SPX-lasso@champion by carol") == true, "\(verification.problem ?? "")")
    }

    @Test(arguments: StoreBackend.allCases) func anEditThatRecomputesEveryLaterHashIsCaughtByTheAnchor(backend: StoreBackend) throws {
        let store = try Self.changedStore(backend)
        let records = try store.auditTrail()
        var previousHash = records[1].hash
        for index in 2..<records.count {
            let r = records[index]
            let actor = index == 2 ? "mallory" : r.actor
            let hash = Store.auditHash(
                id: r.id, at: r.at, actor: actor, action: r.action, subject: r.subject, previous: r.previous, value: r.value,
                reason: r.reason, after: previousHash)
            try store.tamper("UPDATE audit SET actor = ?, hash = ? WHERE id = ?", [.text(actor), .text(hash), .integer(r.id)])
            previousHash = hash
        }
        let verification = try store.verifyAudit()
        #expect(verification.firstBadRecord == 3, "the chain holds; the anchor does not")
        #expect(verification.problem?.contains("record #3 (stage SPX-lasso@1.0.0 by mallory") == true, "\(verification.problem ?? "")")
        #expect(verification.problem?.contains("anchored") == true)
    }

    @Test(arguments: StoreBackend.allCases) func removingTheNewestRecordIsCaughtByTheAnchor(backend: StoreBackend) throws {
        let store = try Self.changedStore(backend)
        try store.tamper("DELETE FROM audit WHERE id = 7")
        let verification = try store.verifyAudit()
        #expect(verification.firstBadRecord == 7)
        #expect(verification.problem?.contains("record #7 was removed") == true, "\(verification.problem ?? "")")
        try store.tamper("DELETE FROM audit WHERE id = 4")
        #expect(try store.verifyAudit().problem?.contains("record #4 was removed: the trail goes from #3 to #5") == true)
    }

    @Test(arguments: StoreBackend.allCases) func aMalformedAnchorLineIsNamed(backend: StoreBackend) throws {
        let store = try Self.changedStore(backend)
        try Data("1 nothex\n".utf8).write(to: URL(fileURLWithPath: store.auditAnchorPath))
        let error = #expect(throws: FerryError.self) { try store.verifyAudit() }
        #expect(error?.description.contains("\(store.auditAnchorPath):1: not 'ID HASH'") == true)
    }
}
