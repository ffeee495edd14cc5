using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.Teams;

/// <summary>
/// Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground, installed in tests/Bot.Tests/browser) as a
/// separate process, pointed at a bot's /api/messages with the msteams channel and telemetry off.
/// </summary>
public sealed partial class AgentsPlaygroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AgentsPlaygroundProcess(Process process) => _process = process;

    /// <summary>The Playground's page, e.g. http://127.0.0.1:56150/.</summary>
    public string PageUrl { get; private set; } = string.Empty;

    /// <summary>What the Playground printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>agentsplayground start -e <paramref name="botEndpoint"/> -c msteams --conversation-id
    /// <paramref name="conversationId"/></c> (the personal chat's id) and waits until it listens.
    /// </summary>
    public static async Task<AgentsPlaygroundProcess> StartAsync(string botEndpoint, string conversationId, TimeSpan timeout)
    {
        var folder = Path.Combine(RepositoryPaths.BotTests, "browser");
        var cli = Path.Combine(folder, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run ./test.sh (or bash tests/install-test-deps.sh) to install the test's npm packages.");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "start", "-e", botEndpoint, "-c", "msteams", "--conversation-id", conversationId, "-p", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--disable-telemetry" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var playground = new AgentsPlaygroundProcess(process);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (playground._output)
            {
                playground._output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The Agents Playground exited: {playground.Output}"));

        try
        {
            // It prints "Listening on <port>" (the one asked for, or a random one when that was taken).
            var port = await listening.Task.WaitAsync(timeout);
            playground.PageUrl = $"http://127.0.0.1:{port}/";
            return playground;
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();
}
