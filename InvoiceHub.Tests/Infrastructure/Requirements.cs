namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// What the integration and browser tests need from the machine, and what to do when it is missing.
/// A developer without Chromium or PostgreSQL sees those tests skipped with the fix; CI sets
/// <c>INVOICEHUB_REQUIRE_ALL=1</c> so that a missing piece fails the run instead of hiding tests.
/// </summary>
public static class Requirements
{
    public const string RequireAllVariable = "INVOICEHUB_REQUIRE_ALL";
    public const string PostgresVariable = "INVOICEHUB_TEST_POSTGRES";
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string PostgresRoot = "/usr/lib/postgresql";

    public static bool RequireAll => Environment.GetEnvironmentVariable(RequireAllVariable) == "1";

    public static string? ExternalPostgres =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool ChromiumAvailable => File.Exists(ChromiumPath);

    public static string ChromiumMissing =>
        $"Chromium is not installed at {ChromiumPath}. Install Debian's build with `apt-get install -y chromium` " +
        "(Playwright drives it directly; never run `playwright install`).";

    /// <summary>The bin folder of the newest local PostgreSQL (Debian layout), or null.</summary>
    public static string? PostgresBinDirectory =>
        Directory.Exists(PostgresRoot)
            ? Directory.GetDirectories(PostgresRoot)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;

    public static bool PostgresAvailable => ExternalPostgres is not null || PostgresBinDirectory is not null;

    public static string PostgresMissing =>
        $"PostgreSQL is not installed under {PostgresRoot}/<version>/bin. Install it with `apt-get install -y postgresql-15`, " +
        $"or set {PostgresVariable} to the connection string of a server where the user may CREATE DATABASE.";

    /// <summary>The skip text for a test that needs the given pieces, or null when it can run (or must fail loudly).</summary>
    public static string? SkipReason(bool needsChromium, bool needsPostgres)
    {
        if (RequireAll)
        {
            return null;
        }
        var missing = new List<string>();
        if (needsChromium && !ChromiumAvailable)
        {
            missing.Add(ChromiumMissing);
        }
        if (needsPostgres && !PostgresAvailable)
        {
            missing.Add(PostgresMissing);
        }
        return missing.Count == 0 ? null : string.Join(" ", missing) + $" (Set {RequireAllVariable}=1 to fail instead of skipping.)";
    }
}

/// <summary>A test that drives real Chromium: skipped with instructions when Chromium is missing, unless INVOICEHUB_REQUIRE_ALL=1.</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        if (Requirements.SkipReason(needsChromium: true, needsPostgres: false) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A test that needs a PostgreSQL server: skipped with instructions when none is available, unless INVOICEHUB_REQUIRE_ALL=1.</summary>
public sealed class RequiresPostgresFactAttribute : FactAttribute
{
    public RequiresPostgresFactAttribute()
    {
        if (Requirements.SkipReason(needsChromium: false, needsPostgres: true) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A browser theory (one case per page or role): skipped like <see cref="RequiresChromiumFactAttribute"/>.</summary>
public sealed class RequiresChromiumTheoryAttribute : TheoryAttribute
{
    public RequiresChromiumTheoryAttribute()
    {
        if (Requirements.SkipReason(needsChromium: true, needsPostgres: false) is { } reason)
        {
            Skip = reason;
        }
    }
}
