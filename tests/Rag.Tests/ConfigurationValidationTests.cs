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
    [InlineData("Rag:Routing:RouteBudgetMilliseconds", "0", "RouteBudgetMilliseconds")]
    [InlineData("Rag:Routing:MinConfidence", "1.5", "MinConfidence")]
    [InlineData("Rag:Query:MaxAlternatives", "0", "MaxAlternatives")]
    [InlineData("Llm:MaxTokensPerTurn", "10", "MaxTokensPerTurn")]
    [InlineData("Rag:Memory:MaxTurns", "0", "MaxTurns")]
    [InlineData("Rag:Memory:Ttl", "00:00:05", "Ttl")]
    [InlineData("Rag:Memory:KeyPrefix", "bad prefix:*", "Rag:Memory:KeyPrefix")]
    [InlineData("Redis:OperationTimeoutMs", "1", "OperationTimeoutMs")]
    [InlineData("Redis:Configuration", "ssl=true,password=hunter2", "Redis:Configuration names no server")]
    [InlineData("Redis:Configuration", "localhost:6379,connectTimeout=soon", "Redis:Configuration is not a valid")]
    [InlineData("Rag:Rewrite:TimeoutSeconds", "0", "TimeoutSeconds")]
    [InlineData("Rag:Feedback:MaxMemoryPenalty", "0.95", "MaxMemoryPenalty")]
    [InlineData("Rag:Feedback:MemoryThreshold", "0.2", "MemoryThreshold")]
    [InlineData("Rag:Feedback:HalfLifeDays", "0", "HalfLifeDays")]
    [InlineData("ConnectionStrings:Feedback", "Host=x;NoSuchKeyword=1", "ConnectionStrings:Feedback")]
    [InlineData("Rag:Ingestion:HypotheticalQuestions", "11", "HypotheticalQuestions")]
    [InlineData("Rag:Ingestion:HypotheticalQuestionCalls", "0", "HypotheticalQuestionCalls")]
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
