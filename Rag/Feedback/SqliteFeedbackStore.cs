using System.Globalization;
using System.Text.Json;
using Assistant.Rag.Generation;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Feedback;

/// <summary>
/// The embedded feedback store: answers and votes in a SQLite file next to the index. One vote per user per answer;
/// a later vote replaces the earlier one.
/// </summary>
/// <remarks>Thread-safe (a pooled connection per call, WAL mode). Durable when each call returns.</remarks>
public sealed class SqliteFeedbackStore : IFeedbackStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _connectionString;

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public SqliteFeedbackStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS answers (
                id TEXT PRIMARY KEY, channel TEXT NOT NULL, conversation_id TEXT NOT NULL, user_id TEXT NOT NULL,
                question TEXT NOT NULL, standalone_question TEXT NOT NULL, kind TEXT NOT NULL, answer TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS votes (
                answer_id TEXT NOT NULL REFERENCES answers (id), user_id TEXT NOT NULL, channel TEXT NOT NULL,
                value INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (answer_id, user_id));
            """;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async Task RecordAnswerAsync(Turn turn, Answer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(answer);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO answers (id, channel, conversation_id, user_id, question, standalone_question, kind, answer, created_at)
            VALUES ($id, $channel, $conversation, $user, $question, $standalone, $kind, $answer, $at)
            """;
        command.Parameters.AddWithValue("$id", answer.Id);
        command.Parameters.AddWithValue("$channel", turn.Channel);
        command.Parameters.AddWithValue("$conversation", turn.ConversationId);
        command.Parameters.AddWithValue("$user", turn.UserId);
        command.Parameters.AddWithValue("$question", turn.Text);
        command.Parameters.AddWithValue("$standalone", answer.StandaloneQuestion);
        command.Parameters.AddWithValue("$kind", answer.Kind.ToString());
        command.Parameters.AddWithValue("$answer", JsonSerializer.Serialize(answer, Json));
        command.Parameters.AddWithValue("$at", answer.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vote);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO votes (answer_id, user_id, channel, value, at)
            SELECT $answer, $user, $channel, $value, $at WHERE EXISTS (SELECT 1 FROM answers WHERE id = $answer)
            ON CONFLICT (answer_id, user_id) DO UPDATE SET channel = excluded.channel, value = excluded.value, at = excluded.at
            """;
        command.Parameters.AddWithValue("$answer", vote.AnswerId);
        command.Parameters.AddWithValue("$user", vote.UserId);
        command.Parameters.AddWithValue("$channel", vote.Channel);
        command.Parameters.AddWithValue("$value", (int)vote.Value);
        command.Parameters.AddWithValue("$at", vote.At.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Vote>> GetVotesAsync(string answerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT answer_id, user_id, channel, value, at FROM votes WHERE answer_id = $answer ORDER BY at";
        command.Parameters.AddWithValue("$answer", answerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var votes = new List<Vote>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            votes.Add(new Vote(reader.GetString(0), reader.GetString(1), reader.GetString(2), (VoteValue)reader.GetInt32(3), DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return votes;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
