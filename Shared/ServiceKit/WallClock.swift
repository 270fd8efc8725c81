public import Foundation

/// Where a service reads the time of day: `system` when it runs; tests pass one they move by hand,
/// so that nothing waits for real time to pass.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that reads `read`.
    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The machine's clock.
    public static let system = WallClock { Date() }

    /// The time now.
    public var now: Date { read() }
}
