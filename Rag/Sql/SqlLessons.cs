using System.Security.Cryptography;
using System.Text;
using Assistant.Rag.Feedback;

namespace Assistant.Rag.Sql;

/// <summary>
/// What votes taught the SQL route: questions whose query enough distinct people agreed on (each person's latest vote;
/// more 👍 than 👎, at least <see cref="SqlOptions.LearnAfterVotes"/> 👍) become learned examples, at most
/// <see cref="SqlOptions.MaxLearnedExamples"/> per database, the best agreed first; an example that more people 👎 than
/// 👍 for a question is doubtful for that question and is not used for it again.
/// </summary>
/// <remarks>
/// Immutable. Questions naming a relative period ("last month") are not learned: their query holds the dates of the
/// day they were asked, which would be wrong the next month.
/// </remarks>
internal sealed class SqlLessons
{
    /// <summary>Nothing learned.</summary>
    public static readonly SqlLessons Empty = new([], new HashSet<string>(StringComparer.Ordinal));

    private readonly IReadOnlySet<string> _doubtful;

    private SqlLessons(IReadOnlyList<SqlExample> learned, IReadOnlySet<string> doubtful)
    {
        Learned = learned;
        _doubtful = doubtful;
    }

    /// <summary>The learned examples, of every database.</summary>
    public IReadOnlyList<SqlExample> Learned { get; }

    /// <summary>How many (example, question) pairs are doubtful.</summary>
    public int DoubtfulCount => _doubtful.Count;

    /// <summary>True when people disagreed with <paramref name="exampleId"/>'s answer to <paramref name="question"/>.</summary>
    public bool IsDoubtful(string exampleId, string question) => _doubtful.Contains(exampleId + "\n" + Normalise(question));

    /// <summary>Learns from <paramref name="votes"/> (the SQL route's only; channels in <paramref name="ignoredChannels"/> teach nothing).</summary>
    public static SqlLessons From(IEnumerable<QueryVote> votes, string route, int learnAfterVotes, int maxPerDatabase, IReadOnlyCollection<string> ignoredChannels)
    {
        // A person's latest vote on an answer counts (a vote on the answer and one on its table are the same opinion).
        var latest = votes
            .Where(v => v.Route == route && !ignoredChannels.Contains(v.Channel, StringComparer.Ordinal))
            .GroupBy(v => (v.AnswerId, v.UserId))
            .Select(g => g.MaxBy(v => v.At)!)
            .ToList();

        var learned = latest
            .GroupBy(v => (v.Source, Question: Normalise(v.Question), Query: NormaliseQuery(v.Query)))
            .Select(g =>
            {
                var people = g.GroupBy(v => v.UserId, StringComparer.Ordinal).Select(p => p.MaxBy(v => v.At)!).ToList();
                var first = g.MinBy(v => v.At)!;
                return (Group: g.Key, First: first, Up: people.Count(p => p.Value == VoteValue.Up), Down: people.Count(p => p.Value == VoteValue.Down), Last: g.Max(v => v.At));
            })
            .Where(g => g.Up >= learnAfterVotes && g.Up > g.Down && !NamesRelativePeriod(g.First.Question, g.First.At))
            .GroupBy(g => g.Group.Source, StringComparer.OrdinalIgnoreCase)
            .SelectMany(database => database.OrderByDescending(g => g.Up - g.Down).ThenByDescending(g => g.Last).Take(maxPerDatabase))
            .Select(g => new SqlExample($"{g.Group.Source}:learned:{Id(g.Group.Question, g.Group.Query)}", g.Group.Source, g.First.Question.Trim(), g.First.Query, null, g.First.ExampleId))
            .ToList();

        var doubtful = latest
            .Where(v => v.ExampleId is not null)
            .GroupBy(v => v.ExampleId + "\n" + Normalise(v.Question), StringComparer.Ordinal)
            .Where(g =>
            {
                var people = g.GroupBy(v => v.UserId, StringComparer.Ordinal).Select(p => p.MaxBy(v => v.At)!).ToList();
                return people.Count(p => p.Value == VoteValue.Down) > people.Count(p => p.Value == VoteValue.Up);
            })
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);

        return new SqlLessons(learned, doubtful);
    }

    /// <summary>Case, accents, spacing and punctuation do not make another question.</summary>
    public static string Normalise(string question)
    {
        var folded = TextFold.Fold(question);
        var text = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }

        return text.ToString().Trim();
    }

    private static string NormaliseQuery(string query) => string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';');

    private static string Id(string question, string query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(question + "\n" + query)))[..12];

    // A period is relative when the same words mean other dates on another day.
    private static bool NamesRelativePeriod(string question, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var then = PeriodParser.Find(question, day);
        var later = PeriodParser.Find(question, day.AddDays(400));
        return (then, later) switch
        {
            (null, null) => false,
            ({ } a, { } b) => a.Start != b.Start || a.End != b.End,
            _ => true,
        };
    }
}
