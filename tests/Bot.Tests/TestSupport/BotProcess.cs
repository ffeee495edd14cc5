using System.Diagnostics;

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>Runs the built command line (<c>dotnet Assistant.Bot.dll …</c>) as a separate process, as a user would.</summary>
internal static class BotProcess
{
    /// <summary>The result of a run.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The Bot assembly as copied next to the test binaries (with its runtimeconfig, deps and appsettings.json).</summary>
    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "Assistant.Bot.dll");

    /// <summary>Runs <c>dotnet Assistant.Bot.dll arguments</c> in <paramref name="workingDirectory"/> with extra environment variables.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet Assistant.Bot.dll {string.Join(' ', start.ArgumentList.Skip(1))} did not finish within {timeout}. Output so far: {await stdout}{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
