using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Rag.Graph;

namespace Assistant.Rag.Tests.Graph;

/// <summary>
/// Runs a set of read queries on the embedded engine and on kuzu and compares the results: as multisets of rows, in
/// order when the query's final RETURN orders, column names ignored. A query with a LIMIT whose rows differ is
/// checked against kuzu's rows without its LIMITs (rows tied under the order, or unordered, may be cut differently).
/// </summary>
internal static partial class GraphConformance
{
    public static GraphConformanceReport Run(string scriptFile, IReadOnlyList<GraphCase> cases)
    {
        var graph = EmbeddedGraph.FromFile(scriptFile);
        // kuzu wants a LIMIT after ORDER BY in WITH, so "no limit" is a limit larger than any result here.
        var unlimited = cases.Select(c => c with { Cypher = AnyLimit().Replace(c.Cypher, "LIMIT 1000000") }).ToList();
        var oracle = GraphOracle.Run(scriptFile, [.. cases, .. unlimited]);
        var report = new GraphConformanceReport();
        for (var i = 0; i < cases.Count; i++)
        {
            var cypher = cases[i].Cypher;
            var (ok, expected, error) = oracle[i];
            List<List<object?>> ours;
            try
            {
                ours = graph.Query(cypher, cases[i].Parameters, maxRows: 100_000).Rows.Select(r => r.ToList()).ToList();
            }
            catch (Exception exception) when (exception is CypherSyntaxException or CypherRuntimeException or GraphQueryRefusedException)
            {
                if (ok)
                {
                    report.Different.Add($"{Flat(cypher)}\n    ours failed: {exception.Message}");
                }
                else
                {
                    report.NeitherRuns.Add($"{Flat(cypher)}\n    ours: {exception.Message}\n    kuzu: {error}");
                }

                continue;
            }

            if (!ok)
            {
                report.OracleCannotRun.Add($"{Flat(cypher)}\n    kuzu: {error}");
                continue;
            }

            var ordered = Ordered(cypher);
            var a = CanonicalRows.Of(ours);
            var b = CanonicalRows.Of(expected);
            if (ordered ? a.SequenceEqual(b) : a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal)))
            {
                report.Equal++;
                continue;
            }

            // Second look, with what Cypher leaves unspecified set aside: the order collect() gathers in, the order of
            // rows tied under ORDER BY, and which of them a LIMIT keeps.
            a = CanonicalRows.Of(ours, sortLists: true);
            b = CanonicalRows.Of(expected, sortLists: true);
            var all = CanonicalRows.Of(oracle[cases.Count + i].Rows, sortLists: true);
            var sameRows = a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal));
            var limited = AnyLimit().IsMatch(cypher);
            if (sameRows || (limited && a.Count == b.Count && SubMultiset(a, all)))
            {
                report.EqualUpToTies++;
            }
            else
            {
                report.Different.Add($"{Flat(cypher)}\n    ours: {string.Join("; ", a.Take(5))}\n    kuzu: {string.Join("; ", b.Take(5))}");
            }
        }

        return report;
    }

    public static List<GraphCase> ReadCases(string questionsFile) =>
        File.ReadLines(questionsFile).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l =>
        {
            using var document = JsonDocument.Parse(l);
            var root = document.RootElement;
            var parameters = root.TryGetProperty("parameters", out var p)
                ? p.EnumerateObject().ToDictionary(x => x.Name, x => GraphOracle.Plain(x.Value))
                : null;
            return new GraphCase(root.GetProperty("cypher").GetString()!, parameters);
        }).ToList();

    private static bool Ordered(string cypher)
    {
        var last = Math.Max(cypher.LastIndexOf("RETURN", StringComparison.OrdinalIgnoreCase), 0);
        return cypher.IndexOf("ORDER BY", last, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private static bool SubMultiset(List<string> part, List<string> whole)
    {
        var counts = whole.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var row in part)
        {
            if (!counts.TryGetValue(row, out var n) || n == 0)
            {
                return false;
            }

            counts[row] = n - 1;
        }

        return true;
    }

    private static string Flat(string cypher) => Regex.Replace(cypher, @"\s+", " ");

    [GeneratedRegex(@"\bLIMIT\s+\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnyLimit();
}
