using System.Globalization;
using System.Text.Json;
using Assistant.Rag.Generation;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Feedback;

/// <summary>
/// The embedded feedback store: answers (with their evidence and question embedding) and votes in a SQLite file next
/// to the index. One vote per user per answer and citation; a later vote replaces the earlier one. Opening an older
/// file migrates it in place (PRAGMA user_version) and keeps every answer and vote.
/// </summary>
/// <remarks>Thread-safe (a pooled connection per call, WAL mode). Durable when each call returns.</remarks>
public sealed class SqliteFeedbackStore : IFeedbackStore, IFeedbackHistory
{
    /// <summary>The schema version this code writes.</summary>
    public const int SchemaVersion = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _connectionString;
    private readonly string _path;
    private readonly FeedbackOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Opens (creating or migrating if needed) the store at <paramref name="path"/>.</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="options">Retention of answers for voting; null takes the defaults.</param>
    /// <param name="time">The clock that decides when an answer has expired; null is the system clock.</param>
    /// <exception cref="FeedbackStoreException">The file cannot be opened or migrated.</exception>
    public SqliteFeedbackStore(string path, FeedbackOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _options = options ?? new FeedbackOptions();
        _time = time ?? TimeProvider.System;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Migrate(connection);
        }
        catch (SqliteException exception)
        {
            throw new FeedbackStoreException($"Opening the feedback store {path} failed: {exception.Message}", exception);
        }
    }

    /// <inheritdoc />
    public Task RecordAnswerAsync(Turn turn, Answer answer, CancellationToken cancellationToken = default) =>
        TranslateAsync("recording an answer", () => RecordAnswerCoreAsync(turn, answer, cancellationToken));

    private async Task<int> RecordAnswerCoreAsync(Turn turn, Answer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(answer);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO answers (id, channel, conversation_id, user_id, question, standalone_question, kind, answer, created_at, intent, question_embedding)
            VALUES ($id, $channel, $conversation, $user, $question, $standalone, $kind, $answer, $at, $intent, $embedding)
            """;
        command.Parameters.AddWithValue("$id", answer.Id);
        command.Parameters.AddWithValue("$channel", turn.Channel);
        command.Parameters.AddWithValue("$conversation", turn.ConversationId);
        command.Parameters.AddWithValue("$user", turn.UserId);
        command.Parameters.AddWithValue("$question", turn.Text);
        command.Parameters.AddWithValue("$standalone", answer.StandaloneQuestion);
        command.Parameters.AddWithValue("$kind", answer.Kind.ToString());
        command.Parameters.AddWithValue("$answer", JsonSerializer.Serialize(answer, Json));
        command.Parameters.AddWithValue("$at", Timestamp(answer.CreatedAt));
        command.Parameters.AddWithValue("$intent", FeedbackRows.IntentOf(answer));
        command.Parameters.AddWithValue("$embedding", (object?)EmbeddingBytes.ToBytes(answer.QuestionEmbedding) ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0 && answer.Evidence.Count > 0)
        {
            command.CommandText = """
                INSERT OR IGNORE INTO answer_evidence (answer_id, rank, chunk_id, document_id, route, route_ranks, score, citation)
                VALUES ($id, $rank, $chunk, $document, $route, $ranks, $score, $citation)
                """;
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$id", answer.Id);
            var rank = command.Parameters.Add("$rank", SqliteType.Integer);
            var chunk = command.Parameters.Add("$chunk", SqliteType.Text);
            var document = command.Parameters.Add("$document", SqliteType.Text);
            var route = command.Parameters.Add("$route", SqliteType.Text);
            var ranks = command.Parameters.Add("$ranks", SqliteType.Text);
            var score = command.Parameters.Add("$score", SqliteType.Real);
            var citation = command.Parameters.Add("$citation", SqliteType.Integer);
            foreach (var item in answer.Evidence)
            {
                (rank.Value, chunk.Value, document.Value, route.Value) = (item.Rank, item.ChunkId, item.DocumentId, item.Route);
                (ranks.Value, score.Value, citation.Value) = (FeedbackRows.EncodeRouteRanks(item.RouteRanks), item.Score, item.Citation);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Refused (false, nothing stored) when the answer is unknown, was given in another channel or conversation than
    /// the vote's, is older than <see cref="FeedbackOptions.AnswerRetentionDays"/>, or has no citation numbered
    /// <see cref="Vote.Citation"/>.
    /// </remarks>
    public Task<bool> RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default) =>
        TranslateAsync("recording a vote", () => RecordVoteCoreAsync(vote, cancellationToken));

    private async Task<bool> RecordVoteCoreAsync(Vote vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO votes (answer_id, user_id, citation, channel, value, at)
            SELECT $answer, $user, $citation, $channel, $value, $at
            WHERE EXISTS (SELECT 1 FROM answers WHERE id = $answer AND channel = $channel AND conversation_id = $conversation AND created_at >= $cutoff)
              AND ($citation = 0 OR EXISTS (SELECT 1 FROM answer_evidence WHERE answer_id = $answer AND citation = $citation))
            ON CONFLICT (answer_id, user_id, citation) DO UPDATE SET channel = excluded.channel, value = excluded.value, at = excluded.at
            """;
        command.Parameters.AddWithValue("$answer", vote.AnswerId);
        command.Parameters.AddWithValue("$user", vote.UserId);
        command.Parameters.AddWithValue("$citation", vote.Citation ?? 0);
        command.Parameters.AddWithValue("$channel", vote.Channel);
        command.Parameters.AddWithValue("$conversation", vote.ConversationId);
        command.Parameters.AddWithValue("$value", (int)vote.Value);
        command.Parameters.AddWithValue("$at", Timestamp(vote.At));
        command.Parameters.AddWithValue("$cutoff", Timestamp(_time.GetUtcNow().AddDays(-_options.AnswerRetentionDays)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Vote>> GetVotesAsync(string answerId, CancellationToken cancellationToken = default) =>
        TranslateAsync("reading votes", () => GetVotesCoreAsync(answerId, cancellationToken));

    private async Task<IReadOnlyList<Vote>> GetVotesCoreAsync(string answerId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{VoteColumns} WHERE v.answer_id = $answer ORDER BY v.at, v.user_id, v.citation";
        command.Parameters.AddWithValue("$answer", answerId);
        return await ReadVotesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VotedAnswer>> LoadVotedAnswersAsync(CancellationToken cancellationToken = default) =>
        TranslateAsync("loading votes for learning", () => LoadVotedAnswersCoreAsync(cancellationToken));

    private async Task<IReadOnlyList<VotedAnswer>> LoadVotedAnswersCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        const string Since = "(SELECT COALESCE(MAX(at), '') FROM learning_resets)";
        command.CommandText = $"{VoteColumns} WHERE v.at > {Since}";
        var votes = await ReadVotesAsync(command, cancellationToken).ConfigureAwait(false);
        if (votes.Count == 0)
        {
            return [];
        }

        const string Voted = $"(SELECT DISTINCT answer_id FROM votes WHERE at > {Since})";
        command.CommandText = $"SELECT id, intent, question_embedding, created_at FROM answers WHERE id IN {Voted}";
        var answers = new List<(string, string, ReadOnlyMemory<float>, DateTimeOffset)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                answers.Add((reader.GetString(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1), EmbeddingBytes.FromBytes(reader.IsDBNull(2) ? null : (byte[])reader[2]), Parse(reader.GetString(3))));
            }
        }

        command.CommandText = $"SELECT answer_id, rank, chunk_id, document_id, route, route_ranks, score, citation FROM answer_evidence WHERE answer_id IN {Voted}";
        var evidence = new List<(string, AnswerEvidence)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                evidence.Add((reader.GetString(0), new AnswerEvidence(reader.GetString(2), reader.GetString(3), reader.GetInt32(1), reader.GetString(4), FeedbackRows.DecodeRouteRanks(reader.GetString(5)), reader.GetDouble(6), reader.GetInt32(7))));
            }
        }

        return FeedbackRows.Assemble(answers, evidence, votes);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QueryVote>> LoadQueryVotesAsync(CancellationToken cancellationToken = default) =>
        TranslateAsync("loading votes on queried answers", () => LoadQueryVotesCoreAsync(cancellationToken));

    private async Task<IReadOnlyList<QueryVote>> LoadQueryVotesCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = FeedbackRows.QueryVoteSelect("(SELECT COALESCE(MAX(at), '') FROM learning_resets)");
        var votes = new List<QueryVote>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (FeedbackRows.QueryVoteOf(reader.GetString(0), reader.GetString(1), reader.GetString(2), (VoteValue)reader.GetInt32(3), Parse(reader.GetString(4)), reader.GetString(5)) is { } vote)
            {
                votes.Add(vote);
            }
        }

        return votes;
    }

    /// <inheritdoc />
    public Task<int> ResetLearningAsync(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        TranslateAsync("resetting learning", () => ResetLearningCoreAsync(at, cancellationToken));

    private async Task<int> ResetLearningCoreAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO learning_resets (at) VALUES ($at);
            SELECT COUNT(*) FROM votes WHERE at <= $at;
            """;
        command.Parameters.AddWithValue("$at", Timestamp(at));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    // Version 1 is the first release's schema (answers, votes keyed by answer and user). Version 2 adds the intent and
    // question embedding to answers, the evidence table, per-citation votes and the learning reset marks.
    private static void Migrate(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version >= SchemaVersion)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS answers (
                id TEXT PRIMARY KEY, channel TEXT NOT NULL, conversation_id TEXT NOT NULL, user_id TEXT NOT NULL,
                question TEXT NOT NULL, standalone_question TEXT NOT NULL, kind TEXT NOT NULL, answer TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS votes (
                answer_id TEXT NOT NULL REFERENCES answers (id), user_id TEXT NOT NULL, channel TEXT NOT NULL,
                value INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (answer_id, user_id));

            ALTER TABLE answers ADD COLUMN intent TEXT;
            ALTER TABLE answers ADD COLUMN question_embedding BLOB;
            CREATE TABLE answer_evidence (
                answer_id TEXT NOT NULL REFERENCES answers (id), rank INTEGER NOT NULL, chunk_id TEXT NOT NULL, document_id TEXT NOT NULL,
                route TEXT NOT NULL, route_ranks TEXT NOT NULL, score REAL NOT NULL, citation INTEGER NOT NULL, PRIMARY KEY (answer_id, rank));
            CREATE TABLE votes_v2 (
                answer_id TEXT NOT NULL REFERENCES answers (id), user_id TEXT NOT NULL, citation INTEGER NOT NULL DEFAULT 0, channel TEXT NOT NULL,
                value INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (answer_id, user_id, citation));
            INSERT INTO votes_v2 (answer_id, user_id, citation, channel, value, at) SELECT answer_id, user_id, 0, channel, value, at FROM votes;
            DROP TABLE votes;
            ALTER TABLE votes_v2 RENAME TO votes;
            CREATE INDEX votes_at ON votes (at);
            CREATE TABLE learning_resets (at TEXT NOT NULL);
            PRAGMA user_version = 2;
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    // A vote's conversation is its answer's: votes are only ever stored on answers of their own conversation.
    private const string VoteColumns = "SELECT v.answer_id, v.user_id, v.channel, v.value, v.at, v.citation, a.conversation_id FROM votes v JOIN answers a ON a.id = v.answer_id";

    private static async Task<IReadOnlyList<Vote>> ReadVotesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var votes = new List<Vote>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var citation = reader.GetInt32(5);
            votes.Add(new Vote(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(6), (VoteValue)reader.GetInt32(3), Parse(reader.GetString(4)), citation == 0 ? null : citation));
        }

        return votes;
    }

    // UTC with a fixed width, so that text order is time order in SQL comparisons.
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private async Task<T> TranslateAsync<T>(string operation, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException exception)
        {
            throw new FeedbackStoreException($"SQLite feedback store {_path}: {operation} failed ({exception.Message}).", exception);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new FeedbackStoreException($"Opening the feedback store {_path} failed: {exception.Message}", exception);
        }
    }
}
