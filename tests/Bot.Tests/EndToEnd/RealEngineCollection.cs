namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>The end-to-end test classes share one <see cref="RealEngineFixture"/>, so the fixture index is built once.</summary>
[CollectionDefinition(Name)]
public sealed class RealEngineCollection : ICollectionFixture<RealEngineFixture>
{
    public const string Name = "Real engine";
}
