import ArgumentParser
import Foundation

/// `ferry stream`: score bars from Redis streams as they arrive (`consume`, the default), or
/// replay bar files into a stream (`publish`).
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Score bars from Redis streams as they arrive, with the batch's features to the bit.",
        discussion: """
            `ferry stream --model NAME --in bars` consumes (the default subcommand); `ferry \
            stream publish --data FILE --in bars` replays bar files into the stream. Bars are \
            sharded by instrument (--shards N: streams bars.0 … bars.N-1), each shard read by \
            one consumer of the group at a time. Delivery guarantees: docs/streaming.md.
            """,
        subcommands: [StreamConsumeCommand.self, StreamPublishCommand.self], defaultSubcommand: StreamConsumeCommand.self)
}

/// The options saying where the streams are, shared by both subcommands.
struct StreamLocationOptions: ParsableArguments {
    @Option(help: "The Redis server, redis://[:PASSWORD@]HOST[:PORT]. (default: $FERRY_REDIS, else redis://127.0.0.1:6379)")
    var redis: String?
    @Option(name: .customLong("in"), help: "The input stream (with --shards N, the prefix of streams NAME.0 … NAME.N-1).")
    var input: String
    @Option(help: "How many shards the bars are spread over by instrument (1 to 1024; every producer and consumer must agree).")
    var shards = 1

    /// The Redis URL: the flag, else FERRY_REDIS, else the local default.
    var redisURL: String {
        redis ?? ProcessInfo.processInfo.environment["FERRY_REDIS"].flatMap { $0.isEmpty ? nil : $0 } ?? "redis://127.0.0.1:6379"
    }
}
