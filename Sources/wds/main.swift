import Foundation
import WDSCommandLine

exit(WDS.run(Array(CommandLine.arguments.dropFirst()), console: .standard()))
