import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the Swift runtime may print when the process traps. Its backtracer can dump registers
/// and, interactively, memory — and this process holds child-level records — so every command
/// runs with a backtrace that names functions and nothing else. The runtime reads the setting
/// once, at start, so a process without it starts itself again with it (the same arguments, the
/// same process id, through `execv`). `threads=crashed` (the runtime takes `all` or `crashed`)
/// shows the crashing thread only; a value it does not know is warned about on standard error
/// at every start, which would break `serve --log-format json`'s one JSON object a line.
enum CrashReports {
    static let environmentName = "SWIFT_BACKTRACE"
    static let settings = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,sanitize=yes,output-to=stderr"

    static func restartWithSanitisedSettingsIfNeeded() {
        guard ProcessInfo.processInfo.environment[environmentName] != settings else { return }
        setenv(environmentName, settings, 1)
        // Only returns if it failed (no /proc, say): carry on rather than refuse to run.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        FileHandle.standardError.write(Data("oversight: could not restart with sanitised crash reports (\(String(cString: strerror(errno)))); set \(environmentName)=\(settings) yourself.\n".utf8))
    }
}

/// `oversight crash-report-settings`: what a crash of this process would print, for operators
/// checking a deployment and for the test that holds the setting in place.
struct CrashReportSettings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-report-settings",
        abstract: "Print the crash-report (SWIFT_BACKTRACE) settings every oversight command runs with.",
        shouldDisplay: false
    )

    func run() {
        print(ProcessInfo.processInfo.environment[CrashReports.environmentName] ?? "")
    }
}
