import FerryCore

/// Where a bundle lives in an OCI registry: `host[:port]/repository[:tag][@sha256:<hex>]`, with
/// an optional `oci://` prefix. A reference without a tag or digest means the tag `latest`.
///
/// ```swift
/// let reference = try ImageReference("127.0.0.1:5000/models/spx-lasso:1.0.0")
/// reference.registry   // "127.0.0.1:5000"
/// reference.repository // "models/spx-lasso"
/// reference.tag        // "1.0.0"
/// ```
public struct ImageReference: Sendable, Equatable, CustomStringConvertible {
    /// The registry's host and optional port.
    public let registry: String
    /// The repository inside it (lowercase path components).
    public let repository: String
    /// The tag, when the reference names one.
    public let tag: String?
    /// The manifest digest (`sha256:<64 hex>`), when the reference pins one.
    public let digest: String?

    /// Parses `text`.
    /// - Throws: ``FerryError`` `invalidArgument` naming the part that is not valid.
    public init(_ text: String) throws {
        var rest = Substring(text)
        if rest.hasPrefix("oci://") { rest = rest.dropFirst("oci://".count) }
        func refuse(_ why: String) -> FerryError {
            FerryError(.invalidArgument, "'\(text)' is not an OCI reference (host[:port]/repository:tag or @sha256:...): \(why)")
        }
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
            guard let digest, Self.isDigest(digest) else { throw refuse("the digest must be sha256: and 64 lowercase hex digits") }
        }
        guard let slash = rest.firstIndex(of: "/") else { throw refuse("it names no registry host") }
        let registry = String(rest[..<slash])
        var path = rest[rest.index(after: slash)...]
        var tag: String?
        if let colon = path.lastIndex(of: ":") {
            tag = String(path[path.index(after: colon)...])
            path = path[..<colon]
            guard let tag, Self.isTag(tag) else { throw refuse("the tag may hold letters, digits, '_', '.' and '-' (up to 128)") }
        }
        guard !registry.isEmpty, registry.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) }) else {
            throw refuse("the registry host '\(registry)' is not a host[:port]")
        }
        guard Self.isRepository(String(path)) else {
            throw refuse("the repository '\(path)' must be lowercase path components of letters, digits and separators")
        }
        (self.registry, self.repository, self.tag, self.digest) = (registry, String(path), tag, digest)
    }

    /// The same repository, at `digest`.
    public func pinned(to digest: String) -> ImageReference {
        ImageReference(registry: registry, repository: repository, tag: nil, digest: digest)
    }

    /// What a manifest request asks for: the digest when pinned, else the tag (`latest` when none).
    public var manifestReference: String { digest ?? tag ?? "latest" }

    /// The host without a port, for deciding whether plain HTTP is allowed.
    public var host: String {
        if registry.hasPrefix("["), let end = registry.firstIndex(of: "]") {
            return String(registry[registry.index(after: registry.startIndex)..<end])
        }
        return String(registry.split(separator: ":", maxSplits: 1).first ?? "")
    }

    /// Whether the registry is on this machine (plain HTTP is allowed there without `--insecure`).
    public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }

    public var description: String {
        "\(registry)/\(repository)" + (tag.map { ":\($0)" } ?? "") + (digest.map { "@\($0)" } ?? "")
    }

    private init(registry: String, repository: String, tag: String?, digest: String?) {
        (self.registry, self.repository, self.tag, self.digest) = (registry, repository, tag, digest)
    }

    /// Whether `text` is a `sha256:` digest of 64 lowercase hex digits.
    public static func isDigest(_ text: String) -> Bool {
        let hex = text.dropFirst("sha256:".count)
        return text.hasPrefix("sha256:") && hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private static func isTag(_ text: String) -> Bool {
        guard let first = text.first, text.count <= 128, first.isASCII, first.isLetter || first.isNumber || first == "_" else {
            return false
        }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    /// The distribution specification's repository name: components of `[a-z0-9]+` joined by
    /// `.`, `_`, `__` or runs of `-`, separated by `/`.
    private static func isRepository(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 255 else { return false }
        return text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { component in
            guard let first = component.first, let last = component.last else { return false }
            let alphanumeric: (Character) -> Bool = { $0.isASCII && ($0.isLowercase || $0.isNumber) }
            return alphanumeric(first) && alphanumeric(last) && component.allSatisfy { alphanumeric($0) || "._-".contains($0) }
                && !component.contains("..") && !component.contains("___")
        }
    }
}
