using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// <see cref="KnowledgeBase"/> plus one document with a long section, ingested once per test class with small chunks
/// (so the long section is cut into several siblings). Read-only for the tests that share it.
/// </summary>
public sealed class IndexedKnowledgeBase : IAsyncLifetime, IDisposable
{
    public const string BadgeSection = "kb:badge.md#0";

    private readonly TempFolder _folder = new();

    internal static SourceDocument Badge { get; } = KnowledgeBase.Document(
        "kb:badge.md",
        "Office access badges",
        ("Badge rules",
            "Every employee receives a photo access badge on the first working day from the reception desk in building A. " +
            "The badge opens the main entrance, the parking garage and the floor of your own department. " +
            "Visitors get a paper day pass and must be accompanied by their host at all times inside the building. " +
            "A lost badge must be reported to security at extension 4455 within one hour so that it can be blocked. " +
            "A replacement badge costs twenty euros and is printed by the reception desk the next morning. " +
            "Badges must be worn visibly above the waist while you are on company premises. " +
            "Lending your badge to anyone, including colleagues, is a breach of the security policy. " +
            "When you leave the company, hand your badge to your manager on your last working day. " +
            "The server rooms in the basement require an additional PIN that the IT security team issues on request. " +
            "Badge readers log every entry, and the logs are kept for ninety days for audits."));

    internal TestEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Engine = await TestEngine.OpenAsync(_folder.Path, chunking: new ChunkingOptions { ChunkTokens = 64, Overlap = 0 });
        await Engine.Pipeline.IngestAsync(KnowledgeBase.Source, [.. KnowledgeBase.All, Badge]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Engine?.Dispose();
        _folder.Dispose();
    }
}
