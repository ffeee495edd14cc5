using System.Globalization;
using Assistant.Rag.Generation;

namespace Assistant.Rag.Feedback;

/// <summary>What the SQLite and PostgreSQL stores share: the route-ranks column format and assembling rows into <see cref="VotedAnswer"/>s.</summary>
internal static class FeedbackRows
{
    /// <summary>"keyword=3;vector=1".</summary>
    public static string EncodeRouteRanks(IReadOnlyDictionary<string, int> ranks) =>
        string.Join(';', ranks.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key}={r.Value}")));

    public static IReadOnlyDictionary<string, int> DecodeRouteRanks(string text)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && int.TryParse(part.AsSpan(equals + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rank))
            {
                ranks[part[..equals]] = rank;
            }
        }

        return ranks;
    }

    /// <summary>The intent key an answer is learned under.</summary>
    public static string IntentOf(Answer answer) => RouteSet.Key(answer.Routes.Select(r => r.Name));

    /// <summary>Joins answers, their evidence and their votes (each list in any order) into voted answers, by answer id.</summary>
    public static IReadOnlyList<VotedAnswer> Assemble(
        IEnumerable<(string Id, string Intent, ReadOnlyMemory<float> Embedding, DateTimeOffset CreatedAt)> answers,
        IEnumerable<(string AnswerId, AnswerEvidence Evidence)> evidence,
        IEnumerable<Vote> votes)
    {
        var evidenceBy = evidence.GroupBy(e => e.AnswerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<AnswerEvidence>)[.. g.Select(e => e.Evidence).OrderBy(e => e.Rank)], StringComparer.Ordinal);
        var votesBy = votes.GroupBy(v => v.AnswerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<Vote>)[.. g.OrderBy(v => v.At)], StringComparer.Ordinal);
        return [.. answers
            .Where(a => votesBy.ContainsKey(a.Id))
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new VotedAnswer(a.Id, a.Intent, a.Embedding, a.CreatedAt, evidenceBy.GetValueOrDefault(a.Id) ?? [], votesBy[a.Id]))];
    }

    /// <summary>The columns <see cref="QueryVoteOf"/> reads, in order, for votes after <paramref name="since"/> (an SQL expression).</summary>
    public static string QueryVoteSelect(string since) => $"""
        SELECT v.answer_id, v.user_id, v.channel, v.value, v.at, a.answer
        FROM votes v JOIN answers a ON a.id = v.answer_id
        WHERE a.kind = 'Queried' AND v.citation IN (0, 1) AND v.at > {since}
        ORDER BY v.at, v.answer_id, v.user_id
        """;

    /// <summary>
    /// A vote on a queried answer, with the route, source, query and example read from the stored answer; null when the
    /// stored answer holds no table (an answer recorded by an older version).
    /// </summary>
    public static QueryVote? QueryVoteOf(string answerId, string userId, string channel, VoteValue value, DateTimeOffset at, string answerJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(answerJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("tables", out var tables) || tables.ValueKind != System.Text.Json.JsonValueKind.Array || tables.GetArrayLength() == 0)
        {
            return null;
        }

        var table = tables[0];
        string? Text(System.Text.Json.JsonElement element, string name) =>
            element.TryGetProperty(name, out var property) && property.ValueKind == System.Text.Json.JsonValueKind.String ? property.GetString() : null;
        var (route, source, query, question) = (Text(table, "route"), Text(table, "source"), Text(table, "query"), Text(root, "standaloneQuestion"));
        return route is null || source is null || query is null || question is null
            ? null
            : new QueryVote(answerId, userId, channel, value, at, route, source, question, query, Text(root, "queryExampleId"));
    }
}
