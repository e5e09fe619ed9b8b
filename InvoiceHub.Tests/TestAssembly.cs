// Test classes run one after another. Each integration test hosts a whole InvoiceHub in this process, and
// BootstrapBlazor keeps the service provider of the app that rendered last in a process-wide static; two
// apps alive at once would hand each other disposed providers. Production runs one app per process.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
