import FerryCore
import FerryPipeline
import FerryStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FerryServer

/// What the server does with a status policy's actions: a paused alias answers 503 with the
/// reason; an action is posted to the policy's webhook.
@Suite struct StatusPolicyServerTests {
    @Test func aPausedAliasAnswers503WithTheReasonAndTheOtherAliasStillServes() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try fixture.store.apply(
            PolicyAction(
                name: "table-ridge", alias: "champion", kind: .pause, status: "red", fromVersion: "1.0.0", toVersion: nil,
                reason: "status red (mae) on 25 graded predictions", report: nil, at: "2026-12-02T10:00:00Z", by: "ferry-monitor"))
        let body = ByteBuffer(string: #"{"rows": [{"x1": 1, "x2": 2}]}"#)
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/v1/models/table-ridge@champion/predict", method: .post, headers: fixture.headers(.predict), body: body
            ) {
                #expect($0.status == .serviceUnavailable)
                let message = String(buffer: $0.body)
                #expect(message.contains("table-ridge@champion is paused") && message.contains("status red (mae)"), "\(message)")
            }
            try await client.execute(
                uri: "/v1/models/table-ridge@challenger/predict", method: .post, headers: fixture.headers(.predict), body: body
            ) { #expect($0.status == .ok) }
        }
        #expect(try fixture.store.predictions(model: "table-ridge").count == 1, "the paused request logged nothing")
    }

    @Test func anActionIsPostedToTheWebhookAsJSON() async throws {
        let received = Received()
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            await received.add(Data(buffer: try await request.body.collect(upTo: 1 << 20)))
            return .noContent
        }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiver.test(.live) { client in
            let port = try #require(client.port)
            var policy = ModelPolicy(name: "table-ridge", setBy: "test")
            policy.webhook = "http://127.0.0.1:\(port)/hook?token=secret"
            let action = PolicyAction(
                name: "table-ridge", alias: "champion", kind: .rollback, status: "red", fromVersion: "1.0.1", toVersion: "1.0.0",
                reason: "status red (mae)", report: "{}", at: "2026-12-02T10:00:00Z", by: "ferry-monitor")
            let delivery = await StatusNotifier().notify(action, policy: policy, logger: Logger(label: "test"))
            #expect(delivery.webhookStatus == 204 && delivery.webhookHost == "127.0.0.1" && delivery.logged)
            let posted = try #require(await received.bodies.first)
            let json = try #require(try JSONSerialization.jsonObject(with: posted) as? [String: String])
            #expect(json["action"] == "rollback" && json["from_version"] == "1.0.1" && json["to_version"] == "1.0.0")
            #expect(json["model"] == "table-ridge" && json["alias"] == "champion" && json["report"] == nil)

            policy.webhook = "http://127.0.0.1:1/unreachable?token=secret"
            var notifier = StatusNotifier()
            notifier.timeout = .seconds(1)
            let failed = await notifier.notify(action, policy: policy, logger: Logger(label: "test"))
            #expect(failed.webhookStatus == nil && failed.webhookError?.contains("127.0.0.1 could not be reached") == true)
            #expect(failed.webhookError?.contains("secret") == false, "the URL's secret is never repeated")
        }
    }

    @Test func theABRouteComparesTheArmsOnTheirGradedPredictions() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let split = try TrafficSplit("champion:50,challenger:50")
        let app = try fixture.application { $0.splits["table-ridge"] = split }
        try await app.test(.router) { client in
            for caller in 0..<40 {
                let body = ByteBuffer(
                    string: #"{"rows": [{"x1": \#(caller % 7), "x2": 1}], "instrument": "I\#(caller)", "as_of": "2020-06-01"}"#)
                try await client.execute(
                    uri: "/v1/models/table-ridge/predict", method: .post, headers: fixture.headers(.predict, caller: "desk-\(caller)"),
                    body: body
                ) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/v1/models/table-ridge/ab", method: .get, headers: fixture.headers(nil)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/models/table-ridge/ab", method: .get, headers: fixture.headers(.read)) {
                #expect($0.status == .ok)
                let json = $0.body.json
                let comparison = (json["comparisons"] as? [[String: Any]])?.first
                #expect(json["incumbent"] as? String == "champion" && comparison?["verdict"] as? String == "keep testing")
                #expect((json["awaiting_outcomes"] as? [String: Int])?.values.reduce(0, +) == 40, "no outcomes recorded yet")
            }
            try await client.execute(uri: "/v1/models/table-ridge/ab?incumbent=nobody", method: .get, headers: fixture.headers(.read)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func theScheduleAppliesEveryPolicyAndTheServerAnswersAsItDecided() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        var policy = ModelPolicy(name: "table-ridge", setBy: "test")
        (policy.onRed, policy.logLine) = (.pause, false)
        try RegistryChanges(store: fixture.store).setPolicy(policy)
        let serving = ModelServing(store: fixture.store, verifier: try fixture.trust.verifier())
        let model = try await serving.model("table-ridge@champion")
        var outcomes: [(asOf: String, value: Double)] = []
        for day in 1...25 {
            let asOf = String(format: "2020-07-%02d", day)
            let rows = PredictionRows(columns: ["x1", "x2"], rows: [[Double(day % 4), 1]], caller: "t", instrument: "T", asOf: asOf)
            outcomes.append((asOf, try await serving.predict(rows, with: model).predictions[0] + 40))
        }
        _ = try fixture.store.recordOutcomes(instrument: "T", target: "y", outcomes)
        var actions = StatusActions(store: fixture.store, verifier: try fixture.trust.verifier())
        actions.notesShadowWithoutChallenger = true
        actions.serving = serving
        let schedule = StatusPolicySchedule(actions: actions, interval: .seconds(3600), logger: Logger(label: "test"))
        #expect(await schedule.actOnce() >= 1)
        #expect(try fixture.store.pause(name: "table-ridge", alias: "champion") != nil, "champion graded red and paused")
        #expect(try fixture.store.pause(name: "table-ridge", alias: "challenger") == nil, "the challenger alias is never acted on")
        let paused = await #expect(throws: ModelPausedError.self) { try await serving.model("table-ridge@champion") }
        #expect(paused?.pause.status == "red")
    }

    @Test func aRedChampionRolledBackByTheScheduleIsAnsweredWithThePreviousVersionOverHTTP() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        var policy = ModelPolicy(name: "table-ridge", setBy: "test")
        (policy.onRed, policy.logLine) = (.rollback, false)
        try RegistryChanges(store: fixture.store).setPolicy(policy)
        let verifier = try fixture.trust.verifier()
        var actions = StatusActions(store: fixture.store, verifier: verifier)
        actions.notesShadowWithoutChallenger = true
        let serving = ModelServing(store: fixture.store, verifier: verifier)
        actions.serving = serving
        let schedule = StatusPolicySchedule(actions: actions, interval: .seconds(3600), logger: Logger(label: "test"))
        /// 25 predictions of `reference` in `month`, outcomes `miss` away.
        func serve(_ reference: String, month: Int, miss: Double) async throws {
            let model = try await serving.model(reference)
            var outcomes: [(asOf: String, value: Double)] = []
            for day in 1...25 {
                let asOf = String(format: "2020-%02d-%02d", month, day)
                let rows = PredictionRows(columns: ["x1", "x2"], rows: [[Double(day % 4), 1]], caller: "t", instrument: "T", asOf: asOf)
                outcomes.append((asOf, try await serving.predict(rows, with: model).predictions[0] + miss))
            }
            _ = try fixture.store.recordOutcomes(instrument: "T", target: "y", outcomes)
        }
        try await serve("table-ridge@champion", month: 8, miss: 0)
        await schedule.actOnce()
        #expect(try fixture.store.lastGrade(name: "table-ridge", version: "1.0.0")?.status == "green")
        try fixture.store.setAlias("champion", name: "table-ridge", version: "1.0.1", by: "test")
        serving.registryChanged()  // as the alias route does; elsewhere the lookups expire within 2 s
        try await serve("table-ridge@champion", month: 9, miss: 40)
        #expect(await schedule.actOnce() >= 1)
        let body = ByteBuffer(string: #"{"rows": [{"x1": 1, "x2": 2}]}"#)
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/v1/models/table-ridge@champion/predict", method: .post, headers: fixture.headers(.predict), body: body
            ) {
                #expect($0.status == .ok)
                #expect($0.body.json["version"] as? String == "1.0.0", "the champion alias was rolled back to the last green version")
            }
        }
        let rollback = try #require(try fixture.store.actions(name: "table-ridge").first { $0.alias == "champion" })
        #expect(rollback.kind == .rollback && rollback.fromVersion == "1.0.1" && rollback.toVersion == "1.0.0")
        #expect(rollback.reason.hasPrefix("status red") && rollback.report?.contains("\"version\":\"1.0.1\"") == true)
    }

    private actor Received {
        var bodies: [Data] = []
        func add(_ body: Data) { bodies.append(body) }
    }
}
