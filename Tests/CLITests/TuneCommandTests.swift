import Foundation
import Testing

/// `ferry tune` as a user runs it: the folds, every candidate, the choice and the kept run, as
/// text and as JSON; bad options refused with what to give instead.
@Suite struct TuneCommandTests {
    @Test func tunesOnATableAndKeepsTheChosenRun() throws {
        let runs = TrainCommandTests.runsDirectory()
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let arguments = [
            "tune", "--plugin", "ridge", "--table", FerryProcess.fixture("table_good.csv"), "--target", "y", "--grid", "alpha=0.1,10",
            "--folds", "2", "--runs-dir", runs,
        ]
        let json = try FerryProcess.run(arguments + ["--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let candidates = try #require(report["candidates"] as? [[String: Any]])
        #expect(candidates.compactMap { ($0["parameters"] as? [String: String])?["alpha"] } == ["0.1", "10"])
        #expect(candidates.allSatisfy { (($0["summary"] as? [String: Any])?["scores"] as? [Double])?.count == 2 })
        #expect((report["folds"] as? [[String: Any]])?.count == 2 && report["metric"] as? String == "mae")
        let chosen = try #require((report["chosen"] as? [String: String])?["alpha"])
        let run = try #require(report["run"] as? [String: Any])
        let id = try #require(run["id"] as? String)
        #expect(FileManager.default.fileExists(atPath: "\(runs)/\(id)/weights.safetensors"))
        let page = "\(runs)/tune.html"
        let text = try FerryProcess.run(arguments + ["--report", page])
        #expect(text.status == 0 && text.stdout.contains("the test split is not used"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h2>Verdict</h2>") && html.contains("<svg") && html.contains("Scores by fold"))
        #expect(html.contains("beats baseline-mean on") && !html.contains("<script"), "self-contained, no scripts")
        #expect(text.stdout.contains("alpha=\(chosen)") && text.stdout.contains("← chosen") && text.stdout.contains("baseline-mean"))
    }

    @Test func badOptionsAreRefusedWithWhatToGive() throws {
        let metric = try FerryProcess.run(["tune", "--plugin", "lasso", "--grid", "alpha=1", "--metric", "accuracy"])
        #expect(metric.status == 64 && metric.stderr.contains("--metric takes mae, rmse, dir_acc or sharpe"))
        let grid = try FerryProcess.run(["tune", "--plugin", "lasso"])
        #expect(grid.status == 64 && grid.stderr.contains("give at least one --grid"))
        let spec = try FerryProcess.run(["tune", "--plugin", "lasso", "--grid", "alpha", "--table", FerryProcess.fixture("table_good.csv")])
        #expect(spec.status != 0 && spec.stderr.contains("grid 'alpha' is not NAME=VALUE,VALUE"))
    }
}
