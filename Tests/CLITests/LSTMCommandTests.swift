import Foundation
import Testing

/// The LSTM family from the command line: every variant trains on the embedded data, exports, verifies and loads.
@Suite struct LSTMCommandTests {
    /// Small settings so a debug build trains in seconds; the variant's size is what is under test.
    static let quick = ["--param", "epochs=1", "--param", "lookback=8", "--param", "batch_size=128"]

    @Test(arguments: [("lstm", "lightweight"), ("lstm", "baseline"), ("lstm", "enhanced"), ("attention-lstm", "baseline")])
    func trainsExportsAndVerifies(plugin: String, variant: String) throws {
        let dir = try BundleCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let train = try FerryProcess.run(
            ["train", "--plugin", plugin, "--param", "variant=\(variant)", "--target", "next_direction", "--runs-dir", "\(dir)/runs"]
                + Self.quick)
        #expect(train.status == 0, "\(plugin) \(variant): \(train.stderr)")
        #expect(train.stdout.contains("trained \(plugin) 1.0.0 to predict next_direction"))
        #expect(train.stderr.contains("epoch=1/1") && train.stderr.contains("train_loss="), "progress with the loss per epoch")
        let export = try FerryProcess.run(["export", "--runs-dir", "\(dir)/runs", "--out", "\(dir)/b.tar.gz"])
        #expect(export.status == 0, "\(export.stderr)")
        let verify = try FerryProcess.run(["verify", "\(dir)/b.tar.gz"])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("behaviour      pass  loaded; 5 golden outputs reproduced within 1e-05"))
    }

    @Test func explainsABadVariant() throws {
        let result = try FerryProcess.run([
            "train", "--plugin", "lstm", "--param", "variant=huge", "--runs-dir", TrainCommandTests.runsDirectory(),
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("hyperparameter 'variant' = huge is out of range (allowed: baseline, enhanced, lightweight)"))
    }
}
