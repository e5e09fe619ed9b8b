using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>
/// Hangfire's log provider is one for the whole process, while a process may host several apps one after another (the
/// tests do): a logger asked for after the app that configured it has stopped is silent instead of throwing.
/// </summary>
internal sealed class HangfireLogs(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
