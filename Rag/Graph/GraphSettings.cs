using Microsoft.Extensions.Configuration;

namespace Assistant.Rag.Graph;

/// <summary>Reads the graph's import file from configuration the way the host does, for commands that run without a host.</summary>
public static class GraphSettings
{
    /// <summary>The full path of <c>Graph:ImportFile</c> (default samples/graph/company.cypher) under <paramref name="contentRoot"/>.</summary>
    public static string ImportFile(IConfiguration configuration, string contentRoot)
    {
        var options = new GraphOptions();
        configuration.GetSection(GraphOptions.SectionName).Bind(options);
        return Path.GetFullPath(options.ImportFile, contentRoot);
    }
}
