import FerryCore
import Foundation

/// A user name and password (or token) for one registry, read as other OCI tools read them.
public struct RegistryCredentials: Sendable, Equatable {
    /// The user name.
    public let username: String
    /// The password or identity token; never logged or printed.
    let password: String

    /// Credentials from their two parts.
    public init(username: String, password: String) {
        (self.username, self.password) = (username, password)
    }

    /// The `Authorization: Basic` value.
    var basicHeader: String { "Basic " + Data("\(username):\(password)".utf8).base64EncodedString() }

    /// The credentials for `registry` (host[:port]) from the first auth file that has them:
    /// `REGISTRY_AUTH_FILE` (podman, skopeo, buildah), then `$DOCKER_CONFIG/config.json` or
    /// `~/.docker/config.json`. Entries are matched by host[:port], with or without `https://`.
    /// Credential helpers (`credsStore`) are not run: Ferry runs no program a file names.
    /// - Throws: ``FerryError`` `invalidData` naming the file when an entry cannot be decoded.
    public static func lookup(registry: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> RegistryCredentials?
    {
        let home = environment["HOME"] ?? NSHomeDirectory()
        var files: [String] = []
        if let authFile = environment["REGISTRY_AUTH_FILE"] { files.append(authFile) }
        files.append(((environment["DOCKER_CONFIG"] ?? "\(home)/.docker") as NSString).appendingPathComponent("config.json"))
        for file in files where FileManager.default.fileExists(atPath: file) {
            if let found = try credentials(in: file, registry: registry) { return found }
        }
        return nil
    }

    private struct AuthFile: Decodable {
        struct Entry: Decodable {
            let auth: String?
            let username: String?
            let password: String?
            let identitytoken: String?
        }
        let auths: [String: Entry]?
    }

    private static func credentials(in file: String, registry: String) throws -> RegistryCredentials? {
        let parsed: AuthFile
        do {
            parsed = try JSONDecoder().decode(AuthFile.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw FerryError(.invalidData, "\(file): not an auth file with an \"auths\" object")
        }
        let entries = parsed.auths ?? [:]
        let key = entries.keys.first { key in
            var host = Substring(key)
            for prefix in ["https://", "http://"] where host.hasPrefix(prefix) { host = host.dropFirst(prefix.count) }
            return host.split(separator: "/").first.map(String.init) == registry
        }
        guard let key, let entry = entries[key] else { return nil }
        if let auth = entry.auth, !auth.isEmpty {
            guard let decoded = Data(base64Encoded: auth).flatMap({ String(data: $0, encoding: .utf8) }),
                let colon = decoded.firstIndex(of: ":")
            else {
                throw FerryError(.invalidData, "\(file): auths.\(key).auth is not base64 of user:password")
            }
            return RegistryCredentials(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
        }
        if let username = entry.username, let password = entry.password ?? entry.identitytoken {
            return RegistryCredentials(username: username, password: password)
        }
        return nil
    }
}
