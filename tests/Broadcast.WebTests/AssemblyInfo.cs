// One controller, one simulator and one Chromium at a time: the reference machine has 2 cores, and the simulator's
// real-time playout must not compete with a second browser.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
