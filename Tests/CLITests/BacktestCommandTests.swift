import Foundation
import Testing

@Suite struct BacktestCommandTests {
    static let example = [
        "--bundle", "bundles/example/SPX-lasso-1.0.0.tar.gz", "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from", "2016-01-12",
    ]

    static func report(_ arguments: [String]) throws -> [String: Any] {
        let result = try FerryProcess.run(["backtest"] + example + arguments + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func tradesTheBundlesSignalsBesideBuyAndHold() throws {
        let report = try Self.report([])
        let dates = try #require(report["dates"] as? [String])
        #expect(dates.first == "2016-01-13" && dates.last == "2018-12-31", "the first position is decided at the 2016-01-12 close")
        #expect((report["equity"] as? [Double])?.count == dates.count && (report["drawdown"] as? [Double])?.count == dates.count)
        let hold = try #require(report["buy_and_hold"] as? [String: Any])
        // Holding SPX from the 2016-01-12 close to the 2018-12-31 close (Adj Close 1938.680054 -> 2506.850098).
        #expect(abs((hold["total_return"] as? Double ?? 0) - (2506.850098 / 1938.680054 - 1)) < 1e-9)
        #expect(report["rule"] as? String == "sign of the predicted return", "a next_return model trades the sign")
        let strategy = try #require(report["strategy"] as? [String: Any])
        #expect(Set(strategy.keys).isSuperset(of: ["sharpe", "sortino", "max_drawdown", "var_95", "total_return"]))
    }

    @Test func costsLowerTheReturnByTheirShareOfTurnover() throws {
        let free = try Self.report([])
        let costly = try Self.report(["--cost-bps", "25"])
        let freeTotal = try #require((free["strategy"] as? [String: Any])?["total_return"] as? Double)
        let costlyTotal = try #require((costly["strategy"] as? [String: Any])?["total_return"] as? Double)
        let turnover = try #require(costly["turnover"] as? Double)
        #expect(turnover > 1 && costlyTotal < freeTotal)
        #expect(costly["turnover"] as? Double == free["turnover"] as? Double, "costs do not change the positions")
    }

    @Test func kellySizedPositionsStayWithinThePositionCap() throws {
        let report = try Self.report(["--rule", "kelly", "--cost-bps", "2"])
        #expect((report["rule"] as? String)?.hasPrefix("Kelly × 0.5 over the trailing 252 returns") == true)
        let equity = try #require(report["equity"] as? [Double])
        let hold = try #require(report["buy_and_hold_equity"] as? [Double])
        func periodReturns(_ wealth: [Double]) -> [Double] { zip(wealth, [1] + wealth.dropLast()).map { $0 / $1 - 1 } }
        let strategy = periodReturns(equity)
        let asset = periodReturns(hold)
        // |p| <= 0.05, so each period's move is at most 5% of the asset's, plus a cost of at most 2 bps on a change of at most 0.1.
        #expect(zip(strategy, asset).allSatisfy { abs($0) <= 0.05 * abs($1) + 0.0002 * 0.1 + 1e-12 })
        #expect(strategy.contains { $0 != 0 }, "the sizer does take positions")
    }

    @Test func writesAnHTMLReportWithEquityAndDrawdown() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-backtest-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try FerryProcess.run(["backtest"] + Self.example + ["--report", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("buy and hold") && result.stdout.contains("report: \(path)"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.contains("Equity (wealth from 1)") && html.contains("Drawdown") && !html.contains("<script"))
    }

    @Test func explainsWhatIsWrong() throws {
        let rule = try FerryProcess.run(["backtest"] + Self.example + ["--rule", "martingale"])
        #expect(rule.status != 0 && rule.stderr.contains("--rule takes sign, threshold or kelly, not 'martingale'"), "\(rule.stderr)")
        let late = try FerryProcess.run([
            "backtest", "--bundle", "bundles/example/SPX-lasso-1.0.0.tar.gz", "--data", "data/SPX.csv", "--with", "data/WTI.csv", "--from",
            "2030-01-01",
        ])
        #expect(late.status != 0 && late.stderr.contains("has 0 row(s) to trade on or after 2030-01-01"), "\(late.stderr)")
    }
}
