using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.LoadTool.Running;

/// <summary>What a scenario run prints: the load average at start and end, its tables and notes.</summary>
internal sealed class Report(string scenario)
{
    private readonly List<ReportTable> _tables = [];
    private readonly List<string> _notes = [];
    private readonly string _loadAtStart = LoadAverage.Read();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public ReportTable Table(string title, params string[] columns)
    {
        var table = new ReportTable(title, columns);
        _tables.Add(table);
        return table;
    }

    public void Note(string note) => _notes.Add(note);

    /// <summary>Writes the report to standard output as plain text, or as one JSON document.</summary>
    public void Print(bool json)
    {
        var loadAtEnd = LoadAverage.Read();
        if (json)
        {
            var document = new JsonObject
            {
                ["scenario"] = scenario,
                ["started"] = _started.ToString("O"),
                ["seconds"] = Math.Round((DateTimeOffset.UtcNow - _started).TotalSeconds, 1),
                ["loadAverageStart"] = _loadAtStart,
                ["loadAverageEnd"] = loadAtEnd,
                ["processors"] = Environment.ProcessorCount,
                ["tables"] = new JsonArray([.. _tables.Select(t => (JsonNode)t.ToJson())]),
                ["notes"] = new JsonArray([.. _notes.Select(n => (JsonNode)n)]),
            };
            Console.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"scenario {scenario}: {Environment.ProcessorCount} cores, load average {_loadAtStart} at start, {loadAtEnd} at end (1/5/15 min)");
        foreach (var table in _tables)
        {
            Console.WriteLine();
            Console.Write(table.ToText());
        }

        foreach (var note in _notes)
        {
            Console.WriteLine();
            Console.WriteLine(note);
        }
    }
}
