using Assistant.Connectors.FileSystem;
using Assistant.Rag.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Connectors;

/// <summary>Registers the connectors that keep sources synced into the index.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the document parsers and the local-folder connector.</summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services)
    {
        services.AddSingleton(sp => DocumentParsers.CreateDefault(sp.GetService<ILogger<DocumentParsers>>()));
        services.AddSingleton<FileSystemConnector>();
        return services;
    }
}
