import Foundation
import PromLambdaCore

let cli = CLI(environment: .process, standardOutput: StandardOutputSink(), standardError: StandardErrorSink())
let status = await cli.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
