import ArgumentParser

/// `--json`: the command's answer as JSON (snake_case keys) on standard output, for scripts;
/// logs and warnings stay on standard error.
struct JSONOption: ParsableArguments {
    @Flag(help: "Print the answer as JSON (snake_case keys) instead of text.") var json = false
}
