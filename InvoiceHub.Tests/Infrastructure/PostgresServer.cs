using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run: the one named by <c>INVOICEHUB_TEST_POSTGRES</c>, or a
/// throwaway cluster started on first use (initdb into a temp folder, loopback only, trust auth, no fsync)
/// and deleted on dispose. Every test gets its own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private string? _adminConnectionString;
    private string? _clusterRoot;
    private string? _binDirectory;

    /// <summary>Nothing starts here: a run whose PostgreSQL tests are all skipped never needs the server.</summary>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Creates an empty database with a random name; dispose the result to drop it.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var admin = await EnsureStartedAsync();
        var name = "ih_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(name, builder.ConnectionString, admin);
    }

    private async Task<string> EnsureStartedAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            return _adminConnectionString ??= Requirements.ExternalPostgres ?? await StartClusterAsync();
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task<string> StartClusterAsync()
    {
        _binDirectory = Requirements.PostgresBinDirectory ?? throw new InvalidOperationException(Requirements.PostgresMissing);
        _clusterRoot = Path.Combine(Path.GetTempPath(), "invoicehub-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(_clusterRoot, "data");
        // Created by the user that runs the server, so that the folder is theirs (postgres when we are root).
        await ProcessRunner.RunAsPostgresAsync("mkdir", ["-p", data], CommandTimeout);
        await ProcessRunner.RunAsPostgresAsync(Pg("initdb"),
            ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
            CommandTimeout);

        var port = FreeLoopbackPort();
        // A throwaway cluster: durability settings off for speed; the socket lives in our folder, not /var/run.
        var options = $"-p {port} -k {_clusterRoot} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await ProcessRunner.RunAsPostgresAsync(Pg("pg_ctl"),
            ["-D", data, "-l", Path.Combine(_clusterRoot, "server.log"), "-o", options, "-w", "-t", "60", "start"],
            CommandTimeout);

        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
        await WaitUntilAcceptingAsync(connectionString);
        return connectionString;
    }

    /// <summary>pg_ctl -w already waits for the server; this proves a client can connect over TCP too.</summary>
    private async Task WaitUntilAcceptingAsync(string connectionString)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (NpgsqlException e)
            {
                var log = File.Exists(Path.Combine(_clusterRoot!, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(_clusterRoot!, "server.log")) : "";
                throw new InvalidOperationException($"PostgreSQL in {_clusterRoot} did not accept connections: {e.Message}{Environment.NewLine}{log}", e);
            }
        }
    }

    private string Pg(string tool) => Path.Combine(_binDirectory!, tool);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_clusterRoot is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ProcessRunner.RunAsPostgresAsync(Pg("pg_ctl"), ["-D", Path.Combine(_clusterRoot, "data"), "-m", "fast", "-w", "stop"], CommandTimeout);
        }
        finally
        {
            Directory.Delete(_clusterRoot, recursive: true);
        }
    }
}

/// <summary>A database that belongs to one test; dropped (connections closed by force) on dispose.</summary>
public sealed class TestDatabase(string name, string connectionString, string adminConnectionString) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        await using (var own = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
