using System.Diagnostics;
using System.Text.Json;

namespace Assistant.Rag.Tests.Graph;

/// <summary>
/// Runs queries on kuzu, the independent Cypher engine of tests/Rag.Tests/graph-oracle (installed by
/// tests/install-test-deps.sh), through its node script: one process per batch.
/// </summary>
internal static class GraphOracle
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Rag.Tests", "graph-oracle");
                if (File.Exists(Path.Combine(candidate, "oracle.js")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("tests/Rag.Tests/graph-oracle not found above the test output.");
        }
    }

    /// <summary>One result per query: its rows, or the error kuzu gave.</summary>
    public static List<(bool Ok, List<List<object?>> Rows, string? Error)> Run(string scriptFile, IReadOnlyList<GraphCase> cases)
    {
        var folder = Folder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "kuzu")))
        {
            throw new InvalidOperationException("kuzu is not installed: run `bash tests/install-test-deps.sh` (npm ci in tests/Rag.Tests/graph-oracle).");
        }

        var queries = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(queries, cases.Select(c => JsonSerializer.Serialize(c.Parameters is null
                ? new Dictionary<string, object?> { ["cypher"] = c.Cypher }
                : new Dictionary<string, object?> { ["cypher"] = c.Cypher, ["parameters"] = c.Parameters })));
            var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("oracle.js");
            start.ArgumentList.Add(Path.GetFullPath(scriptFile));
            start.ArgumentList.Add(queries);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var lines = new List<string>();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lines.Add(line);
            }

            process.WaitForExit();
            if (process.ExitCode != 0 || lines.Count != cases.Count)
            {
                throw new InvalidOperationException($"The oracle failed (exit {process.ExitCode}): {error.Result}");
            }

            return lines.Select(Parse).ToList();
        }
        finally
        {
            File.Delete(queries);
        }
    }

    private static (bool, List<List<object?>>, string?) Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (!root.GetProperty("ok").GetBoolean())
        {
            return (false, [], root.GetProperty("error").GetString());
        }

        var rows = root.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(Plain).ToList()).ToList();
        return (true, rows, null);
    }

    public static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        _ => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
    };
}
