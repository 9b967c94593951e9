import Foundation
import WDSCommandLine

ProcessMemory.configure()
exit(WDS.run(Array(CommandLine.arguments.dropFirst()), console: .standard()))
