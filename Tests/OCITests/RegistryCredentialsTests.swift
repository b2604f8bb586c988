import FerryCore
import FerryOCI
import Foundation
import Testing

@Suite struct RegistryCredentialsTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-auth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.docker", withIntermediateDirectories: true)
        return path
    }

    @Test func readsDockerConfigAndRegistryAuthFileLikeOtherOCITools() throws {
        let home = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let auth = Data("analyst:pa:ss".utf8).base64EncodedString()
        try Data(#"{"auths": {"https://registry.example.com": {"auth": "\#(auth)"}}}"#.utf8).write(
            to: URL(fileURLWithPath: home + "/.docker/config.json"))
        let found = try RegistryCredentials.lookup(registry: "registry.example.com", environment: ["HOME": home])
        #expect(found == RegistryCredentials(username: "analyst", password: "pa:ss"), "the password may hold ':'")
        #expect(try RegistryCredentials.lookup(registry: "other.example.com", environment: ["HOME": home]) == nil)
        try Data(#"{"auths": {"registry.example.com": {"username": "ci", "password": "token"}}}"#.utf8).write(
            to: URL(fileURLWithPath: home + "/auth.json"))
        let first = try RegistryCredentials.lookup(
            registry: "registry.example.com", environment: ["HOME": home, "REGISTRY_AUTH_FILE": home + "/auth.json"])
        #expect(first?.username == "ci", "REGISTRY_AUTH_FILE comes first")
    }

    @Test func aBrokenAuthFileIsNamed() throws {
        let home = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try Data(#"{"auths": {"r.example.com": {"auth": "not base64!"}}}"#.utf8).write(
            to: URL(fileURLWithPath: home + "/.docker/config.json"))
        let error = #expect(throws: FerryError.self) {
            try RegistryCredentials.lookup(registry: "r.example.com", environment: ["HOME": home])
        }
        #expect(error?.message.contains("config.json: auths.r.example.com.auth is not base64 of user:password") == true)
    }
}
