import FerryCore
import FerryOCI
import Testing

@Suite struct ImageReferenceTests {
    @Test func readsHostPortRepositoryTagAndDigest() throws {
        let tagged = try ImageReference("127.0.0.1:5000/models/spx-lasso:1.0.0")
        #expect(tagged.registry == "127.0.0.1:5000" && tagged.repository == "models/spx-lasso" && tagged.tag == "1.0.0")
        #expect(tagged.digest == nil && tagged.manifestReference == "1.0.0" && tagged.isLoopback)
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let pinned = try ImageReference("oci://registry.example.com/team/spx@\(digest)")
        #expect(pinned.registry == "registry.example.com" && pinned.digest == digest && pinned.manifestReference == digest)
        #expect(!pinned.isLoopback, "plain HTTP is only for loopback")
        #expect(try ImageReference("localhost:5000/spx").manifestReference == "latest")
        #expect(tagged.pinned(to: digest).description == "127.0.0.1:5000/models/spx-lasso@\(digest)")
    }

    @Test(arguments: [
        ("spx:1.0.0", "names no registry host"),
        ("127.0.0.1:5000/Models/spx:1", "must be lowercase"),
        ("127.0.0.1:5000/models//spx:1", "must be lowercase"),
        ("127.0.0.1:5000/models/spx:bad tag", "the tag may hold"),
        ("127.0.0.1:5000/models/spx@sha256:1234", "64 lowercase hex"),
        ("127.0.0.1:5000/models/spx@md5:" + String(repeating: "a", count: 64), "sha256:"),
    ])
    func refusesWhatIsNotAReference(text: String, words: String) {
        let error = #expect(throws: FerryError.self) { try ImageReference(text) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
    }
}
