import BCVBenchKit
import Foundation

exit(BenchMain.main(Array(CommandLine.arguments.dropFirst())))
