using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Assistant.Rag.Ingestion;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Indexes;

/// <summary>
/// The source of truth of the index folder: documents, their sections (parent passages), chunks with their
/// embeddings and each chunk's hypothetical questions (with theirs), in one SQLite file. The vector and keyword indexes are derived from it and can be rebuilt from it
/// without embedding anything again.
/// </summary>
/// <remarks>
/// Thread-safe: each call opens a pooled connection; the database runs in WAL mode so reads proceed during a write.
/// A document's replacement is one transaction, so a crash leaves either the old or the new version.
/// </remarks>
public sealed class ChunkCatalog
{
    private const int SchemaVersion = 3;
    private readonly string _connectionString;

    /// <summary>Opens (creating if needed) the catalog at <paramref name="path"/>.</summary>
    public ChunkCatalog(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS documents (
                id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,
                version TEXT NOT NULL, content_hash TEXT NOT NULL, metadata TEXT NOT NULL, ingested_at TEXT NOT NULL, acl TEXT);
            CREATE INDEX IF NOT EXISTS documents_source ON documents (source);
            CREATE TABLE IF NOT EXISTS sections (
                id TEXT PRIMARY KEY, document_id TEXT NOT NULL, ordinal INTEGER NOT NULL, heading TEXT NOT NULL, text TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS sections_document ON sections (document_id);
            CREATE TABLE IF NOT EXISTS chunks (
                id TEXT PRIMARY KEY, document_id TEXT NOT NULL, parent_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
                heading TEXT NOT NULL, text TEXT NOT NULL, language TEXT NOT NULL, token_count INTEGER NOT NULL,
                content_hash TEXT NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, embedding BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS chunks_document ON chunks (document_id);
            CREATE INDEX IF NOT EXISTS chunks_parent ON chunks (parent_id);
            CREATE INDEX IF NOT EXISTS chunks_hash ON chunks (content_hash);
            CREATE TABLE IF NOT EXISTS chunk_questions (
                chunk_id TEXT NOT NULL, ordinal INTEGER NOT NULL, text TEXT NOT NULL, embedding BLOB NOT NULL,
                PRIMARY KEY (chunk_id, ordinal));
            CREATE TABLE IF NOT EXISTS sentence_vectors (key TEXT PRIMARY KEY, embedding BLOB NOT NULL);
            INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '3'), ('generation', '0');
            """);

        // The sentence_vectors table (a cache of sentence embeddings keyed by model and text, see SentenceVectorCache) is
        // created above in a catalog of any version and does not raise it: an older build ignores the table, and what
        // it deletes or changes cannot make a stored vector wrong, since a vector depends only on its key.
        // Version 1 differs only by the chunk_questions table, created above: the upgrade is in place and loses nothing.
        // The version is raised so that an older build refuses this catalog instead of leaving behind questions of chunks it deletes.
        Execute(connection, "UPDATE meta SET value = '2' WHERE key = 'schema' AND value = '1'");

        // Version 2 has no access lists: every document in it came from a source without permissions (the folder, the
        // sample knowledge base) and is public, which is what a NULL acl means. The column is added in place.
        if (Scalar(connection, "SELECT value FROM meta WHERE key = 'schema'") == "2")
        {
            if (Scalar(connection, "SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'acl'") == "0")
            {
                Execute(connection, "ALTER TABLE documents ADD COLUMN acl TEXT");
            }

            Execute(connection, "UPDATE meta SET value = '3' WHERE key = 'schema'");
        }

        var schema = Scalar(connection, "SELECT value FROM meta WHERE key = 'schema'");
        if (schema != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException($"The catalog '{path}' has schema version {schema}; this build reads version {SchemaVersion}. Delete the index folder to rebuild it.");
        }
    }

    /// <summary>Increases with every committed change; the derived indexes record the generation they reflect.</summary>
    public long Generation
    {
        get
        {
            using var connection = Open();
            return long.Parse(Scalar(connection, "SELECT value FROM meta WHERE key = 'generation'")!, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Reads a free-form setting (e.g. the embedding model the vectors were made with); null when absent.</summary>
    public string? GetSetting(string key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", "setting:" + key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Writes a free-form setting.</summary>
    public void SetSetting(string key, string value)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", "setting:" + key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    /// <summary>Number of documents and chunks.</summary>
    public (int Documents, int Chunks) Count()
    {
        using var connection = Open();
        return (int.Parse(Scalar(connection, "SELECT count(*) FROM documents")!, CultureInfo.InvariantCulture),
            int.Parse(Scalar(connection, "SELECT count(*) FROM chunks")!, CultureInfo.InvariantCulture));
    }

    /// <summary>Number of stored hypothetical questions (each is one extra record in the vector index).</summary>
    public int CountQuestions()
    {
        using var connection = Open();
        return int.Parse(Scalar(connection, "SELECT count(*) FROM chunk_questions")!, CultureInfo.InvariantCulture);
    }

    /// <summary>The document with this id, or null.</summary>
    public CatalogDocument? GetDocument(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.id, d.source, d.title, d.url, d.version, d.content_hash, d.ingested_at,
                   (SELECT count(*) FROM chunks c WHERE c.document_id = d.id), d.acl
            FROM documents d WHERE d.id = $id
            """;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadDocument(reader) : null;
    }

    /// <summary>All documents of a source (all documents when <paramref name="source"/> is null).</summary>
    public IReadOnlyList<CatalogDocument> GetDocuments(string? source = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.id, d.source, d.title, d.url, d.version, d.content_hash, d.ingested_at,
                   (SELECT count(*) FROM chunks c WHERE c.document_id = d.id), d.acl
            FROM documents d WHERE $source IS NULL OR d.source = $source ORDER BY d.id
            """;
        command.Parameters.AddWithValue("$source", (object?)source ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var documents = new List<CatalogDocument>();
        while (reader.Read())
        {
            documents.Add(ReadDocument(reader));
        }

        return documents;
    }

    /// <summary>The access lists of these documents (id → normalised list); unknown documents are absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> GetAcls(IReadOnlyCollection<string> documentIds)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var found = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using var connection = Open();
        foreach (var batch in documentIds.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id, acl FROM documents WHERE id IN ({Parameters(command, batch)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found[reader.GetString(0)] = ReadAcl(reader, 1);
            }
        }

        return found;
    }

    /// <summary>Embeddings already computed for these chunk content hashes (hash → vector); unknown hashes are absent.</summary>
    public IReadOnlyDictionary<string, float[]> GetEmbeddingsByHash(IReadOnlyCollection<string> hashes)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        using var connection = Open();
        foreach (var batch in hashes.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT content_hash, embedding FROM chunks WHERE content_hash IN ({Parameters(command, batch)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.TryAdd(reader.GetString(0), ToVector((byte[])reader[1]));
            }
        }

        return found;
    }

    /// <summary>Stored sentence vectors for these keys (key → vector); unknown keys are absent. See <see cref="Generation.SentenceVectorCache"/>.</summary>
    public IReadOnlyDictionary<string, float[]> GetSentenceVectors(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        using var connection = Open();
        foreach (var batch in keys.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT key, embedding FROM sentence_vectors WHERE key IN ({Parameters(command, batch)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found[reader.GetString(0)] = ToVector((byte[])reader[1]);
            }
        }

        return found;
    }

    /// <summary>
    /// Stores sentence vectors (a key already stored keeps its vector), then deletes the oldest beyond
    /// <paramref name="limit"/>, in one transaction.
    /// </summary>
    public void AddSentenceVectors(IReadOnlyDictionary<string, float[]> vectors, int limit)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (vectors.Count == 0)
        {
            return;
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO sentence_vectors (key, embedding) VALUES ($key, $embedding)";
            var key = command.Parameters.Add("$key", SqliteType.Text);
            var embedding = command.Parameters.Add("$embedding", SqliteType.Blob);
            foreach (var (k, vector) in vectors)
            {
                (key.Value, embedding.Value) = (k, ToBytes(vector));
                command.ExecuteNonQuery();
            }
        }

        using (var command = connection.CreateCommand())
        {
            // Rowids grow with each insert, so the smallest are the oldest; max(rowid) - limit is cheaper than count(*).
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM sentence_vectors WHERE rowid <= (SELECT max(rowid) FROM sentence_vectors) - $limit";
            command.Parameters.AddWithValue("$limit", limit);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Deletes every stored sentence vector (when the embedding model changed, none will be asked for again).</summary>
    public void ClearSentenceVectors()
    {
        using var connection = Open();
        Execute(connection, "DELETE FROM sentence_vectors");
    }

    /// <summary>Number of stored sentence vectors.</summary>
    public int CountSentenceVectors()
    {
        using var connection = Open();
        return int.Parse(Scalar(connection, "SELECT count(*) FROM sentence_vectors")!, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Replaces a document with its new version in one transaction and returns the ids of the chunks it had before.
    /// <paramref name="questions"/> (chunk id → hypothetical questions, in order) gives the new chunks' questions; null, or
    /// a chunk absent from it, stores none for that chunk. The old chunks' questions are deleted with them.
    /// </summary>
    /// <exception cref="ArgumentException">A chunk has no embedding, or questions name a chunk the document does not have
    /// (nothing is written then).</exception>
    public IReadOnlyList<string> ReplaceDocument(string source, ChunkedDocument document, IReadOnlyDictionary<string, float[]> embeddings, DateTimeOffset now, IReadOnlyDictionary<string, IReadOnlyList<HypotheticalQuestion>>? questions = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(embeddings);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var old = ChunkIds(connection, transaction, document.Source.Id);
        DeleteRows(connection, transaction, document.Source.Id);

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO documents (id, source, title, url, version, content_hash, metadata, ingested_at, acl)
                VALUES ($id, $source, $title, $url, $version, $hash, $metadata, $at, $acl)
                """;
            command.Parameters.AddWithValue("$id", document.Source.Id);
            command.Parameters.AddWithValue("$source", source);
            command.Parameters.AddWithValue("$title", document.Source.Title);
            command.Parameters.AddWithValue("$url", document.Source.Url);
            command.Parameters.AddWithValue("$version", document.Version);
            command.Parameters.AddWithValue("$hash", document.ContentHash);
            command.Parameters.AddWithValue("$metadata", JsonSerializer.Serialize(document.Source.Metadata));
            command.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$acl", AclText(document.Source.Acl));
            command.ExecuteNonQuery();
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO sections (id, document_id, ordinal, heading, text) VALUES ($id, $doc, $ordinal, $heading, $text)";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var doc = command.Parameters.Add("$doc", SqliteType.Text);
            var ordinal = command.Parameters.Add("$ordinal", SqliteType.Integer);
            var heading = command.Parameters.Add("$heading", SqliteType.Text);
            var text = command.Parameters.Add("$text", SqliteType.Text);
            foreach (var section in document.Sections)
            {
                (id.Value, doc.Value, ordinal.Value, heading.Value, text.Value) = (section.Id, section.DocumentId, section.Ordinal, section.Heading, section.Text);
                command.ExecuteNonQuery();
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO chunks (id, document_id, parent_id, ordinal, heading, text, language, token_count, content_hash, start_offset, end_offset, embedding)
                VALUES ($id, $doc, $parent, $ordinal, $heading, $text, $language, $tokens, $hash, $start, $end, $embedding)
                """;
            var p = new[] { "$id", "$doc", "$parent", "$ordinal", "$heading", "$text", "$language", "$tokens", "$hash", "$start", "$end", "$embedding" }
                .Select(name => command.Parameters.Add(name, SqliteType.Text)).ToArray();
            foreach (var piece in document.Pieces)
            {
                var c = piece.Chunk;
                if (!embeddings.TryGetValue(c.Id, out var vector))
                {
                    throw new ArgumentException($"No embedding was given for chunk '{c.Id}'.", nameof(embeddings));
                }

                object[] values = [c.Id, c.DocumentId, c.ParentId, c.Ordinal, c.Heading, c.Text, c.Language, c.TokenCount, c.ContentHash, piece.Start, piece.End, ToBytes(vector)];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = values[i];
                }

                p[^1].SqliteType = SqliteType.Blob;
                command.ExecuteNonQuery();
            }
        }

        if (questions is { Count: > 0 })
        {
            InsertQuestions(connection, transaction, document, questions);
        }

        BumpGeneration(connection, transaction);
        transaction.Commit();
        return old;
    }

    /// <summary>Removes a document in one transaction and returns the ids of the chunks it had; none when it was unknown.</summary>
    public IReadOnlyList<string> RemoveDocument(string documentId)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var old = ChunkIds(connection, transaction, documentId);
        DeleteRows(connection, transaction, documentId);
        BumpGeneration(connection, transaction);
        transaction.Commit();
        return old;
    }

    /// <summary>Chunks by id; ids not found are absent from the result.</summary>
    public IReadOnlyDictionary<string, StoredChunk> GetChunks(IReadOnlyCollection<string> ids)
    {
        var found = new Dictionary<string, StoredChunk>(StringComparer.Ordinal);
        using var connection = Open();
        foreach (var batch in ids.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"{SelectChunks} WHERE c.id IN ({Parameters(command, batch)})";
            ReadChunks(command, found);
        }

        return found;
    }

    /// <summary>All chunks of one parent section, in order.</summary>
    public IReadOnlyList<StoredChunk> GetChunksOfParent(string parentId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"{SelectChunks} WHERE c.parent_id = $parent ORDER BY c.ordinal";
        command.Parameters.AddWithValue("$parent", parentId);
        var found = new Dictionary<string, StoredChunk>(StringComparer.Ordinal);
        ReadChunks(command, found);
        return [.. found.Values.OrderBy(c => c.Chunk.Ordinal)];
    }

    /// <summary>Parent sections by id; ids not found are absent.</summary>
    public IReadOnlyDictionary<string, ChunkedSection> GetSections(IReadOnlyCollection<string> ids)
    {
        var found = new Dictionary<string, ChunkedSection>(StringComparer.Ordinal);
        using var connection = Open();
        foreach (var batch in ids.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id, document_id, ordinal, heading, text FROM sections WHERE id IN ({Parameters(command, batch)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found[reader.GetString(0)] = new ChunkedSection(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4));
            }
        }

        return found;
    }

    /// <summary>
    /// Questions already generated for chunks with these content hashes (hash → questions in order, all from one chunk
    /// of that content); hashes without questions are absent. Lets a re-ingest reuse them without asking the LLM again.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HypotheticalQuestion>> GetQuestionsByHash(IReadOnlyCollection<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var found = new Dictionary<string, (string ChunkId, List<HypotheticalQuestion> Questions)>(StringComparer.Ordinal);
        using var connection = Open();
        foreach (var batch in hashes.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT c.content_hash, q.chunk_id, q.text, q.embedding FROM chunk_questions q JOIN chunks c ON c.id = q.chunk_id
                WHERE c.content_hash IN ({Parameters(command, batch)}) ORDER BY q.chunk_id, q.ordinal
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var (hash, chunkId) = (reader.GetString(0), reader.GetString(1));
                if (!found.TryGetValue(hash, out var entry))
                {
                    found[hash] = entry = (chunkId, []);
                }

                // Identical content in several chunks has a copy of its questions in each; one copy is enough.
                if (entry.ChunkId == chunkId)
                {
                    entry.Questions.Add(new HypotheticalQuestion(reader.GetString(2), ToVector((byte[])reader[3])));
                }
            }
        }

        return found.ToDictionary(e => e.Key, e => (IReadOnlyList<HypotheticalQuestion>)e.Value.Questions, StringComparer.Ordinal);
    }

    /// <summary>The questions of these chunks (chunk id → questions in order); chunks without questions are absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HypotheticalQuestion>> GetQuestions(IReadOnlyCollection<string> chunkIds)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        var found = new Dictionary<string, List<HypotheticalQuestion>>(StringComparer.Ordinal);
        using var connection = Open();
        foreach (var batch in chunkIds.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT chunk_id, text, embedding FROM chunk_questions WHERE chunk_id IN ({Parameters(command, batch)}) ORDER BY chunk_id, ordinal";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var chunkId = reader.GetString(0);
                if (!found.TryGetValue(chunkId, out var list))
                {
                    found[chunkId] = list = [];
                }

                list.Add(new HypotheticalQuestion(reader.GetString(1), ToVector((byte[])reader[2])));
            }
        }

        return found.ToDictionary(e => e.Key, e => (IReadOnlyList<HypotheticalQuestion>)e.Value, StringComparer.Ordinal);
    }

    /// <summary>The vector-index ids (<see cref="QuestionRecords.Id"/>) of the questions a document's chunks have now.</summary>
    public IReadOnlyList<string> GetQuestionRecordIds(string documentId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT q.chunk_id, q.ordinal FROM chunk_questions q JOIN chunks c ON c.id = q.chunk_id WHERE c.document_id = $doc";
        command.Parameters.AddWithValue("$doc", documentId);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(QuestionRecords.Id(reader.GetString(0), reader.GetInt32(1)));
        }

        return ids;
    }

    /// <summary>Every question as its vector record (<see cref="QuestionRecords.Id"/>, embedding, its document's access list), for rebuilding the vector index; streamed.</summary>
    public IEnumerable<VectorRecord> ReadAllQuestionVectors()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT q.chunk_id, q.ordinal, q.embedding, d.acl FROM chunk_questions q
            JOIN chunks c ON c.id = q.chunk_id JOIN documents d ON d.id = c.document_id ORDER BY q.chunk_id, q.ordinal
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new VectorRecord(QuestionRecords.Id(reader.GetString(0), reader.GetInt32(1)), ToVector((byte[])reader[2]), ReadAcl(reader, 3));
        }
    }

    /// <summary>Every chunk with its embedding, for rebuilding the derived indexes; streamed in id order.</summary>
    public IEnumerable<(Chunk Chunk, float[] Embedding)> ReadAll()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectChunks.Replace("SELECT ", "SELECT c.embedding, ", StringComparison.Ordinal) + " ORDER BY c.id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (ReadChunk(reader, 1).Chunk, ToVector((byte[])reader[0]));
        }
    }

    private const string SelectChunks = """
        SELECT c.id, c.document_id, c.parent_id, c.ordinal, d.title, d.url, c.heading, c.text, c.language, c.token_count,
               c.content_hash, d.version, c.start_offset, c.end_offset, d.acl
        FROM chunks c JOIN documents d ON d.id = c.document_id
        """;

    private static void ReadChunks(SqliteCommand command, Dictionary<string, StoredChunk> found)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var stored = ReadChunk(reader, 0);
            found[stored.Chunk.Id] = stored;
        }
    }

    private static StoredChunk ReadChunk(SqliteDataReader r, int o) => new(
        new Chunk(r.GetString(o), r.GetString(o + 1), r.GetString(o + 2), r.GetInt32(o + 3), r.GetString(o + 4), r.GetString(o + 5),
            r.GetString(o + 6), r.GetString(o + 7), r.GetString(o + 8), r.GetInt32(o + 9), r.GetString(o + 10), r.GetString(o + 11), ReadAcl(r, o + 14)),
        r.GetInt32(o + 12),
        r.GetInt32(o + 13));

    private static CatalogDocument ReadDocument(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture), r.GetInt32(7), ReadAcl(r, 8));

    // NULL (a version 2 row, or a document without permissions) is public.
    private static IReadOnlyList<string> ReadAcl(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? [Access.Principals.Public] : Access.Principals.Normalize(JsonSerializer.Deserialize<string[]>(r.GetString(ordinal)));

    private static string AclText(IReadOnlyList<string>? acl) => JsonSerializer.Serialize(Access.Principals.Normalize(acl));

    private static List<string> ChunkIds(SqliteConnection connection, SqliteTransaction transaction, string documentId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM chunks WHERE document_id = $doc";
        command.Parameters.AddWithValue("$doc", documentId);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static void InsertQuestions(SqliteConnection connection, SqliteTransaction transaction, ChunkedDocument document, IReadOnlyDictionary<string, IReadOnlyList<HypotheticalQuestion>> questions)
    {
        var chunkIds = document.Pieces.Select(p => p.Chunk.Id).ToHashSet(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO chunk_questions (chunk_id, ordinal, text, embedding) VALUES ($chunk, $ordinal, $text, $embedding)";
        var chunk = command.Parameters.Add("$chunk", SqliteType.Text);
        var ordinal = command.Parameters.Add("$ordinal", SqliteType.Integer);
        var text = command.Parameters.Add("$text", SqliteType.Text);
        var embedding = command.Parameters.Add("$embedding", SqliteType.Blob);
        foreach (var (chunkId, list) in questions)
        {
            if (!chunkIds.Contains(chunkId))
            {
                throw new ArgumentException($"Questions were given for chunk '{chunkId}', which document '{document.Source.Id}' does not have.", nameof(questions));
            }

            for (var i = 0; i < list.Count; i++)
            {
                (chunk.Value, ordinal.Value, text.Value, embedding.Value) = (chunkId, i, list[i].Text, ToBytes(list[i].Embedding));
                command.ExecuteNonQuery();
            }
        }
    }

    private static void DeleteRows(SqliteConnection connection, SqliteTransaction transaction, string documentId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM chunk_questions WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = $doc);
            DELETE FROM chunks WHERE document_id = $doc;
            DELETE FROM sections WHERE document_id = $doc;
            DELETE FROM documents WHERE id = $doc;
            """;
        command.Parameters.AddWithValue("$doc", documentId);
        command.ExecuteNonQuery();
    }

    private static void BumpGeneration(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'";
        command.ExecuteNonQuery();
    }

    private static string Parameters(SqliteCommand command, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = "$p" + names.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        return string.Join(',', names);
    }

    private static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    private static float[] ToVector(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
