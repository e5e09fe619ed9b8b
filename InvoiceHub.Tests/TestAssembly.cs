// Test classes run one after another. BootstrapBlazor's process-wide static, the first reason, went with
// BootstrapBlazor (issue 13), and each app keeps its own Hangfire storage and activator; but most of the suite's
// time is its browser classes, which share one Chromium and one collection anyway, and on a two-core machine a
// second app serving alongside them stretches their waits rather than the run. Measure before turning it on.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
