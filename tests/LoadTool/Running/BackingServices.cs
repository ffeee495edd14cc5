using System.Diagnostics;
using System.Globalization;

namespace Assistant.LoadTool.Running;

/// <summary>
/// A real Redis and a real PostgreSQL on free loopback ports in a throw-away folder, started the way
/// tests/test-services.sh does (redis-server; initdb and pg_ctl, as the postgres user when run as root), and killed and
/// restarted on demand by the fault scenario.
/// </summary>
internal sealed class BackingServices : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _pgBin;
    private readonly int _redisPort;
    private readonly int _pgPort;
    private Process? _redis;

    private BackingServices(string folder, string pgBin, int redisPort, int pgPort)
    {
        _folder = folder;
        _pgBin = pgBin;
        _redisPort = redisPort;
        _pgPort = pgPort;
    }

    /// <summary>The bot's settings for these servers.</summary>
    public Dictionary<string, string> BotSettings() => new(StringComparer.Ordinal)
    {
        ["Redis__Configuration"] = $"127.0.0.1:{_redisPort},abortConnect=false",
        ["ConnectionStrings__Feedback"] = $"Host=127.0.0.1;Port={_pgPort};Username=assistant;Database=postgres;Timeout=3;Command Timeout=5",
    };

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<BackingServices> StartAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The fault and shutdown scenarios start redis-server and PostgreSQL as Linux processes.");
        }

        var pgBin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists)
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
            : null;
        if (pgBin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (tests/install-test-deps.sh installs redis-server and postgresql).");
        }

        var folder = Directory.CreateTempSubdirectory("loadtool-services-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0x1ED); // 755, so the postgres user can reach its data folder
        var services = new BackingServices(folder, pgBin, FreePort.Next(), FreePort.Next());
        await services.StartRedisAsync().ConfigureAwait(false);

        var data = Path.Combine(folder, "pg");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)0x1C0); // 700, as initdb requires
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", data).ConfigureAwait(false);
        }

        await services.PgAsync("initdb", "-D", data, "-A", "trust", "-U", "assistant", "--no-sync", "-E", "UTF8").ConfigureAwait(false);
        await services.StartPostgresAsync().ConfigureAwait(false);
        Progress.Say($"redis on 127.0.0.1:{services._redisPort}, postgresql on 127.0.0.1:{services._pgPort}");
        return services;
    }

    /// <summary>Kills Redis at once (SIGKILL), as a crash would.</summary>
    public async Task KillRedisAsync()
    {
        if (_redis is { HasExited: false } redis)
        {
            redis.Kill();
            await redis.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async Task StartRedisAsync()
    {
        _redis?.Dispose();
        _redis = Process.Start(new ProcessStartInfo("redis-server",
        [
            "--bind", "127.0.0.1", "--port", _redisPort.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no",
            "--dir", _folder, "--logfile", Path.Combine(_folder, "redis.log"),
        ])
        { UseShellExecute = false })!;
        await WaitForPortAsync(_redisPort).ConfigureAwait(false);
    }

    /// <summary>Stops PostgreSQL at once (immediate mode: no checkpoint, connections cut), as a crash would.</summary>
    public Task KillPostgresAsync() =>
        PgAsync("pg_ctl", "-D", Path.Combine(_folder, "pg"), "-m", "immediate", "-w", "stop");

    public Task StartPostgresAsync() =>
        PgAsync("pg_ctl", "-D", Path.Combine(_folder, "pg"), "-l", Path.Combine(_folder, "pg", "server.log"), "-w",
            "-o", $"-p {_pgPort} -c listen_addresses=127.0.0.1 -k {Path.Combine(_folder, "pg")} -c fsync=off", "start");

    public async ValueTask DisposeAsync()
    {
        await KillRedisAsync().ConfigureAwait(false);
        _redis?.Dispose();
        try
        {
            await KillPostgresAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task PgAsync(string tool, params string[] args)
    {
        var path = Path.Combine(_pgBin, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port).ConfigureAwait(false);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"Nothing listens on 127.0.0.1:{port}.");
    }
}
