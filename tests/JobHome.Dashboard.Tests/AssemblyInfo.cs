// One silo and one browser at a time: the timing checks (page load, live tile within 2 s) must not share the two
// cores with the other fixture's silo.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
