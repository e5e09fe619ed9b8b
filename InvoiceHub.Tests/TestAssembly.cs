// Test classes run one after another. BootstrapBlazor's process-wide static, the first reason, went with
// BootstrapBlazor (issue 13), and each app keeps its own Hangfire storage and activator, so running classes side by
// side would be correct; it would not be faster. Measured on the CI run of 2026-12-04 (20.5 min of test time): the
// browser classes took 14.0 min and share one Chromium in one collection, PostgreSQL and the two nodes 3.3 min in
// theirs, and everything else 3.2 min, half of it load, fault and timeout tests that must not share two cores with a
// browser. At most about 1.5 minutes could overlap, at the price of stretching the browser tests' waits.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
