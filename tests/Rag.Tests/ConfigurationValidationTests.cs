using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests;

public sealed class ConfigurationValidationTests
{
    private static void ValidateAtStart(Dictionary<string, string?> settings)
    {
        using var index = new TempFolder();
        settings.TryAdd("Rag:IndexPath", index.Path);
        using var services = new ServiceCollection().AddLogging()
            .AddRag(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), index.Path)
            .BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("Rag:Chunking:ChunkTokens", "5", "ChunkTokens")]
    [InlineData("Rag:Retrieval:RrfK", "0", "RrfK")]
    [InlineData("Rag:Answer:MinEvidence", "2", "MinEvidence")]
    [InlineData("Llm:Endpoint", "not a url", "Llm:Endpoint")]
    [InlineData("Rag:Feedback:MaxMemoryPenalty", "0.95", "MaxMemoryPenalty")]
    [InlineData("Rag:Feedback:MemoryThreshold", "0.2", "MemoryThreshold")]
    [InlineData("Rag:Feedback:HalfLifeDays", "0", "HalfLifeDays")]
    [InlineData("ConnectionStrings:Feedback", "Host=x;NoSuchKeyword=1", "ConnectionStrings:Feedback")]
    public void ABadSettingStopsTheStartWithAMessageNamingIt(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["Llm:Model"] = "m" };

        var error = Assert.Throws<OptionsValidationException>(() => ValidateAtStart(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedDefaultsAreValid()
    {
        ValidateAtStart([]);
    }
}
