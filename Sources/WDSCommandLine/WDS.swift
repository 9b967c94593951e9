import Foundation
import WorkforceStandards

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

    /// Runs `wds` with `arguments` (without the program name). A failed write to standard
    /// output or error (closed, a broken pipe) makes the exit status 1 at least.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        let status = runCommand(arguments, console: console)
        return console.failed && status == 0 ? 1 : status
    }

    private static func runCommand(_ arguments: [String], console: Console) -> Int32 {
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
