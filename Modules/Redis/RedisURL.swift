/// `redis://[:PASSWORD@]HOST[:PORT]`, read without Foundation's URL (which would also accept
/// what Redis clients do not).
struct RedisURL: Equatable {
    let host: String
    let port: Int
    let password: String?

    init(_ text: String) throws {
        let invalid = RedisError(.invalidURL, "not a Redis URL (redis://[:PASSWORD@]HOST[:PORT]): \(Self.redacted(text))")
        guard text.hasPrefix("redis://") else { throw invalid }
        var rest = Substring(text.dropFirst("redis://".count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            password = String(credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).last ?? "")
            rest = rest[rest.index(after: at)...]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, !parts[0].contains("/") else { throw invalid }
        let port = parts.count == 2 ? Int(parts[1]) : 6379
        guard let port, (1...65_535).contains(port) else { throw invalid }
        (host, self.port, self.password) = (String(parts[0]), port, password.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `text` with any password replaced by `***`, for messages.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.firstRange(of: "://") else { return text }
        return String(text[..<scheme.upperBound]) + "***" + String(text[at...])
    }
}
