using Assistant.Rag.Graph;

namespace Assistant.Rag.Tests.Graph;

/// <summary>What kuzu cannot check (its dialect differs): Neo4j semantics the gold queries and users rely on.</summary>
public sealed class CypherEngineTests
{
    private static readonly EmbeddedGraph Films = EmbeddedGraph.FromFile(Path.Combine(AppContext.BaseDirectory, "Graph", "Data", "films.cypher"));

    private static List<string> Column(string cypher) =>
        Films.Query(cypher).Rows.Select(r => CanonicalRows.Canonical(r[0])).ToList();

    [Fact]
    public void ShortestPathFindsTheFewestHops()
    {
        var rows = Column("MATCH p = shortestPath((a:Person {name: 'Felix Brand'})-[:FOLLOWS*..5]->(b:Person {name: 'Dev Anand Rao'})) RETURN [n IN nodes(p) | n.name]");

        Assert.Equal(["[\"Felix Brand\",\"Ada Lindqvist\",\"Bram Oduya\",\"Cleo Marsh\",\"Dev Anand Rao\"]"], rows);
    }

    [Fact]
    public void ARelationshipIsUsedOnceWithinAMatch()
    {
        // Ada follows only Bram: walking the same FOLLOWS edge out and back is not a match.
        Assert.Empty(Column("MATCH (a:Person {name: 'Ada Lindqvist'})-[:FOLLOWS]->(b)<-[:FOLLOWS]-(a) RETURN b.name"));
        // Two hops either way from Ada: through Bram to Cleo; never back to Ada over the edge just walked.
        Assert.Equal(["\"Cleo Marsh\""], Column("MATCH (a:Person {name: 'Ada Lindqvist'})-[:FOLLOWS]-(b)-[:FOLLOWS]-(c) RETURN c.name"));
    }

    [Fact]
    public void NullComparisonsFilterRowsOut()
    {
        // Esme has no born: neither born > 0 nor NOT (born > 0) keeps her.
        Assert.DoesNotContain("\"Esme Volk\"", Column("MATCH (p:Person) WHERE p.born > 0 RETURN p.name"));
        Assert.DoesNotContain("\"Esme Volk\"", Column("MATCH (p:Person) WHERE NOT p.born > 0 RETURN p.name"));
        Assert.Equal(["null"], Column("RETURN null IN [1, null] AS x"));
        Assert.Equal(["true"], Column("RETURN 1 IN [1, null] AS x"));
    }

    [Fact]
    public void ListComprehensionReduceAndFunctionsFollowCypher()
    {
        Assert.Equal(["[\"keeper\"]"], Column("MATCH (:Person {name: 'Ada Lindqvist'})-[r:ACTED_IN]->(:Film {title: 'Harbour Lights'}) RETURN [x IN r.roles WHERE x <> 'Narrator' | toLower(x)]"));
        Assert.Equal(["6"], Column("RETURN reduce(total = 0, x IN [1, 2, 3] | total + x)"));
        Assert.Equal(["\"REVIEWED\""], Column("MATCH (:Person {name: 'Esme Volk'})-[r:REVIEWED]->() RETURN type(r)"));
        Assert.Equal(["3"], Column("RETURN round(2.5)"));
        Assert.Equal(["\"Ad\""], Column("RETURN substring('Ada', 0, 2)"));
        Assert.Equal(["[2,3]"], Column("RETURN [1, 2, 3, 4][1..3]"));
        Assert.Equal(["4"], Column("RETURN [1, 2, 3, 4][-1]"));
        Assert.Equal(["2"], Column("RETURN 7 / 3"));
    }

    [Fact]
    public void AggregatesOverNoRowsGiveOneRow()
    {
        var rows = Films.Query("MATCH (p:Person {name: 'Nobody'}) RETURN count(p), collect(p.name), sum(p.born), avg(p.born)").Rows;

        Assert.Equal([0L, new List<object?>(), 0L, null], rows.Single());
    }

    [Fact]
    public void UnsupportedSyntaxIsReportedWithItsPosition()
    {
        var exception = Assert.Throws<GraphQueryRefusedException>(() => Films.Query("MATCH (p:Person)\nRETURN p.name ORDER p.born"));

        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Expected BY", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGraphCannotBeWrittenAfterLoading()
    {
        Assert.Throws<InvalidOperationException>(() => Films.Graph.AddNode(["Person"], new Dictionary<string, object?>()));
    }

    [Fact]
    public void AMissingLimitIsAdded()
    {
        Assert.Equal(2, Films.Query("MATCH (p:Person) RETURN p.name", maxRows: 2).Rows.Count);
    }
}
