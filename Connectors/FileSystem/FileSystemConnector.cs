using Assistant.Rag.Ingestion;
using Microsoft.Extensions.Logging;

namespace Assistant.Connectors.FileSystem;

/// <summary>
/// Syncs a local folder into the index: every supported file (Markdown, HTML, text, PDF, DOCX) is parsed and
/// ingested; files deleted from the folder are removed from every index; a file that cannot be read or parsed is
/// skipped with a logged reason and its last good version stays indexed.
/// </summary>
/// <remarks>Thread-safe; syncs are serialised by the ingestion pipeline. Idempotent: a second sync of an unchanged folder changes nothing.</remarks>
public sealed partial class FileSystemConnector
{
    /// <summary>Files larger than this are skipped (a knowledge-base page is never this big; a data dump often is).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    private readonly DocumentParsers _parsers;
    private readonly IngestionPipeline _pipeline;
    private readonly ILogger _logger;

    public FileSystemConnector(DocumentParsers parsers, IngestionPipeline pipeline, ILogger<FileSystemConnector> logger)
    {
        _parsers = parsers;
        _pipeline = pipeline;
        _logger = logger;
    }

    /// <summary>
    /// Syncs <paramref name="folder"/> as source <paramref name="source"/> (document ids are "source:relative/path").
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public async Task<FolderSyncResult> SyncAsync(string folder, string source, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
        }

        var documents = new List<SourceDocument>();
        var skipped = new List<SkippedFile>();
        var keep = new List<string>();
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
            .Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (!_parsers.IsSupported(path))
            {
                continue;
            }

            var id = $"{source}:{relative}";
            try
            {
                var info = new FileInfo(path);
                if (info.Length > MaxFileBytes)
                {
                    Skip(relative, $"larger than {MaxFileBytes / (1024 * 1024)} MB", id);
                    continue;
                }

                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                buffer.Position = 0;
                var parsed = _parsers.Parse(buffer, info.Name);
                if (parsed.Sections.Count == 0)
                {
                    Skip(relative, "no text found", id);
                    continue;
                }

                var metadata = new Dictionary<string, string>(parsed.Metadata, StringComparer.Ordinal)
                {
                    ["source"] = source,
                    ["path"] = relative,
                    ["modified"] = info.LastWriteTimeUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                };
                documents.Add(new SourceDocument(id, parsed.Title, relative, parsed.Sections, metadata));
            }
            catch (Exception exception) when (exception is DocumentParseException or IOException or UnauthorizedAccessException)
            {
                Skip(relative, exception is DocumentParseException ? exception.Message : $"unreadable ({exception.GetType().Name})", id);
            }
        }

        var result = await _pipeline.IngestAsync(source, documents, removeMissing: true, keep, progress, cancellationToken).ConfigureAwait(false);
        return new FolderSyncResult(result, skipped);

        void Skip(string relative, string reason, string id)
        {
            skipped.Add(new SkippedFile(relative, reason));
            keep.Add(id);
            Log.Skipped(_logger, relative, reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Skipped {Path}: {Reason}")]
        public static partial void Skipped(ILogger logger, string path, string reason);
    }
}
