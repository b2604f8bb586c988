import FerryCore
import FerryStore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// Tokens handed over in a file (a Kubernetes Secret): kept as hashes, once; a bad line is named.
@Suite struct TokenImportTests {
    @Test func aTokensFileIsKeptOnceAndItsBadLinesAreNamed() throws {
        let folder = try TemporaryFolder("tokens")
        defer { folder.remove() }
        let store = try Store(path: folder.file("store/ferry.sqlite"))
        let tokens = TokenAdministration(store: store)
        let made = try TokenAdministration(store: try Store(path: folder.file("other/ferry.sqlite"))).create(
            role: .predict, name: "", by: "t")
        let file = folder.file("tokens")
        try "# handed over by the platform team\n\npredict \(made.token) desk 7\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try tokens.importTokens(from: file, by: "test") == 1)
        #expect(try tokens.importTokens(from: file, by: "test") == 0, "the same file again adds nothing")
        let kept = try #require(try store.accessToken(matching: made.token))
        #expect(kept.role == .predict && kept.name == "desk 7" && kept.id == made.entry.id)
        #expect(try String(contentsOfFile: folder.file("store/ferry.sqlite"), encoding: .isoLatin1).contains(made.token) == false)

        try "read ferry_0000000a_\(String(repeating: "ab", count: 32))\nwrite \(made.token)\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let role = #expect(throws: FerryError.self) { try tokens.importTokens(from: file, by: "test") }
        #expect(role?.message == "\(file):2: a line is ROLE TOKEN [NAME] with ROLE read, predict or admin" && role?.field == "tokens-file")
        try "predict REPLACE-with-a-predict-token desk\n".write(toFile: file, atomically: true, encoding: .utf8)
        let placeholder = #expect(throws: FerryError.self) { try tokens.importTokens(from: file, by: "test") }
        #expect(placeholder?.message.hasPrefix("\(file):1: a token is ferry_<8 hex id>_<64 hex secret>") == true)
        let clash = "ferry_\(made.entry.id)_\(String(repeating: "cd", count: 32))"
        try "admin \(clash)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let conflict = #expect(throws: FerryError.self) { try tokens.importTokens(from: file, by: "test") }
        #expect(conflict?.code == .conflict)
        let missing = #expect(throws: FerryError.self) { try tokens.importTokens(from: folder.file("nope"), by: "test") }
        #expect(missing?.code == .notFound)
    }
}
