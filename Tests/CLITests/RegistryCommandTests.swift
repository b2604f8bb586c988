import Foundation
import Testing

/// The store from the command line: runs, the registry, and the daily batch.
@Suite struct RegistryCommandTests {
    /// A workspace with a store, one trained and exported Lasso run, and its bundle.
    struct Workspace {
        let dir: String
        var store: String { "\(dir)/store/ferry.sqlite" }
        var bundle: String { "\(dir)/b.tar.gz" }

        init() throws {
            dir = try BundleCommandTests.workspace()
            let train = try FerryProcess.run(
                ["train", "--plugin", "lasso", "--param", "alpha=0.0001", "--runs-dir", "\(dir)/runs"], store: "\(dir)/store/ferry.sqlite")
            #expect(train.status == 0, "\(train.stderr)")
            let export = try FerryProcess.run(
                ["export", "--runs-dir", "\(dir)/runs", "--out", "\(dir)/b.tar.gz"], store: "\(dir)/store/ferry.sqlite")
            #expect(export.status == 0, "\(export.stderr)")
        }

        func ferry(_ arguments: [String]) throws -> FerryProcess.Result { try FerryProcess.run(arguments, store: store) }
    }

    @Test func registersOnceWithLineageAndRefusesATamperedBundle() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(atPath: space.dir) }
        let add = try space.ferry(["registry", "add", space.bundle, "--by", "ana"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("registered SPX-lasso 1.0.0 in staging"))
        #expect(add.stdout.contains("run lasso-"), "the run the bundle was exported from")
        #expect(
            try space.ferry(["registry", "add", space.bundle]).stdout.contains("was already registered (same bundle); nothing changed"))

        var bytes = try Data(contentsOf: URL(fileURLWithPath: space.bundle))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: "\(space.dir)/bad.tar.gz"))
        let bad = try space.ferry(["registry", "add", "\(space.dir)/bad.tar.gz"])
        #expect(bad.status == 10, "an integrity failure: \(bad.stderr)")
        let list = try space.ferry(["registry", "list", "--json"])
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let bundles = try #require(listing["bundles"] as? [[String: Any]])
        #expect(bundles.count == 1)
        #expect(bundles[0]["registered_by"] as? String == "ana" && bundles[0]["stage"] as? String == "staging")
        #expect((bundles[0]["path"] as? String).map { FileManager.default.fileExists(atPath: $0) } == true, "the store keeps its copy")
    }

    @Test func promotesAliasesAndArchives() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(atPath: space.dir) }
        #expect(try space.ferry(["registry", "add", space.bundle]).status == 0)
        let promote = try space.ferry(["registry", "promote", "SPX-lasso@1.0.0", "--by", "ben"])
        #expect(promote.stdout.contains("SPX-lasso 1.0.0: staging -> production (by ben)"))
        #expect(try space.ferry(["registry", "alias", "SPX-lasso@1.0.0", "champion"]).stdout.contains("SPX-lasso@champion -> 1.0.0"))
        #expect(try space.ferry(["registry", "list"]).stdout.contains("production  lasso 1.0.0"))
        #expect(try space.ferry(["registry", "archive", "SPX-lasso@champion"]).stdout.contains("production -> archived"))
        let gone = try space.ferry([
            "batch", "--model", "SPX-lasso", "--data", FerryProcess.repository.appendingPathComponent("data/SPX.csv").path,
        ])
        #expect(gone.status == 1 && gone.stderr.contains("every version of SPX-lasso is archived"))
        let unknown = try space.ferry(["registry", "promote", "GOOG-lasso"])
        #expect(
            unknown.status == 66 && unknown.stderr.contains("no model 'GOOG-lasso' in the registry; it has: SPX-lasso"), "not found: 66")
    }

    @Test func theBatchWritesOncePerDayAndModelVersion() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(atPath: space.dir) }
        #expect(try space.ferry(["registry", "add", space.bundle]).status == 0)
        let data = [
            "--data", FerryProcess.repository.appendingPathComponent("data/SPX.csv").path, "--data",
            FerryProcess.repository.appendingPathComponent("data/GOOG.csv").path,
        ]
        let first = try space.ferry(["batch", "--model", "SPX-lasso"] + data + ["--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(outcome["written"] as? Bool == true && outcome["as_of"] as? String == "2013-03-01", "the last day both files have")
        #expect((outcome["predictions"] as? [String: Any])?.keys.sorted() == ["GOOG", "SPX"])
        #expect((outcome["outcomes_recorded"] as? Int ?? 0) > 6_000, "realised next returns of both files, for monitoring")
        let again = try space.ferry(["batch", "--model", "SPX-lasso"] + data + ["--json"])
        let repeated = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(repeated["written"] as? Bool == false)
        #expect(
            NSDictionary(dictionary: repeated["predictions"] as? [String: Any] ?? [:])
                == NSDictionary(dictionary: outcome["predictions"] as? [String: Any] ?? [:]), "deterministic")
        let day = try space.ferry(["batch", "--model", "SPX-lasso@1.0.0", "--as-of", "2018-12-28"] + data)
        #expect(day.stdout.contains("wrote 1 prediction(s)") && day.stdout.contains("GOOG  skipped: no bar on 2018-12-28"))
        let badDate = try space.ferry(["batch", "--model", "SPX-lasso", "--as-of", "28/12/2018"] + data)
        #expect(badDate.status != 0 && badDate.stderr.contains("--as-of takes a date as YYYY-MM-DD"))
    }

    @Test func listsShowsAndComparesRuns() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(atPath: space.dir) }
        #expect(try FerryProcess.run(["train", "--plugin", "ridge", "--runs-dir", "\(space.dir)/runs"], store: space.store).status == 0)
        let list = try space.ferry(["runs", "list", "--json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(runs.compactMap { $0["plugin"] as? String }.sorted() == ["lasso", "ridge"])
        let lasso = try #require(runs.first { $0["plugin"] as? String == "lasso" }?["id"] as? String)
        #expect(runs.first { $0["plugin"] as? String == "lasso" }?["bundle_digest"] as? String != nil, "export noted the bundle")
        let show = try space.ferry(["runs", "show", lasso])
        #expect(show.stdout.contains("parameters alpha=0.0001"))
        let compare = try space.ferry(["runs", "compare", "lasso", "ridge"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("alpha") && compare.stdout.contains("test mae") && compare.stdout.contains("same training data"))
        #expect(try space.ferry(["runs", "show", "nope"]).stderr.contains("no run 'nope' in the store"))
    }
}

/// Status policies from the command line: set, shown, refused when malformed; a pause stops the
/// batch (exit 22) until it is lifted with a reason.
@Suite struct StatusPolicyCommandTests {
    @Test func policiesPausesAndTheirHistory() throws {
        let dir = try BundleCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = "\(dir)/store/ferry.sqlite"
        func ferry(_ arguments: [String]) throws -> FerryProcess.Result { try FerryProcess.run(arguments, store: store) }
        #expect(try ferry(["registry", "add", "bundles/example/SPX-lasso-1.0.0.tar.gz"]).status == 0)
        let badHook = try ferry(["registry", "policy", "SPX-lasso", "--on-red", "pause", "--webhook", "ftp://hooks.example.com"])
        #expect(badHook.status == 64 && badHook.stderr.contains("is not an http(s) URL") && badHook.stderr.contains("--webhook"))
        #expect(try ferry(["registry", "policy", "SPX-lasso", "--on-red", "purple"]).status == 64)
        let set = try ferry(["registry", "policy", "SPX-lasso", "--on-red", "rollback", "--on-yellow", "shadow", "--by", "ana"])
        #expect(set.status == 0 && set.stdout.contains("at red rollback, at yellow shadow"), "\(set.stderr)")

        let usage = try ferry(["monitor", "--model", "SPX-lasso", "--dry-run"])
        #expect(usage.status == 64 && usage.stderr.contains("--dry-run shows what --act would do"))
        #expect(try ferry(["monitor", "--bundle", "bundles/example/SPX-lasso-1.0.0.tar.gz"]).status == 64)
        let version = try ferry(["monitor", "--model", "SPX-lasso@1.0.0", "--act"])
        #expect(version.status == 64 && version.stderr.contains("not an alias"))
        let ungraded = try ferry(["monitor", "--model", "SPX-lasso", "--act"])
        #expect(ungraded.status == 0 && ungraded.stdout.contains("unknown on 0 graded predictions"), "\(ungraded.stderr)")

        let bars = FerryProcess.repository.appendingPathComponent("data/SPX.csv").path
        let wti = FerryProcess.repository.appendingPathComponent("data/WTI.csv").path
        #expect(try ferry(["registry", "pause", "SPX-lasso", "--reason", "data vendor outage", "--by", "ben"]).status == 0)
        let paused = try ferry(["batch", "--model", "SPX-lasso", "--data", bars, "--with", wti])
        #expect(paused.status == 22 && paused.stderr.contains("SPX-lasso is paused") && paused.stderr.contains("data vendor outage"))
        #expect(try ferry(["registry", "resume", "SPX-lasso"]).status == 64, "a pause is lifted only with --force and --reason")
        #expect(try ferry(["registry", "resume", "SPX-lasso", "--force", "--reason", "vendor is back", "--by", "ben"]).status == 0)
        let scored = try ferry(["batch", "--model", "SPX-lasso", "--data", bars, "--with", wti])
        #expect(scored.status == 0, "\(scored.stderr)")

        let show = try ferry(["registry", "show", "SPX-lasso"])
        #expect(show.stdout.contains("policy: at red rollback, at yellow shadow"), "\(show.stdout)")
        #expect(
            show.stdout.contains("pause by ben: data vendor outage") && show.stdout.contains("resume by ben: vendor is back"),
            "\(show.stdout)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try ferry(["registry", "show", "SPX-lasso", "--json"]).stdout.utf8))
                as? [String: Any])
        #expect((json["policy"] as? [String: Any])?["on_red"] as? String == "rollback")
        #expect((json["actions"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["pause", "resume"])
    }
}

