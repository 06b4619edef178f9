import Glibc

/// SIGINT and SIGTERM as a request to stop, answered between units of work.
///
/// Guarantees: after `install()`, the first SIGINT or SIGTERM only sets `requested` (the
/// caller finishes what it is doing, keeps what is done and says the results are partial);
/// a second one ends the process at once, as without the handler. Nothing else happens in
/// the signal handler.
public enum Interruption {
  nonisolated(unsafe) private static var flag: sig_atomic_t = 0

  /// Whether SIGINT or SIGTERM arrived since `install()`.
  public static var requested: Bool { flag != 0 }

  public static func install() {
    let handler: @convention(c) (Int32) -> Void = { signal in
      Interruption.flag = 1
      Glibc.signal(signal, SIG_DFL)
    }
    signal(SIGINT, handler)
    signal(SIGTERM, handler)
    // A parent may have started us with these signals blocked (the mask survives exec):
    // unblock them on this thread, so they are delivered at all.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }
}
