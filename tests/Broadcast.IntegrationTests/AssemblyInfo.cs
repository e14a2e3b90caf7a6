// Every scenario runs a real controller and hundreds of simulated clusters in real time on a 2-core machine:
// two scenarios at once would starve each other's pacers and playout loops and fail the timing assertions.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
