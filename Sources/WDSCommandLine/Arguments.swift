/// The words after a subcommand, split into positional arguments, options and flags.
///
/// `--name value` and `--name=value` are options, `--name` alone is a flag when the command
/// declares it so; `-` alone is a positional argument (standard input or output); `--` ends
/// options.
struct Arguments {
    private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []

    init(_ words: [String], options optionNames: Set<String>, flags flagNames: Set<String>) throws {
        var index = 0
        var onlyPositional = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositional || word == "-" || !word.hasPrefix("-") {
                positional.append(word)
                continue
            }
            if word == "--" { onlyPositional = true; continue }
            var name = word, value: String?
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
            }
            if flagNames.contains(name) {
                if value != nil { throw UsageError("\(name) takes no value") }
                flags.insert(name)
            } else if optionNames.contains(name) {
                if value == nil {
                    guard index < words.count else { throw UsageError("\(name) needs a value") }
                    value = words[index]
                    index += 1
                }
                options[name] = value
            } else {
                let known = (optionNames.union(flagNames)).sorted().joined(separator: ", ")
                throw UsageError("unknown option \(name)" + (known.isEmpty ? "" : " (valid: \(known))"))
            }
        }
    }

    func option(_ name: String) -> String? { options[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The `--format` option, `table` when absent.
    func format() throws -> OutputFormat {
        guard let text = options["--format"] else { return .table }
        guard let format = OutputFormat(rawValue: text) else {
            throw UsageError("--format \(text) is not a format (valid: table, csv, json)")
        }
        return format
    }

    /// Exactly `count` positional arguments, named for the error message.
    func expectPositional(_ names: String...) throws -> [String] {
        guard positional.count == names.count else {
            throw UsageError("expected \(names.joined(separator: " ")), got \(positional.count) argument(s)")
        }
        return positional
    }
}

/// The command line is wrong: exit 64 (EX_USAGE) with the command's usage.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The data is wrong or not found: exit 1.
struct DataProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
