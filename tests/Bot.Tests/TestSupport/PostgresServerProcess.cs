using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>
/// A PostgreSQL server of the test's own (Debian's binaries, as tests/test-services.sh uses them), on a free loopback
/// port in a throw-away folder, that the test can kill and start again to show what an outage of the feedback store
/// does. As root, it runs as the postgres user the Debian package creates (PostgreSQL refuses to run as root).
/// </summary>
internal sealed class PostgresServerProcess : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "assistant-pg-" + Guid.NewGuid().ToString("N"));
    private readonly string _bin;
    private readonly bool _asRoot = Environment.UserName == "root";
    private bool _initialised;
    private bool _running;

    public PostgresServerProcess()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault() ?? string.Empty
            : string.Empty;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>Short timeouts, so an outage shows within seconds rather than Npgsql's default 15.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=assistant;Database=postgres;Timeout=3;Command Timeout=5;Pooling=true";

    /// <summary>Starts the server; does nothing while it runs.</summary>
    public async Task StartAsync()
    {
        if (_running)
        {
            return;
        }

        if (!File.Exists(Path.Combine(_bin, "initdb")))
        {
            throw new InvalidOperationException("PostgreSQL's binaries are not under /usr/lib/postgresql: install the postgresql package (tests/install-test-deps.sh does).");
        }

        if (!_initialised)
        {
            Directory.CreateDirectory(_folder);
            if (_asRoot)
            {
                await RunAsync("chown", "postgres", _folder);
            }

            await RunAsPostgresAsync("initdb", "-D", Data, "-A", "trust", "-U", "assistant", "--no-sync", "-E", "UTF8");
            _initialised = true;
        }

        await RunAsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-o",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off", "start");
        _running = true;
    }

    /// <summary>Kills the server at once, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        await RunAsPostgresAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        _running = false;
    }

    public void Dispose()
    {
        try
        {
            StopAsync().GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    private string Data => Path.Combine(_folder, "data");

    private Task RunAsPostgresAsync(string tool, params string[] arguments) => _asRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
