using System.Text.Json;
using Assistant.Rag.Generation;
using Npgsql;
using NpgsqlTypes;

namespace Assistant.Rag.Feedback;

/// <summary>
/// The feedback store in PostgreSQL (chosen when <c>ConnectionStrings:Feedback</c> is set), for several bot replicas
/// sharing one history. Same contract as <see cref="SqliteFeedbackStore"/>. The schema is created (or upgraded) on first
/// use, under an advisory lock so that replicas starting together do not race; tables go to the connection's search path.
/// </summary>
/// <remarks>Thread-safe (pooled connections). Durable when each call returns.</remarks>
public sealed class PostgresFeedbackStore : IFeedbackStore, IFeedbackHistory, IAsyncDisposable, IDisposable
{
    /// <summary>The schema version this code writes.</summary>
    public const int SchemaVersion = 1;

    private const long MigrationLock = 0x66656564_6261636B; // "feedback"
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly NpgsqlDataSource _dataSource;
    private readonly FeedbackOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    /// <summary>Connects lazily with <paramref name="connectionString"/>; nothing is contacted until the first call.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public PostgresFeedbackStore(string connectionString, FeedbackOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _options = options ?? new FeedbackOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task RecordAnswerAsync(Turn turn, Answer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(answer);
        return RunAsync("recording an answer", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO answers (id, channel, conversation_id, user_id, question, standalone_question, kind, answer, created_at, intent, question_embedding)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING
                """,
                connection,
                transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = answer.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = turn.Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = turn.ConversationId });
            command.Parameters.Add(new NpgsqlParameter { Value = turn.UserId });
            command.Parameters.Add(new NpgsqlParameter { Value = turn.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = answer.StandaloneQuestion });
            command.Parameters.Add(new NpgsqlParameter { Value = answer.Kind.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(answer, Json) });
            command.Parameters.Add(new NpgsqlParameter { Value = answer.CreatedAt.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = FeedbackRows.IntentOf(answer) });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = (object?)EmbeddingBytes.ToBytes(answer.QuestionEmbedding) ?? DBNull.Value });
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0 && answer.Evidence.Count > 0)
            {
                var batch = new NpgsqlBatch(connection, transaction);
                await using (batch.ConfigureAwait(false))
                {
                    foreach (var item in answer.Evidence)
                    {
                        var row = new NpgsqlBatchCommand(
                            """
                            INSERT INTO answer_evidence (answer_id, rank, chunk_id, document_id, route, route_ranks, score, citation)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
                            """);
                        row.Parameters.Add(new NpgsqlParameter { Value = answer.Id });
                        row.Parameters.Add(new NpgsqlParameter { Value = item.Rank });
                        row.Parameters.Add(new NpgsqlParameter { Value = item.ChunkId });
                        row.Parameters.Add(new NpgsqlParameter { Value = item.DocumentId });
                        row.Parameters.Add(new NpgsqlParameter { Value = item.Route });
                        row.Parameters.Add(new NpgsqlParameter { Value = FeedbackRows.EncodeRouteRanks(item.RouteRanks) });
                        row.Parameters.Add(new NpgsqlParameter { Value = item.Score });
                        row.Parameters.Add(new NpgsqlParameter { Value = item.Citation });
                        batch.BatchCommands.Add(row);
                    }

                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Refused (false, nothing stored) when the answer is unknown, was given in another channel or conversation than
    /// the vote's, is older than <see cref="FeedbackOptions.AnswerRetentionDays"/>, or has no citation numbered
    /// <see cref="Vote.Citation"/>.
    /// </remarks>
    public Task<bool> RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return RunAsync("recording a vote", async connection =>
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO votes (answer_id, user_id, citation, channel, value, at)
                SELECT $1, $2, $3, $4, $5, $6
                WHERE EXISTS (SELECT 1 FROM answers WHERE id = $1 AND channel = $4 AND conversation_id = $8 AND created_at >= $7)
                  AND ($3 = 0 OR EXISTS (SELECT 1 FROM answer_evidence WHERE answer_id = $1 AND citation = $3))
                ON CONFLICT (answer_id, user_id, citation) DO UPDATE SET channel = excluded.channel, value = excluded.value, at = excluded.at
                """,
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = vote.AnswerId });
            command.Parameters.Add(new NpgsqlParameter { Value = vote.UserId });
            command.Parameters.Add(new NpgsqlParameter { Value = vote.Citation ?? 0 });
            command.Parameters.Add(new NpgsqlParameter { Value = vote.Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = (short)vote.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = vote.At.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = _time.GetUtcNow().AddDays(-_options.AnswerRetentionDays) });
            command.Parameters.Add(new NpgsqlParameter { Value = vote.ConversationId });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Vote>> GetVotesAsync(string answerId, CancellationToken cancellationToken = default) =>
        RunAsync("reading votes", async connection =>
        {
            await using var command = new NpgsqlCommand($"{VoteColumns} WHERE v.answer_id = $1 ORDER BY v.at, v.user_id, v.citation", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = answerId });
            return await ReadVotesAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<VotedAnswer>> LoadVotedAnswersAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<VotedAnswer>>("loading votes for learning", async connection =>
        {
            const string Since = "(SELECT COALESCE(MAX(at), '-infinity'::timestamptz) FROM learning_resets)";
            const string Voted = $"(SELECT DISTINCT answer_id FROM votes WHERE at > {Since})";
            await using var command = new NpgsqlCommand($"{VoteColumns} WHERE v.at > {Since}", connection);
            var votes = await ReadVotesAsync(command, cancellationToken).ConfigureAwait(false);
            if (votes.Count == 0)
            {
                return [];
            }

            command.CommandText = $"SELECT id, intent, question_embedding, created_at FROM answers WHERE id IN {Voted}";
            var answers = new List<(string, string, ReadOnlyMemory<float>, DateTimeOffset)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    answers.Add((reader.GetString(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1), EmbeddingBytes.FromBytes(reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2)), reader.GetFieldValue<DateTimeOffset>(3)));
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
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<QueryVote>> LoadQueryVotesAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<QueryVote>>("loading votes on queried answers", async connection =>
        {
            await using var command = new NpgsqlCommand(FeedbackRows.QueryVoteSelect("(SELECT COALESCE(MAX(at), '-infinity'::timestamptz) FROM learning_resets)"), connection);
            var votes = new List<QueryVote>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (FeedbackRows.QueryVoteOf(reader.GetString(0), reader.GetString(1), reader.GetString(2), (VoteValue)reader.GetInt16(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)) is { } vote)
                {
                    votes.Add(vote);
                }
            }

            return votes;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> ResetLearningAsync(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RunAsync("resetting learning", async connection =>
        {
            await using var command = new NpgsqlCommand("INSERT INTO learning_resets (at) VALUES ($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = at.ToUniversalTime() });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = "SELECT COUNT(*) FROM votes WHERE at <= $1";
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _migration.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dataSource.Dispose();
        _migration.Dispose();
    }

    // A vote's conversation is its answer's: votes are only ever stored on answers of their own conversation.
    private const string VoteColumns = "SELECT v.answer_id, v.user_id, v.channel, v.value, v.at, v.citation, a.conversation_id FROM votes v JOIN answers a ON a.id = v.answer_id";

    private static async Task<IReadOnlyList<Vote>> ReadVotesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var votes = new List<Vote>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var citation = reader.GetInt32(5);
            votes.Add(new Vote(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(6), (VoteValue)reader.GetInt16(3), reader.GetFieldValue<DateTimeOffset>(4), citation == 0 ? null : citation));
        }

        return votes;
    }

    private async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (!_migrated)
            {
                await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return await work(connection).ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            throw new FeedbackStoreException($"PostgreSQL feedback store: {operation} failed ({exception.GetType().Name}: {exception.Message}).", exception);
        }
    }

    private async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _migration.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                $"""
                SELECT pg_advisory_xact_lock({MigrationLock});
                CREATE TABLE IF NOT EXISTS feedback_schema (version integer NOT NULL);
                CREATE TABLE IF NOT EXISTS answers (
                    id text PRIMARY KEY, channel text NOT NULL, conversation_id text NOT NULL, user_id text NOT NULL,
                    question text NOT NULL, standalone_question text NOT NULL, kind text NOT NULL, answer text NOT NULL,
                    created_at timestamptz NOT NULL, intent text, question_embedding bytea);
                CREATE TABLE IF NOT EXISTS answer_evidence (
                    answer_id text NOT NULL REFERENCES answers (id), rank integer NOT NULL, chunk_id text NOT NULL, document_id text NOT NULL,
                    route text NOT NULL, route_ranks text NOT NULL, score double precision NOT NULL, citation integer NOT NULL,
                    PRIMARY KEY (answer_id, rank));
                CREATE TABLE IF NOT EXISTS votes (
                    answer_id text NOT NULL REFERENCES answers (id), user_id text NOT NULL, citation integer NOT NULL DEFAULT 0,
                    channel text NOT NULL, value smallint NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (answer_id, user_id, citation));
                CREATE INDEX IF NOT EXISTS votes_at ON votes (at);
                CREATE TABLE IF NOT EXISTS learning_resets (at timestamptz NOT NULL);
                INSERT INTO feedback_schema (version) SELECT {SchemaVersion} WHERE NOT EXISTS (SELECT 1 FROM feedback_schema);
                """,
                connection,
                transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
        finally
        {
            _migration.Release();
        }
    }
}
