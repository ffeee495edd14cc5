using System.Diagnostics;

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>Runs one of the test project's Node scripts, failing clearly when its npm packages are not installed.</summary>
internal static class NodeScript
{
    /// <summary>The result of a run.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>
    /// Runs <c>node script args</c> in <paramref name="folder"/> (a folder under tests/Bot.Tests with its own package.json).
    /// Node is taken from PATH, packages from the folder's node_modules.
    /// </summary>
    public static async Task<Result> RunAsync(string folder, string script, IEnumerable<string> arguments, string? standardInput, TimeSpan timeout)
    {
        var directory = Path.Combine(RepositoryPaths.BotTests, folder);
        Assert.True(
            Directory.Exists(Path.Combine(directory, "node_modules")),
            $"{directory}/node_modules is missing: run ./test.sh (or bash tests/install-test-deps.sh) to install the test's npm packages.");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Could not start 'node' from PATH ({e.Message}): install Node.js 20 or later.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
            }

            process.StandardInput.Close();

            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {script} did not finish within {timeout}. Output so far: {await stdout}{await stderr}");
            }

            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }
}