/// `ferry promote --model`: the registry's challenger through the promotion gate, into the champion's place only when it wins.
@Suite struct RegistryPromotionCommandTests {
    @Test func theChallengerTakesTheChampionsPlaceOnlyThroughTheGate() throws {
        let space = try RegistryCommandTests.Workspace()
        defer { try? FileManager.default.removeItem(atPath: space.dir) }
        let second = "\(space.dir)/b2.tar.gz"
        #expect(try space.ferry(["export", "--runs-dir", "\(space.dir)/runs", "--out", second, "--bundle-version", "1.1.0"]).status == 0)
        for bundle in [space.bundle, second] { #expect(try space.ferry(["registry", "add", bundle]).status == 0) }
        #expect(try space.ferry(["registry", "alias", "SPX-lasso@1.0.0", "champion"]).status == 0)
        let data = ["--data", "data/SPX.csv", "--with", "data/WTI.csv", "--record", "\(space.dir)/promotions.jsonl"]
        let noChallenger = try space.ferry(["promote", "--model", "SPX-lasso"] + data)
        #expect(noChallenger.status == 66 && noChallenger.stderr.contains("no challenger alias"))
        #expect(try space.ferry(["registry", "alias", "SPX-lasso@1.1.0", "challenger"]).status == 0)
        #expect(try space.ferry(["promote", "--model", "SPX-lasso", "--champion", space.bundle] + data).status == 64)

        // Over every row from 2017 the residuals are not centred (|t| > 1.96): refused, nothing moves.
        let refused = try space.ferry(["promote", "--model", "SPX-lasso", "--from", "2017-01-01"] + data)
        #expect(refused.status == 21 && refused.stdout.hasPrefix("REFUSE SPX-lasso 1.1.0 over 1.0.0"), "\(refused.stdout)\(refused.stderr)")
        #expect(try space.ferry(["registry", "show", "SPX-lasso"]).stdout.contains("1.0.0  staging  never graded  @champion"))
        // Over the last 20 rows the same model passes every check: promoted into @champion.
        let promoted = try space.ferry(["promote", "--model", "SPX-lasso", "--window", "20", "--by", "ana"] + data)
        #expect(
            promoted.status == 0 && promoted.stdout.hasPrefix("PROMOTE SPX-lasso 1.1.0 over 1.0.0: now @champion"), "\(promoted.stdout)")
        #expect(try space.ferry(["registry", "show", "SPX-lasso"]).stdout.contains("@challenger @champion"))
        let again = try space.ferry(["promote", "--model", "SPX-lasso", "--window", "20"] + data)
        #expect(again.status == 1 && again.stderr.contains("already its champion (1.1.0)"))
    }
}
