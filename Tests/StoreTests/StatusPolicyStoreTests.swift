// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryCore
import Foundation
import Testing

@testable import FerryStore

/// Status policies, grades, pauses and actions in the store: each action and its change land in
/// one transaction.
@Suite struct StatusPolicyStoreTests {
    static func action(_ kind: PolicyAction.Kind, alias: String = "", to version: String? = nil) -> PolicyAction {
        PolicyAction(
            name: "SPX-lasso", alias: alias, kind: kind, status: "red", fromVersion: "1.0.2", toVersion: version, reason: "test",
            report: nil, at: "2026-12-02T10:00:00Z", by: "ana")
    }

    @Test(arguments: StoreBackend.allCases) func aPolicyIsKeptPerRegisteredModel(backend: StoreBackend) throws {
        let store = try backend.store()
        let unknown = #expect(throws: FerryError.self) { try store.setPolicy(ModelPolicy(name: "SPX-lasso", setBy: "ana")) }
        #expect(unknown?.code == .notFound)
        try store.register(RegistryTests.entry())
        var policy = ModelPolicy(name: "SPX-lasso", setAt: "2026-12-02T10:00:00Z", setBy: "ana")
        (policy.onRed, policy.onYellow, policy.webhook) = (.pause, .shadow, "https://hooks.example.com/x")
        try store.setPolicy(policy)
        #expect(try store.policy(name: "SPX-lasso") == policy)
        policy.onRed = .rollback
        try store.setPolicy(policy)
        #expect(try store.policy(name: "SPX-lasso")?.onRed == .rollback, "setting again replaces it")
    }

    @Test(arguments: StoreBackend.allCases) func theLastGradeOfAVersionIsTheNewest(backend: StoreBackend) throws {
        let store = try backend.store()
        try store.register(RegistryTests.entry())
        #expect(try store.lastGrade(name: "SPX-lasso", version: "1.0.0") == nil)
        for status in ["green", "red", "yellow"] {
            try store.recordGrade(
                ModelGrade(
                    name: "SPX-lasso", version: "1.0.0", status: status, decidingMetric: nil, pairs: 30, gradedAt: "2026-12-02T10:00:00Z"))
        }
        #expect(try store.lastGrade(name: "SPX-lasso", version: "1.0.0")?.status == "yellow")
        #expect(throws: (any Error).self) {
            try store.recordGrade(
                ModelGrade(name: "SPX-lasso", version: "1.0.0", status: "purple", decidingMetric: nil, pairs: 1, gradedAt: "x"))
        }
    }

    @Test(arguments: StoreBackend.allCases) func rollbacksMoveProductionOrAnAliasAndRecordTheAction(backend: StoreBackend) throws {
        let store = try backend.store()
        for version in ["1.0.0", "1.0.1", "1.0.2"] { try store.register(RegistryTests.entry("SPX-lasso", version)) }
        try store.setStage(name: "SPX-lasso", version: "1.0.0", to: .production, by: "ana")
        try store.setStage(name: "SPX-lasso", version: "1.0.2", to: .production, by: "ana")
        try store.apply(Self.action(.rollback, to: "1.0.0"))
        #expect(try store.resolve(ModelReference("SPX-lasso")).version == "1.0.0")
        #expect(try store.bundles(name: "SPX-lasso").first { $0.version == "1.0.2" }?.stage == .archived)

        try store.setAlias("champion", name: "SPX-lasso", version: "1.0.1", by: "ana")
        try store.apply(Self.action(.rollback, alias: "champion", to: "1.0.2"))
        #expect(try store.resolve(ModelReference("SPX-lasso@champion")).version == "1.0.2", "an archived version comes back to staging")
        #expect(try store.bundles(name: "SPX-lasso").first { $0.version == "1.0.2" }?.stage == .staging)
        #expect(try store.actions(name: "SPX-lasso").map(\.kind) == [.rollback, .rollback])

        #expect(throws: FerryError.self) { try store.apply(Self.action(.rollback, to: "9.9.9")) }
        #expect(try store.actions(name: "SPX-lasso").count == 2, "a change that fails records no action")
    }

    @Test(arguments: StoreBackend.allCases) func aPauseHoldsUntilItIsResumed(backend: StoreBackend) throws {
        let store = try backend.store()
        try store.register(RegistryTests.entry())
        try store.apply(Self.action(.pause, alias: "champion"))
        #expect(try store.pause(name: "SPX-lasso", alias: "champion")?.reason == "test")
        #expect(try store.pause(name: "SPX-lasso", alias: "") == nil, "only the alias acted on is paused")
        #expect(try store.pauses(name: "SPX-lasso").map(\.reference) == ["SPX-lasso@champion"])
        try store.apply(Self.action(.resume, alias: "champion"))
        #expect(try store.pauses(name: "SPX-lasso").isEmpty)
        let twice = #expect(throws: FerryError.self) { try store.apply(Self.action(.resume, alias: "champion")) }
        #expect(twice?.code == .notFound && twice?.message == "SPX-lasso@champion is not paused")
    }
}
