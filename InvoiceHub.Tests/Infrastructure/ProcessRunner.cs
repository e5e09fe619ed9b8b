using System.Diagnostics;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>Runs a command to completion and fails with its output, so a broken fixture explains itself.</summary>
internal static class ProcessRunner
{
    /// <summary>Environment.UserName is the effective user on Unix (geteuid), which is what initdb checks.</summary>
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>Runs as the <c>postgres</c> user when we are root (initdb and postgres refuse root), as ourselves otherwise.</summary>
    public static Task<string> RunAsPostgresAsync(string file, IEnumerable<string> arguments, TimeSpan timeout) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", file, .. arguments], timeout)
            : RunAsync(file, arguments, timeout);

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(start)} did not finish within {timeout.TotalSeconds:0}s.");
        }
        var output = (await stdout) + (await stderr);
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{Describe(start)} exited with {process.ExitCode}:{Environment.NewLine}{output}");
    }

    private static string Describe(ProcessStartInfo start) => $"`{start.FileName} {string.Join(' ', start.ArgumentList)}`";
}
