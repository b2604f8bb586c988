import Foundation
import Testing

@Suite struct BundleCommandTests {
    static func workspace() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-bundle-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func exportVerifyInspectAndSign() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runs = "\(dir)/runs"
        #expect(try FerryProcess.run(["train", "--plugin", "lasso", "--param", "alpha=0.0001", "--runs-dir", runs]).status == 0)
        let export = try FerryProcess.run(["export", "--runs-dir", runs, "--out", "\(dir)/a.tar.gz"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try FerryProcess.run(["export", "--runs-dir", runs, "--out", "\(dir)/b.tar.gz"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/a.tar.gz")) == Data(contentsOf: URL(fileURLWithPath: "\(dir)/b.tar.gz")))

        let verify = try FerryProcess.run(["verify", "\(dir)/a.tar.gz"])
        #expect(verify.status == 0, "\(verify.stdout)")
        for check in ["integrity      pass", "authenticity   pass  unsigned", "compatibility  pass", "behaviour      pass"] {
            #expect(verify.stdout.contains(check), "\(verify.stdout)")
        }
        let strict = try FerryProcess.run(["verify", "\(dir)/a.tar.gz", "--require-signature", "--json"])
        #expect(strict.status == 11)
        #expect(strict.stdout.contains("\"passed\" : false"))

        let inspect = try FerryProcess.run(["inspect", "\(dir)/a.tar.gz"])
        #expect(inspect.stdout.contains("SPX-lasso 1.0.0"))
        #expect(inspect.stdout.contains("tensors      coef [38], intercept [1]"))

        #expect(try FerryProcess.run(["keygen", "--out", "\(dir)/keys", "--name", "me"]).status == 0)
        let signed = try FerryProcess.run(["export", "--runs-dir", runs, "--out", "\(dir)/s.tar.gz", "--sign", "\(dir)/keys/me.key"])
        #expect(signed.stdout.contains("signed by key"))
        let trusted = try FerryProcess.run(["verify", "\(dir)/s.tar.gz", "--trusted-keys", "\(dir)/keys", "--require-signature"])
        #expect(trusted.status == 0, "\(trusted.stdout)")
    }

    @Test func distinctExitCodesForIntegrityFailures() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("not a bundle".utf8).write(to: URL(fileURLWithPath: "\(dir)/bad.tar.gz"))
        let result = try FerryProcess.run(["verify", "\(dir)/bad.tar.gz"])
        #expect(result.status == 10)
        #expect(result.stdout.contains("integrity      FAIL"))
        #expect(result.stdout.contains("authenticity   ----  not checked (integrity failed)"))
        let noRun = try FerryProcess.run(["export", "--runs-dir", "\(dir)/none"])
        #expect(noRun.status == 66, "no run to export is input not found")
        #expect(noRun.stderr.contains("no runs in"))
        for command in [["verify"], ["inspect"], ["registry", "add", "--store", "\(dir)/store.sqlite"]] {
            let missing = try FerryProcess.run(command + ["\(dir)/missing.tar.gz"])
            #expect(missing.status == 66, "\(command): a missing bundle is input not found, not an integrity failure")
            #expect(missing.stderr.contains("\(dir)/missing.tar.gz: no such bundle file"))
        }
    }
}
