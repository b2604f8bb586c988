import FerryBundle
import FerryCore
import FerryModels
import Foundation
import Testing

/// One crafted bundle per attack; each is refused with its own message, in the right class,
/// and nothing is written to disk by the reader.
@Suite struct BundleAttackTests {
    /// Verifies `path` and returns the first failing check.
    static func failure(_ fixture: BundleFixture, _ path: String) -> VerificationReport.Check? {
        fixture.verifier.verify(path).report.checks.first { !$0.passed && $0.checked }
    }

    static func expectRefused(_ fixture: BundleFixture, _ path: String, _ failing: BundleError.Class, _ words: String) {
        let check = failure(fixture, path)
        #expect(check?.check == failing, "expected \(failing), got \(String(describing: check))")
        #expect(check?.detail.contains(words) == true, "expected '\(words)' in: \(check?.detail ?? "no failure")")
    }

    @Test func structuralAttacks() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let folder = f.folder
        let cases: [(String, [CraftedArchive.Entry], String)] = [
            ("absolute", [.init(name: "/etc/evil", kind: .file(Data("x".utf8)))], "unsafe path '/etc/evil'"),
            ("dotdot", [.init(name: "\(folder)/../../evil", kind: .file(Data("x".utf8)))], "unsafe path"),
            ("symlink", [.init(name: "\(folder)/weights.safetensors", kind: .symlink("/etc/passwd"))], "not a regular file"),
            ("hardlink", [.init(name: "\(folder)/weights.safetensors", kind: .hardlink("/etc/passwd"))], "not a regular file"),
            ("device", [.init(name: "\(folder)/weights.safetensors", kind: .characterDevice)], "not a regular file"),
            ("fifo", [.init(name: "\(folder)/weights.safetensors", kind: .fifo)], "not a regular file"),
            ("directory", [.init(name: "\(folder)/sub", kind: .directory)], "not a regular file"),
        ]
        for (name, extra, words) in cases {
            let path = (f.directory as NSString).appendingPathComponent("\(name).tar.gz")
            CraftedArchive.write(extra + f.entries.map { .init(name: $0.0, kind: .file($0.1)) }, to: path)
            Self.expectRefused(f, path, .integrity, words)
        }
    }

    @Test func entryAndLayoutAttacks() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let folder = f.folder
        Self.expectRefused(f, f.tampered("duplicate") { $0.append($0[0]) }, .integrity, "appears twice")
        Self.expectRefused(
            f, f.tampered("twofolders") { $0.append(("other-1.0.0/manifest.json", Data("{}".utf8))) }, .integrity, "two top-level folders")
        Self.expectRefused(
            f, f.tampered("unlisted") { $0.append(("\(folder)/signature.ed25519", Data("{}".utf8))) }, .integrity, "signature.ed25519")
        Self.expectRefused(
            f, f.tampered("unknownfile") { $0.append(("\(folder)/run.sh", Data("rm -rf /".utf8))) }, .integrity, "unexpected file 'run.sh'")
        Self.expectRefused(f, f.tampered("nested") { $0.append(("\(folder)/a/b", Data())) }, .integrity, "not a file directly inside")
        Self.expectRefused(
            f, f.tampered("missing") { $0.removeAll { $0.0.hasSuffix("/golden.json") } }, .integrity, "golden.json is missing")
        Self.expectRefused(
            f,
            f.tampered("notlisted", rehash: false) { files in
                if let i = files.firstIndex(where: { $0.0.hasSuffix("/checksums.sha256") }) {
                    files[i].1 = Data(
                        String(decoding: files[i].1, as: UTF8.self).split(separator: "\n").filter { !$0.hasSuffix("metrics.json") }.joined(
                            separator: "\n"
                        ).utf8)
                }
            }, .integrity, "metrics.json is not listed in checksums.sha256")
        Self.expectRefused(
            f,
            f.tampered("badchecksum") { files in
                if let i = files.firstIndex(where: { $0.0.hasSuffix("/MODEL_CARD.md") }) { files[i].1 = Data("changed".utf8) }
            }, .integrity, "MODEL_CARD.md: SHA-256")
        Self.expectRefused(f, f.tampered("empty") { $0.removeAll() }, .integrity, "empty")
    }

    @Test func corruptAndOversizedArchives() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: f.path))
        let truncated = (f.directory as NSString).appendingPathComponent("truncated.tar.gz")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        Self.expectRefused(f, truncated, .integrity, "corrupt or truncated")
        let garbage = (f.directory as NSString).appendingPathComponent("garbage.tar.gz")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: garbage))
        Self.expectRefused(f, garbage, .integrity, "corrupt or truncated")
        let plain = (f.directory as NSString).appendingPathComponent("plain.tar")
        CraftedArchive.write(f.entries.map { .init(name: $0.0, kind: .file($0.1)) }, to: plain, gzip: false)
        Self.expectRefused(f, plain, .integrity, "is not gzip-compressed")
        // 64 MiB of zeros compress about 1000:1: a decompression bomb, refused while inflating.
        let bomb = f.tampered("bomb") { files in
            if let i = files.firstIndex(where: { $0.0.hasSuffix("/weights.safetensors") }) { files[i].1 = Data(count: 64 << 20) }
        }
        Self.expectRefused(f, bomb, .integrity, "compression ratio above 200:1")
    }

    @Test func malformedContents() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        Self.expectRefused(
            f, f.replacing("manifest.json", with: Data("{not json".utf8), as: "badjson"), .integrity, "manifest.json: not valid JSON")
        Self.expectRefused(
            f, f.replacing("manifest.json", with: Data("{}".utf8), as: "emptymanifest"), .integrity, "manifest.json: missing field")
        var overlap = Safetensors.encode(["coef": .vector([1, 2]), "intercept": .vector([0])])
        // Point intercept's range at coef's bytes: the header still parses, the ranges overlap.
        let header = String(decoding: overlap[8..<(8 + Int(overlap[0]))], as: UTF8.self).replacingOccurrences(
            of: "[16,24]", with: "[0,8]  ")
        overlap.replaceSubrange(8..<(8 + Int(overlap[0])), with: Array(header.utf8))
        Self.expectRefused(f, f.replacing("weights.safetensors", with: Data(overlap), as: "overlap"), .integrity, "overlaps")
        let nan = Safetensors.encode(["coef": .vector([.nan, 2]), "intercept": .vector([0])])
        Self.expectRefused(f, f.replacing("weights.safetensors", with: Data(nan), as: "nan"), .integrity, "weights must be finite")
        var huge = [UInt8](repeating: 0, count: 16)
        huge[3] = 0x7f
        Self.expectRefused(f, f.replacing("weights.safetensors", with: Data(huge), as: "hugeheader"), .integrity, "larger than the")
        let wrongDtype = Safetensors.encode(["coef": try Tensor(shape: [2], dtype: .float32, values: [1, 2]), "intercept": .vector([0])])
        Self.expectRefused(
            f, f.replacing("weights.safetensors", with: Data(wrongDtype), as: "dtype"), .behaviour, "expected tensor 'coef' of dtype F64")
    }

    @Test func compatibilityAndBehaviourAttacks() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let manifest = try #require(f.entries.first { $0.0.hasSuffix("/manifest.json") }?.1)
        let text = String(decoding: manifest, as: UTF8.self)
        Self.expectRefused(
            f, f.replacing("manifest.json", with: Data(text.replacingOccurrences(of: "\"ridge\"", with: "\"lstm\"").utf8), as: "plugin"),
            .compatibility, "no plugin 'lstm' in this build; it has: lasso 1.0.0, ridge 1.0.0")
        Self.expectRefused(
            f,
            f.replacing(
                "manifest.json", with: Data(text.replacingOccurrences(of: "\"format_version\" : 2", with: "\"format_version\" : 9").utf8),
                as: "format"),
            .compatibility, "format version 9")
        Self.expectRefused(
            f,
            f.replacing(
                "manifest.json",
                with: Data(text.replacingOccurrences(of: "\"version\" : \"1.0.0\"\n  },", with: "\"version\" : \"2.0.0\"\n  },").utf8),
                as: "newer"),
            .compatibility, "cannot read it")
        let golden = try #require(f.entries.first { $0.0.hasSuffix("/golden.json") }?.1)
        var object = try #require(try JSONSerialization.jsonObject(with: golden) as? [String: Any])
        object["outputs"] = ((object["outputs"] as? [Double]) ?? []).map { $0 + 1 }
        Self.expectRefused(
            f, f.replacing("golden.json", with: try JSONSerialization.data(withJSONObject: object), as: "golden"), .behaviour,
            "golden row 0")
    }
}
