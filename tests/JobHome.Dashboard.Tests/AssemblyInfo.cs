// One silo and one browser at a time: two silos and two Chromiums at once on a CI machine's few cores make every wait
// longer for nothing (no test asserts a speed; benchmarks/JobHome.Benchmarks/Dashboard measures it).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
