import Foundation
import WorkforceStandards

/// Where a command writes: standard output and standard error, or strings in tests.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether standard error is a terminal (progress lines are shown only then).
    public let stderrIsTerminal: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, stderrIsTerminal: Bool = false) {
        writeOut = out
        writeErr = err
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The process's own standard output and error.
    public static func standard() -> Console {
        Console(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                err: { FileHandle.standardError.write(Data($0.utf8)) },
                stderrIsTerminal: isatty(2) == 1)
    }

    public func out(_ text: String) { writeOut(text) }
    public func err(_ text: String) { writeErr(text) }
}

/// What every subcommand provides.
protocol Command: Sendable {
    static var name: String { get }
    /// One line for `wds help`.
    static var summary: String { get }
    /// Full help: usage line, then details.
    static var help: String { get }
    static var options: Set<String> { get }
    static var flags: Set<String> { get }
    /// Runs the command; returns the exit status.
    static func run(_ arguments: Arguments, console: Console) throws -> Int32
}

extension Command {
    static var options: Set<String> { ["--format"] }
    static var flags: Set<String> { [] }
}

/// The `wds` command-line tool. Exit status: 0 ok, 1 a data problem, 64 a usage error.
public enum WDS {
    static let commands: [any Command.Type] = [
        ItemCommand.self, ItemsCommand.self, CodesCommand.self, SetsCommand.self, SOCCommand.self,
        TranslateCommand.self, SearchCommand.self, RoleCommand.self, RolesCommand.self, CodeTitleCommand.self,
        SynthCommand.self, ValidateCommand.self, ProjectCommand.self, CheckRegistryCommand.self, GenerateCommand.self, DocsCommand.self, ExportCommand.self,
    ]

    /// The subcommand names, in help order.
    public static var commandNames: [String] {
        var names: [String] = []
        for command in commands { names.append(command.name) }
        return names
    }

    /// Runs `wds` with `arguments` (without the program name).
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        guard let name = arguments.first, !["help", "--help", "-h"].contains(name) || arguments.count > 1 else {
            console.out(overview)
            return 0
        }
        if name == "help" || name == "--help" || name == "-h" {
            guard let command = commands.first(where: { $0.name == arguments[1] }) else {
                console.err("wds: no command \"\(arguments[1])\"\n\n" + overview)
                return 64
            }
            console.out(command.help + "\n")
            return 0
        }
        if name == "--version" {
            console.out("wds, standard data \(Registry.embedded.standard.version)\n")
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            console.err("wds: no command \"\(name)\"\n\n" + overview)
            return 64
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.out(command.help + "\n")
            return 0
        }
        do {
            let parsed = try Arguments(rest, options: command.options, flags: command.flags)
            return try command.run(parsed, console: console)
        } catch let error as UsageError {
            console.err("wds \(name): \(error.message)\n\n\(command.help)\n")
            return 64
        } catch let error as DataProblem {
            console.err("wds \(name): \(error.message)\n")
            return 1
        } catch {
            console.err("wds \(name): \(error)\n")
            return 1
        }
    }

    static var overview: String {
        let width = commands.map { $0.name.count }.max() ?? 0
        let lines = commands.map { "  \($0.name)" + String(repeating: " ", count: width - $0.name.count + 2) + $0.summary }
        return """
        wds: the harmonised workforce data standards for English local government

        Usage: wds <command> [options]    (wds help <command> for a command's options)

        Commands:
        \(lines.joined(separator: "\n"))

        Every listing takes --format table|csv|json. Exit status: 0 ok, 1 data problem, 64 usage error.

        """
    }
}
