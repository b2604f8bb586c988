import FerryTestSupport
import Foundation
import Testing

@testable import FerryRedis

/// The hiredis client against a real redis-server.
@Suite(.serialized) struct RedisConnectionTests {
    @Test func entriesGoThroughAGroupAndAreAcknowledged() throws {
        let server = try RedisServer()
        let redis = try RedisConnection(url: server.url)
        try redis.ensureGroup("scorers", on: "bars:SPX")
        try redis.ensureGroup("scorers", on: "bars:SPX")  // a second time changes nothing
        let tricky = "1.5\r\n*3\r\n$3\r\nDEL spaces and \"quotes\""
        let first = try redis.append(to: "bars:SPX", [("close", "101.25"), ("note", tricky)])
        let second = try redis.append(to: "bars:SPX", [("close", "102.5")])
        let read = try redis.readGroup("scorers", consumer: "a", streams: ["bars:SPX"], count: 10, blockMilliseconds: 100)
        #expect(read.map(\.id) == [first, second])
        #expect(read[0].fields == ["close": "101.25", "note": tricky], "values are binary-safe, never read as commands")
        #expect(try redis.readGroup("scorers", consumer: "a", streams: ["bars:SPX"], count: 10, blockMilliseconds: 50).isEmpty)
        #expect(
            try redis.readGroup("scorers", consumer: "a", streams: ["bars:SPX"], count: 10, blockMilliseconds: 0, pending: true).count == 2)
        #expect(try redis.acknowledge([first], on: "bars:SPX", group: "scorers") == 1)
        let pending = try redis.readGroup("scorers", consumer: "a", streams: ["bars:SPX"], count: 10, blockMilliseconds: 0, pending: true)
        #expect(pending.map(\.id) == [second])
    }

    @Test func aDeadConsumersEntriesAreClaimedAfterTheirIdleTime() throws {
        let server = try RedisServer()
        let redis = try RedisConnection(url: server.url)
        try redis.ensureGroup("scorers", on: "bars")
        let id = try redis.append(to: "bars", [("close", "1")])
        _ = try redis.readGroup("scorers", consumer: "dead", streams: ["bars"], count: 1, blockMilliseconds: 0)
        #expect(try redis.claimIdle(on: "bars", group: "scorers", consumer: "alive", minimumIdleMilliseconds: 60_000, count: 10).isEmpty)
        usleep(120_000)
        let claimed = try redis.claimIdle(on: "bars", group: "scorers", consumer: "alive", minimumIdleMilliseconds: 100, count: 10)
        #expect(claimed.map(\.id) == [id])
        #expect(
            try redis.readGroup("scorers", consumer: "alive", streams: ["bars"], count: 10, blockMilliseconds: 0, pending: true).map(\.id)
                == [id])
    }

    @Test func keysHoldCheckpoints() throws {
        let server = try RedisServer()
        let redis = try RedisConnection(url: server.url)
        #expect(try redis.value(of: "checkpoint:SPX") == nil)
        try redis.set("checkpoint:SPX", to: "{\"bars\": 3}")
        #expect(try redis.value(of: "checkpoint:SPX") == "{\"bars\": 3}")
    }

    @Test func failuresAreCodedAndNeverShowThePassword() throws {
        let server = try RedisServer()
        let redis = try RedisConnection(url: server.url)
        let refused = try #require(throws: RedisError.self) { try redis.checkedCommand(["XADD", "bars", "not-an-id", "f", "v"]) }
        #expect(refused.code == .server && refused.message.contains("XADD"))
        _ = try redis.set("plain", to: "x")
        let wrongType = try #require(throws: RedisError.self) { try redis.append(to: "plain", [("f", "v")]) }
        #expect(wrongType.code == .server && wrongType.message.contains("WRONGTYPE"))

        let invalid = try #require(throws: RedisError.self) { try RedisConnection(url: "http://secret@localhost") }
        #expect(invalid.code == .invalidURL && !invalid.message.contains("secret"))
        let unreachable = try #require(throws: RedisError.self) {
            try RedisConnection(url: "redis://:hunter2@127.0.0.1:1", timeoutMilliseconds: 500)
        }
        #expect(unreachable.code == .connection && unreachable.message.contains("127.0.0.1:1") && !unreachable.message.contains("hunter2"))
    }

    @Test func urlsAreReadStrictly() throws {
        let plain = try RedisURL("redis://cache.internal")
        #expect(plain.host == "cache.internal" && plain.port == 6379 && plain.password == nil)
        let full = try RedisURL("redis://:pw@10.0.0.5:7000/")
        #expect(full.host == "10.0.0.5" && full.port == 7000 && full.password == "pw")
        for bad in ["redis://", "redis://host:0", "redis://host:99999", "redis://host:abc", "rediss://host", "redis://host/db/x"] {
            #expect(throws: RedisError.self, "\(bad)") { try RedisURL(bad) }
        }
        #expect(RedisURL.redacted("redis://:pw@host:1") == "redis://***@host:1")
    }
}
