// One test class at a time: the accuracy figure and the restart tests measure real time, and the reference machine
// has two cores shared with other work.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
