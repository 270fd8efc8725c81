import Foundation

/// How much the running time of `work` grows when its input grows `factor` times: the best of `runs`
/// timings at size `n × factor` over the best at size `n`. Linear work gives about `factor`, quadratic
/// about `factor²`. Taking the best of several interleaved runs keeps a busy machine from inflating
/// either side; compare the result against a wide bound (12 for a factor of 8), never against 8 itself.
/// A result over the bound is measured again, up to three times in all, and the lowest kept: a burst
/// of load elsewhere does not recur three times running, while quadratic work (64×) fails every time.
public func costGrowth(n: Int, factor: Int = 8, runs: Int = 7, _ work: (_ size: Int) throws -> Void) rethrows -> Double {
    var lowest = Double.infinity
    for _ in 0..<3 {
        lowest = min(lowest, try measuredGrowth(n: n, factor: factor, runs: runs, work))
        if lowest < linearGrowthBound { break }
    }
    return lowest
}

private func measuredGrowth(n: Int, factor: Int, runs: Int, _ work: (_ size: Int) throws -> Void) rethrows -> Double {
    func time(_ size: Int) throws -> Duration {
        let start = ContinuousClock.now
        try work(size)
        return ContinuousClock.now - start
    }
    _ = try time(n)  // warm caches and lazy statics before timing
    // Interleaved, so that a stretch of load from elsewhere slows both sizes rather than one.
    var small = Duration.seconds(3600)
    var large = Duration.seconds(3600)
    for _ in 0..<runs {
        small = min(small, try time(n))
        large = min(large, try time(n * factor))
    }
    let seconds: (Duration) -> Double = { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
    let growth = seconds(large) / max(seconds(small), 1e-6)
    if ProcessInfo.processInfo.environment["PATHWISE_PRINT_GROWTH"] != nil {
        print("growth \(growth) (\(seconds(small)) s at n = \(n))")
    }
    return growth
}

/// The bound a linear text path must stay under when its input grows eight times.
public let linearGrowthBound = 12.0
