using System.Text.Json;
using Assistant.Rag.Evaluation;
using Assistant.Rag.Feedback;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Tests.Evaluation;

/// <summary>The feedback simulation end to end over a small BEIR fixture: real MiniLM, Lucene and SQLite stores.</summary>
public sealed class FeedbackSimulationTests : IAsyncLifetime, IDisposable
{
    // Each question has one relevant document and a decoy that shares its words, so the first ranking is imperfect.
    private static readonly (string Id, string Question, string Relevant, string Decoy)[] Cases =
    [
        ("q1", "How long is the warranty on company laptops?", "Hardware guarantee: notebooks issued to staff are covered for three years against defects.", "Laptop warranty registration: company laptops must be registered on the warranty portal within a week of delivery."),
        ("q2", "Who approves travel expenses?", "Your line manager signs off every business trip claim before finance pays it.", "Travel expenses policy history: who approves travel expenses changed in 2019 and 2021."),
        ("q3", "Where can I park my bike?", "Bicycles go in the locked room behind building B; ask reception for the code.", "Bike to work scheme: park your savings in a bike purchase and pay it off monthly."),
        ("q4", "How do I reset my password?", "Use the self-service portal and choose 'forgot credentials' to set a new one.", "Password policy: a password must be reset every ninety days, and how you choose it matters."),
        ("q5", "When is the canteen open?", "Lunch is served from half past eleven until two in the staff restaurant.", "Canteen menu planning: the canteen is open to suggestions for new dishes."),
        ("q6", "How many vacation days do I get?", "Full-time employees receive twenty-eight days of annual leave per calendar year.", "Vacation days calendar: how many public holidays fall on weekdays this year."),
        ("q7", "Who do I call about a broken printer?", "Printer faults are handled by the facilities help desk at extension 2200.", "Printer buying guide: who makes the best printer and what to call a broken toner."),
        ("q8", "Can I work from home on Fridays?", "Remote work is allowed up to two days a week, on any weekday, with your manager's agreement.", "Fridays at the office: home-made cake day and the work from home myth."),
        ("q9", "How do I book a meeting room?", "Rooms are reserved through the calendar app by adding the room as a guest.", "Meeting room etiquette: book time to tidy the room before the next meeting."),
        ("q10", "What is the dress code?", "There is no formal dress code; dress appropriately for client visits.", "Dress code for the summer party: the code is fancy dress."),
    ];

    private readonly TempFolder _folder = new();
    private TestEngine _engine = null!;
    private BeirDataset _dataset = null!;

    public async Task InitializeAsync()
    {
        var beir = Path.Combine(_folder.Path, "beir");
        Directory.CreateDirectory(Path.Combine(beir, "qrels"));
        await File.WriteAllLinesAsync(Path.Combine(beir, "corpus.jsonl"), Cases.SelectMany(c => new[]
        {
            JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = $"{c.Id}-relevant", ["title"] = string.Empty, ["text"] = c.Relevant }),
            JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = $"{c.Id}-decoy", ["title"] = string.Empty, ["text"] = c.Decoy }),
        }));
        await File.WriteAllLinesAsync(Path.Combine(beir, "queries.jsonl"), Cases.Select(c => JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = c.Id, ["text"] = c.Question })));
        await File.WriteAllLinesAsync(Path.Combine(beir, "qrels", "test.tsv"), ["query-id\tcorpus-id\tscore", .. Cases.Select(c => $"{c.Id}\t{c.Id}-relevant\t1")]);
        _dataset = BeirDataset.Load(beir);

        _engine = await TestEngine.OpenAsync(Path.Combine(_folder.Path, "index"));
        await _engine.Pipeline.IngestAsync("beir", [.. _dataset.ReadCorpus().Select(d => new SourceDocument(d.Id, d.Title, string.Empty, [new DocumentSection(string.Empty, d.Text)], new Dictionary<string, string>()))]);
    }

    [Fact]
    public async Task NoiselessVotesInThrowAwayStoresLiftTheVotedQueriesAndTheirRewordingsAndRepeatedSpamMovesNothingFurther()
    {
        var work = Path.Combine(_folder.Path, "simulation");
        var simulation = new FeedbackSimulation(Retriever, work, new FixedOptions<FeedbackOptions>(new FeedbackOptions()), new RetrievalOptions { CandidatesPerRoute = 100 });
        var (queries, _) = RetrievalEvaluator.AskableQueries(_dataset);

        var result = await simulation.RunAsync(_dataset, queries, noise: 0);

        Assert.True(result.Same.Before < 1, "The fixture should leave the first ranking room to improve.");
        Assert.Equal((8, 8, 2), (result.Same.Queries, result.Reworded.Queries, result.Unvoted.Queries));
        Assert.True(result.Same.After > result.Same.Before, $"same: {result.Same.Before:F3} → {result.Same.After:F3}");
        Assert.True(result.Reworded.After > result.Reworded.Before, $"reworded: {result.Reworded.Before:F3} → {result.Reworded.After:F3}");
        Assert.True(result.Spam.RepeatPairs > 0);
        Assert.Equal(0, result.Spam.MovedFurther);
        Assert.Equal(result.Spam.RankAfterOneVote, result.Spam.RankAfterHundredVotes);
        Assert.NotEmpty(Directory.GetFiles(work, "feedback-*.db"));
        Assert.False(File.Exists(Path.Combine(_engine.Folder, "feedback.db")), "The simulation must not touch a product store.");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _engine?.Dispose();
        _folder.Dispose();
    }

    private HybridRetriever Retriever(FeedbackLearning learning) => _engine.Retriever(feedback: learning);
}
