namespace InvoiceHub.Tests.Infrastructure;

/// <summary>The folder holding InvoiceHub.sln, found from the test binaries wherever the clone lives.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "InvoiceHub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No InvoiceHub.sln above {AppContext.BaseDirectory}.");
    });

    public static string Path => Root.Value;
}
