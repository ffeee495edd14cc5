using System.Text.Json;
using Assistant.Rag.Graph;

namespace Assistant.Rag.Tests.Graph;

/// <summary>Nothing an adversarial query says can write: each is refused before running, or fails without effect.</summary>
public sealed class CypherGuardTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Graph", "Data", name);

    [Fact]
    public void NoAdversarialQueryRunsAndTheGraphIsUnchanged()
    {
        var graph = EmbeddedGraph.FromFile(DataFile("films.cypher"));
        var (nodes, relationships) = (graph.NodeCount, graph.RelationshipCount);
        var executed = new List<string>();

        foreach (var line in File.ReadLines(DataFile("adversarial.jsonl")).Where(l => l.Length > 0))
        {
            var cypher = JsonDocument.Parse(line).RootElement.GetProperty("cypher").GetString()!;
            try
            {
                graph.Query(cypher);
                executed.Add(cypher);
            }
            catch (GraphQueryRefusedException)
            {
            }
            catch (CypherRuntimeException)
            {
                // Parsed as a read but failed to run (an unknown function such as apoc.*): nothing was written either.
            }
        }

        Assert.Empty(executed);
        Assert.Equal((nodes, relationships), (graph.NodeCount, graph.RelationshipCount));
    }

    [Theory]
    [InlineData("MATCH (n) SET n.x = 1 RETURN n", "'SET' is not supported")]
    [InlineData("MATCH (n) RETURN n // note", "Comments are not allowed")]
    [InlineData("MATCH (n)\u200b RETURN n", "U+200B")]
    [InlineData("CREATE (n:X) RETURN n", "CREATE is not allowed")]
    public void ARefusalSaysWhy(string cypher, string reason)
    {
        var graph = EmbeddedGraph.FromFile(DataFile("films.cypher"));

        var exception = Assert.Throws<GraphQueryRefusedException>(() => graph.Query(cypher));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }
}
