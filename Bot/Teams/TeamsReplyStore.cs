using System.Globalization;
using System.Text.Json;
using Assistant.Rag.Generation;
using Microsoft.Data.Sqlite;

namespace Assistant.Bot.Teams;

/// <summary>
/// Which answer each bot message in Teams carried, in a SQLite file next to the index. Teams' built-in feedback
/// names only the rated message (replyToId) and stores nothing itself, and card actions need the answer to draw
/// the card again, so the sent activity id and the answer are kept here.
/// </summary>
/// <remarks>Thread-safe (a pooled connection per call, WAL mode). Durable when each call returns.</remarks>
internal sealed class TeamsReplyStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _connectionString;
    private readonly Lazy<bool> _schema;

    /// <summary>A store at <paramref name="path"/>; the file is created on first use, so a bot without Teams never makes one.</summary>
    public TeamsReplyStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _schema = new Lazy<bool>(() => CreateSchema(path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Records that message <paramref name="activityId"/> in <paramref name="conversationId"/> carried <paramref name="answer"/>; idempotent.</summary>
    public async Task SaveAsync(string conversationId, string activityId, Answer answer, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO replies (conversation_id, activity_id, answer_id, answer, sent_at)
            VALUES ($conversation, $activity, $answerId, $answer, $at)
            """;
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$activity", activityId);
        command.Parameters.AddWithValue("$answerId", answer.Id);
        command.Parameters.AddWithValue("$answer", JsonSerializer.Serialize(answer, Json));
        command.Parameters.AddWithValue("$at", sentAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer message <paramref name="activityId"/> carried, or null when the bot did not send it.</summary>
    public Task<Answer?> FindByActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        FindAsync(
            "SELECT answer FROM replies WHERE conversation_id = $conversation AND activity_id = $activity",
            [("$conversation", conversationId), ("$activity", activityId)],
            cancellationToken);

    /// <summary>The answer with id <paramref name="answerId"/> as sent to <paramref name="conversationId"/>, or null.</summary>
    public Task<Answer?> FindByAnswerAsync(string conversationId, string answerId, CancellationToken cancellationToken) =>
        FindAsync(
            "SELECT answer FROM replies WHERE conversation_id = $conversation AND answer_id = $answerId LIMIT 1",
            [("$conversation", conversationId), ("$answerId", answerId)],
            cancellationToken);

    /// <summary>The id of the message that carried <paramref name="answerId"/> in <paramref name="conversationId"/>, or null.</summary>
    public async Task<string?> FindActivityIdAsync(string conversationId, string answerId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT activity_id FROM replies WHERE conversation_id = $conversation AND answer_id = $answerId LIMIT 1";
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$answerId", answerId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private async Task<Answer?> FindAsync(string sql, (string Name, string Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<Answer>(json, Json)
            : null;
    }

    private bool CreateSchema(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS replies (
                conversation_id TEXT NOT NULL, activity_id TEXT NOT NULL, answer_id TEXT NOT NULL,
                answer TEXT NOT NULL, sent_at TEXT NOT NULL, PRIMARY KEY (conversation_id, activity_id));
            CREATE INDEX IF NOT EXISTS replies_answer ON replies (answer_id);
            """;
        command.ExecuteNonQuery();
        return true;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
