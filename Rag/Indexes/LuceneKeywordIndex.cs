using System.ComponentModel.DataAnnotations;
using Assistant.Rag.Access;
using Assistant.Rag.Ingestion;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Assistant.Rag.Indexes;

/// <summary>
/// BM25 keyword search with Lucene.Net in a directory on disk. Each chunk is analysed for its language: English (and
/// undetermined) text with stemming and stop words, Chinese with the SmartCn word segmenter, Japanese with CJK bigrams.
/// Title and heading are indexed at the head of the body field (one text, as the chunk is embedded) and in a title
/// field that is searched only when <see cref="KeywordIndexOptions.TitleBoost"/> is above 0.
/// </summary>
/// <remarks>
/// <para>Thread safety: all members except <see cref="Dispose"/> may be called concurrently. Searches never block each
/// other; a write is visible to searches when it returns.</para>
/// <para>Durability: changes are durable after <see cref="SaveAsync"/> (a Lucene commit, which is atomic); a crash, or
/// <see cref="Dispose"/> without a save, leaves the last committed state.</para>
/// <para>Queries are never parsed as Lucene syntax: the text is run through each field's analyser and the terms are
/// OR-ed, so any user input is safe. Every language's fields are searched whatever the query's language, because
/// Chinese pages carry English product names and codes, and a query may mix scripts.</para>
/// <para>Japanese uses overlapping character bigrams (<see cref="CJKAnalyzer"/>) rather than SmartCn: SmartCn's
/// dictionary and model are Chinese only, so kana runs and Japanese compounds would be cut at arbitrary points, while
/// bigrams need no dictionary and match any substring of two characters or more.</para>
/// </remarks>
public sealed partial class LuceneKeywordIndex : IKeywordIndex, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string DocumentField = "document";
    private const string AclField = "acl";

    // What a Lucene document holds. An index written with another layout is emptied on open, so that
    // KnowledgeIndex.OpenAsync finds it behind the catalog and rebuilds it from the stored chunks (no embedding work).
    // 1: title and heading only in the title field. 2: also at the head of the body field, as the chunk is embedded.
    // 3: an "acl" term per principal of the document's access list, which filtered searches filter on.
    private const string LayoutKey = "layout";
    private const string Layout = "3";

    // Upper bound on distinct terms per field in one query, well under Lucene's 1024-clause limit.
    private const int MaxTermsPerField = 256;

    private static readonly string[] Families = ["en", "zh", "ja"];
    private static readonly ISet<string> IdFieldOnly = new HashSet<string> { IdField };

    private readonly string _path;
    private readonly KeywordIndexOptions _options;
    private readonly ILogger _logger;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private int _disposed;

    /// <summary>Opens the index in <paramref name="directory"/>, creating the directory and an empty index if needed.
    /// The index holds a write lock on the directory until disposed: one instance per directory.</summary>
    /// <param name="directory">Directory of the Lucene index files.</param>
    /// <param name="options">Ranking settings; null means the defaults.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> has a value out of range.</exception>
    /// <exception cref="IndexStorageException">The index is corrupt, of an unreadable format, or locked by another
    /// writer; the message names the directory.</exception>
    public LuceneKeywordIndex(string directory, KeywordIndexOptions? options = null, ILogger<LuceneKeywordIndex>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _options = options ?? new KeywordIndexOptions();
        try
        {
            Validator.ValidateObject(_options, new ValidationContext(_options), validateAllProperties: true);
        }
        catch (ValidationException ex)
        {
            throw new ArgumentException($"Invalid keyword index options: {ex.Message}", nameof(options), ex);
        }

        _path = Path.GetFullPath(directory);
        _logger = logger ?? NullLogger<LuceneKeywordIndex>.Instance;
        var similarity = new BM25Similarity(_options.K1, _options.B);
        var smartCn = new SmartChineseAnalyzer(Version);
        var bigrams = new CJKAnalyzer(Version);
        _analyzer = new PerFieldAnalyzerWrapper(new EnglishAnalyzer(Version), new Dictionary<string, Analyzer>
        {
            [TitleField("zh")] = smartCn,
            [BodyField("zh")] = smartCn,
            [TitleField("ja")] = bigrams,
            [BodyField("ja")] = bigrams,
        });

        try
        {
            System.IO.Directory.CreateDirectory(_path);
            _directory = FSDirectory.Open(_path);
            var config = new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND, Similarity = similarity };
            _writer = new IndexWriter(_directory, config);
            if (_writer.MaxDoc > 0 && (_writer.CommitData is not { } data || !data.TryGetValue(LayoutKey, out var layout) || layout != Layout))
            {
                LogLayoutChanged(_logger, _path, Layout);
                _writer.DeleteAll();
            }

            _writer.SetCommitData(new Dictionary<string, string> { [LayoutKey] = Layout });
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory(similarity));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _writer?.Rollback();
            _directory?.Dispose();
            _analyzer.Dispose();
            var reason = ex is LockObtainFailedException ? "another writer holds its lock" : ex.Message;
            throw new IndexStorageException($"The keyword index at '{_path}' could not be opened: {reason}", ex);
        }

        LogOpened(_logger, Count, _path);
    }

    /// <inheritdoc />
    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>A chunk is indexed under its <see cref="Chunk.Language"/>: "zh" and "ja" as such, anything else as English.</remarks>
    /// <exception cref="ArgumentException">A chunk has no id.</exception>
    /// <exception cref="IndexStorageException">Lucene could not write the index.</exception>
    public Task UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Any(c => string.IsNullOrEmpty(c?.Id)))
        {
            throw new ArgumentException("Every chunk needs an id.", nameof(chunks));
        }

        cancellationToken.ThrowIfCancellationRequested();
        Write("index chunks", () =>
        {
            foreach (var chunk in chunks)
            {
                _writer.UpdateDocument(new Term(IdField, chunk.Id), ToDocument(chunk));
            }
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="IndexStorageException">Lucene could not write the index.</exception>
    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        var terms = ids.Where(id => !string.IsNullOrEmpty(id)).Select(id => new Term(IdField, id)).ToArray();
        if (terms.Length > 0)
        {
            Write("delete chunks", () => _writer.DeleteDocuments(terms));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Text that analyses to no terms (blank, punctuation, only stop words) gives no hits. Only the first 256
    /// distinct terms per field are used, so a pasted page cannot exceed Lucene's clause limit. Scores are BM25 sums and
    /// only comparable within one result list.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is negative.</exception>
    public Task<IReadOnlyList<ScoredId>> SearchAsync(string text, int top, CancellationToken cancellationToken = default) =>
        SearchCore(text, top, null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The asker's principals become a Lucene filter (one "acl" term each) applied while the index is searched,
    /// so the <paramref name="top"/> hits are the best allowed ones.</remarks>
    public Task<IReadOnlyList<ScoredId>> SearchAsync(string text, int top, AccessFilter access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return SearchCore(text, top, access, cancellationToken);
    }

    private Task<IReadOnlyList<ScoredId>> SearchCore(string text, int top, AccessFilter? access, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        cancellationToken.ThrowIfCancellationRequested();
        if (top == 0 || string.IsNullOrWhiteSpace(text))
        {
            return Task.FromResult<IReadOnlyList<ScoredId>>([]);
        }

        var query = BuildQuery(text);
        LogSearching(_logger, LanguageDetector.Detect(text), query.Clauses.Count);
        if (query.Clauses.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ScoredId>>([]);
        }

        var searcher = _searchers.Acquire();
        try
        {
            var topDocs = access is null ? searcher.Search(query, top) : searcher.Search(query, AclFilter(access), top);
            var hits = new ScoredId[topDocs.ScoreDocs.Length];
            for (var i = 0; i < hits.Length; i++)
            {
                var scoreDoc = topDocs.ScoreDocs[i];
                hits[i] = new ScoredId(searcher.Doc(scoreDoc.Doc, IdFieldOnly).Get(IdField), scoreDoc.Score);
            }

            return Task.FromResult<IReadOnlyList<ScoredId>>(hits);
        }
        catch (IOException ex)
        {
            throw new IndexStorageException($"The keyword index at '{_path}' could not be searched: {ex.Message}", ex);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <inheritdoc />
    /// <exception cref="IndexStorageException">Lucene could not commit.</exception>
    public Task SaveAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write("commit", _writer.Commit);
        LogCommitted(_logger, Count, _path);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Durable, like every write, after <see cref="SaveAsync"/>.</remarks>
    public Task ClearAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write("clear", _writer.DeleteAll);
        return Task.CompletedTask;
    }

    /// <summary>Discards unsaved changes, releases the directory lock and closes the files. Idempotent; must not run
    /// concurrently with other members.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _searchers.Dispose();

        // Rollback rather than Dispose: Lucene's Dispose commits, which would make unsaved changes durable.
        _writer.Rollback();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private static QueryWrapperFilter AclFilter(AccessFilter access)
    {
        var principals = new BooleanQuery();
        foreach (var principal in access.Principals)
        {
            principals.Add(new TermQuery(new Term(AclField, principal)), Occur.SHOULD);
        }

        return new QueryWrapperFilter(principals);
    }

    private static string TitleField(string family) => "title_" + family;

    private static string BodyField(string family) => "body_" + family;

    private static string FamilyOf(string language) => language is LanguageDetector.Chinese or LanguageDetector.Japanese ? language : "en";

    private static Document ToDocument(Chunk chunk)
    {
        var family = FamilyOf(chunk.Language);
        var title = string.IsNullOrEmpty(chunk.Heading) ? chunk.Title ?? string.Empty : chunk.Title + "\n" + chunk.Heading;

        // The body carries the title too, as one text with it, the way the chunk is embedded: in a title field of its
        // own a title term gets the field's own, far higher IDF, and title matches then outweigh the body.
        var body = title.Length == 0 ? chunk.Text ?? string.Empty : title + "\n" + chunk.Text;
        var document = new Document
        {
            new StringField(IdField, chunk.Id, Field.Store.YES),
            new StringField(DocumentField, chunk.DocumentId ?? string.Empty, Field.Store.YES),
            new TextField(TitleField(family), title, Field.Store.NO),
            new TextField(BodyField(family), body, Field.Store.NO),
        };
        foreach (var principal in Principals.Normalize(chunk.Acl))
        {
            document.Add(new StringField(AclField, principal, Field.Store.NO));
        }

        return document;
    }

    private BooleanQuery BuildQuery(string text)
    {
        var query = new BooleanQuery();
        foreach (var family in Families)
        {
            AddFieldClause(query, TitleField(family), text, _options.TitleBoost);
            AddFieldClause(query, BodyField(family), text, 1f);
        }

        return query;
    }

    private void AddFieldClause(BooleanQuery query, string field, string text, float boost)
    {
        if (boost <= 0)
        {
            return;
        }

        var terms = Analyse(field, text);
        if (field == TitleField("en") || field == BodyField("en"))
        {
            // The English analyser splits Chinese into single characters. In the English fields those are rare, so their
            // IDF is high, and a Chinese question would rank an English page first for one Chinese cross-reference line
            // ("See also 年假与请假"). Chinese and Japanese text is matched in its own fields; here only the question's
            // Latin words and codes (product names, ids) are looked for.
            terms.RemoveAll(IsCjkTerm);
        }

        if (terms.Count == 0)
        {
            return;
        }

        var fieldQuery = new BooleanQuery { Boost = boost };
        foreach (var term in terms)
        {
            fieldQuery.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }

        query.Add(fieldQuery, Occur.SHOULD);
    }

    private static bool IsCjkTerm(string term) => term.Any(c => LanguageDetector.IsHan(c) || LanguageDetector.IsKana(c));

    private List<string> Analyse(string field, string text)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = _analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < MaxTermsPerField)
        {
            var value = term.ToString();
            if (seen.Add(value))
            {
                terms.Add(value);
            }
        }

        stream.End();
        return terms;
    }

    private void Write(string operation, Action write)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            write();
            _searchers.MaybeRefreshBlocking();
        }
        catch (IOException ex)
        {
            throw new IndexStorageException($"The keyword index at '{_path}' could not {operation}: {ex.Message}", ex);
        }
    }

    [LoggerMessage(EventId = 1121, Level = LogLevel.Information, Message = "Opened keyword index with {Count} chunks at {Path}")]
    private static partial void LogOpened(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Debug, Message = "Committed keyword index with {Count} chunks at {Path}")]
    private static partial void LogCommitted(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 1124, Level = LogLevel.Warning, Message = "The keyword index at {Path} was written with another field layout; it is emptied and rebuilt from the catalog in layout {Layout}")]
    private static partial void LogLayoutChanged(ILogger logger, string path, string layout);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Debug, Message = "Keyword query in language {Language} became {ClauseCount} field clauses")]
    private static partial void LogSearching(ILogger logger, string language, int clauseCount);
}
