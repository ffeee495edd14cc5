using System.Diagnostics;
using System.Globalization;

namespace Assistant.LoadTool.Running;

/// <summary>
/// The bot under test: the Release build run as a child process (<c>dotnet Assistant.Bot.dll serve</c>) on a free
/// loopback port, in a throw-away working folder holding a copy of a prepared index, configured only by environment
/// variables. Its output goes to bot.log in that folder.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly StreamWriter _log;

    private BotProcess(Process process, StreamWriter log, string baseUrl, string workFolder)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        WorkFolder = workFolder;
    }

    /// <summary>e.g. http://127.0.0.1:40123</summary>
    public string BaseUrl { get; }

    public string WorkFolder { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Prepares a working folder (index copied from <paramref name="indexCache"/>, which is built once by a first
    /// start when it does not exist yet), starts the bot there and waits for /readyz 200.
    /// </summary>
    public static async Task<BotProcess> StartAsync(string indexCache, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(Repository.BotDll))
        {
            throw new InvalidOperationException($"{Repository.BotDll} is missing: run `dotnet build Bot -c Release` first.");
        }

        if (!Directory.Exists(indexCache) || !Directory.EnumerateFileSystemEntries(indexCache).Any())
        {
            await PrepareIndexAsync(indexCache, cancellationToken).ConfigureAwait(false);
        }

        var work = Directory.CreateTempSubdirectory("loadtool-bot-").FullName;
        CopyIndex(indexCache, Path.Combine(work, "index"));
        return await StartInAsync(work, settings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the bot again in the folder of an earlier run (its index, feedback and logs kept).</summary>
    public static Task<BotProcess> RestartInAsync(string workFolder, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        StartInAsync(workFolder, settings, cancellationToken);

    /// <summary>The bot's resident set (VmRSS) in KiB.</summary>
    public long ResidentKiB()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("No VmRSS in /proc/<pid>/status.");
    }

    /// <summary>Sends SIGTERM, as an orchestrator stopping the pod would.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to end; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the bot if it still runs; the working folder stays for the next start or is removed by <see cref="DeleteWorkFolder"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        await _log.DisposeAsync().ConfigureAwait(false);
    }

    public void DeleteWorkFolder()
    {
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<BotProcess> StartInAsync(string work, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [Repository.BotDll, "serve"])
        {
            WorkingDirectory = work,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Rag__IndexPath"] = Path.Combine(work, "index");
        start.Environment["Rag__SamplesPath"] = Repository.Samples;
        start.Environment["Logging__Console__FormatterName"] = "simple";

        // The tool drives the playground beside Slack and Teams, where it is off unless enabled; and it measures
        // throughput, not the fair-use allowances, except in the fairness scenario, which sets its own.
        start.Environment["Playground__Enabled"] = "true";
        start.Environment["FairUse__PerUserPerMinute"] = "100000";
        start.Environment["FairUse__PerConversationPerMinute"] = "1000000";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(work, "bot.log"), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, log, baseUrl, work);
        Progress.Say($"bot pid {process.Id} on {baseUrl}, folder {work}; waiting for /readyz");
        await bot.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
        return bot;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with code {_process.ExitCode} before it was ready; see {Path.Combine(WorkFolder, "bot.log")}.");
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"The bot was not ready after {ReadyTimeout.TotalMinutes} minutes; see {Path.Combine(WorkFolder, "bot.log")}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/readyz"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Progress.Say($"bot ready after {clock.Elapsed.TotalSeconds:F1} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>First use: a bot start indexes samples/kb (about a minute), stops cleanly, and its index is kept for reuse.</summary>
    private static async Task PrepareIndexAsync(string indexCache, CancellationToken cancellationToken)
    {
        Progress.Say($"no prepared index in {indexCache}: indexing samples/kb once (about a minute)");
        var work = Directory.CreateTempSubdirectory("loadtool-seed-").FullName;
        var bot = await StartInAsync(work, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
        await using (bot.ConfigureAwait(false))
        {
            bot.Terminate();
            if (!await bot.WaitForExitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false))
            {
                throw new TimeoutException("The seeding bot did not stop within 60 s of SIGTERM.");
            }
        }

        CopyIndex(Path.Combine(work, "index"), indexCache);
        bot.DeleteWorkFolder();
    }

    // Feedback stores are left behind so every run starts with no answers and no votes.
    private static void CopyIndex(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (Path.GetFileName(file).StartsWith("feedback", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
