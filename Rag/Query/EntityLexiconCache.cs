using Assistant.Rag.Indexes;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Query;

/// <summary>
/// The <see cref="EntityLexicon"/> of the index as it is now: built from the catalog's titles and passages the first
/// time a follow-up needs it once the index is ready, and built again when the catalog has changed since (checked at
/// most once a minute). Before the index is ready, and when the catalog cannot be read, the seeded lexicon is used.
/// </summary>
/// <remarks>Thread-safe; one build runs at a time, readers never wait for it (they use the previous lexicon).</remarks>
public sealed partial class EntityLexiconCache
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);
    private readonly KnowledgeIndex _index;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private volatile Snapshot? _current;
    private bool _building;

    public EntityLexiconCache(KnowledgeIndex index, TimeProvider time, ILogger<EntityLexiconCache> logger)
    {
        _index = index;
        _time = time;
        _logger = logger;
    }

    /// <summary>The lexicon to read the next follow-up with. Never throws.</summary>
    public EntityLexicon Current
    {
        get
        {
            if (!_index.IsReady)
            {
                return EntityLexicon.Seed;
            }

            var current = _current;
            var now = _time.GetUtcNow();
            if (current is not null && now - current.Checked < CheckEvery)
            {
                return current.Lexicon;
            }

            lock (_gate)
            {
                if (_building)
                {
                    return current?.Lexicon ?? EntityLexicon.Seed;
                }

                _building = true;
            }

            try
            {
                _current = Refresh(current, now);
            }
            finally
            {
                lock (_gate)
                {
                    _building = false;
                }
            }

            return _current?.Lexicon ?? EntityLexicon.Seed;
        }
    }

    private Snapshot? Refresh(Snapshot? current, DateTimeOffset now)
    {
        try
        {
            var generation = _index.Catalog.Generation;
            if (current is not null && current.Generation == generation)
            {
                return current with { Checked = now };
            }

            var lexicon = EntityLexicon.Build(_index.Catalog.ReadAll().Select(c => (c.Chunk.Title, c.Chunk.Heading, c.Chunk.Text)));
            Log.Built(_logger, lexicon.Count, generation);
            return new Snapshot(lexicon, generation, now);
        }
        catch (Exception exception) when (exception is IndexStorageException or Microsoft.Data.Sqlite.SqliteException or IOException or InvalidDataException)
        {
            Log.Unreadable(_logger, exception.GetType().Name);
            return current is null ? null : current with { Checked = now };
        }
    }

    private sealed record Snapshot(EntityLexicon Lexicon, long Generation, DateTimeOffset Checked);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1555, Level = LogLevel.Debug, Message = "Built the follow-up entity lexicon: {Count} entities, catalog generation {Generation}")]
        public static partial void Built(ILogger logger, int count, long generation);

        [LoggerMessage(EventId = 1556, Level = LogLevel.Warning, Message = "The catalog could not be read for the follow-up entity lexicon ({ErrorType}); using the seeded entities")]
        public static partial void Unreadable(ILogger logger, string errorType);
    }
}
