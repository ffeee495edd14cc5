using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Assistant.Rag.Indexes;

/// <summary>
/// The full-precision (float32, L2-normalised) copies of the vectors of one <see cref="Int8FlatVectorIndex"/> save,
/// memory-mapped read-only so they cost page cache rather than managed heap; only the rows a search re-scores are
/// ever touched.
/// </summary>
/// <remarks>
/// <para>Layout: a 24-byte header (magic, version, dimensions, count, generation) then <c>count × dimensions</c>
/// little-endian floats in slot order. The generation ties the file to the int8 file of the same save.</para>
/// <para>Thread safety: <see cref="Row"/> may be called concurrently; the owner must not call it during or after
/// <see cref="Dispose"/>.</para>
/// </remarks>
internal sealed class FloatVectorFile : IDisposable
{
    public const int HeaderSize = 24;
    private const uint FileMagic = 0x56323346; // "F32V" read as a little-endian uint
    private const int FormatVersion = 1;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly unsafe float* _rows;
    private readonly int _dimensions;
    private bool _disposed;

    private unsafe FloatVectorFile(string path, long generation, MemoryMappedFile map, MemoryMappedViewAccessor view, int dimensions)
    {
        Path = path;
        Generation = generation;
        _map = map;
        _view = view;
        _dimensions = dimensions;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _rows = (float*)(pointer + view.PointerOffset + HeaderSize);
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>The save that wrote the file.</summary>
    public long Generation { get; }

    /// <summary>The normalised vector stored at <paramref name="row"/>.</summary>
    public unsafe ReadOnlySpan<float> Row(int row) => new(_rows + ((long)row * _dimensions), _dimensions);

    /// <summary>
    /// Maps the file at <paramref name="path"/> and checks it holds <paramref name="count"/> vectors of
    /// <paramref name="dimensions"/> written by save <paramref name="generation"/>.
    /// </summary>
    /// <exception cref="IndexStorageException">The file is missing, unreadable, corrupt or from another save; the message
    /// names it.</exception>
    public static FloatVectorFile Open(string path, int dimensions, int count, long generation)
    {
        // Rows are read in place, so the file's little-endian floats must be the host's floats.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The vector index needs a little-endian processor.");
        }

        FileStream? stream = null;
        MemoryMappedFile? map = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            var expected = HeaderSize + ((long)count * dimensions * sizeof(float));
            if (stream.Length != expected)
            {
                throw Corrupt(path, $"it is {stream.Length} bytes long; {count} vectors of {dimensions} dimensions take {expected}");
            }

            Span<byte> header = stackalloc byte[HeaderSize];
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != FileMagic)
            {
                throw Corrupt(path, "it is not a full-precision vector file");
            }

            var version = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            if (version != FormatVersion)
            {
                throw Corrupt(path, $"it has format version {version}; this build reads version {FormatVersion}");
            }

            var fileDimensions = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            var fileCount = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
            var fileGeneration = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            if (fileDimensions != dimensions || fileCount != count || fileGeneration != generation)
            {
                throw Corrupt(path, $"it holds {fileCount} vectors of {fileDimensions} dimensions from save {fileGeneration}; the int8 file expects {count} of {dimensions} from save {generation}");
            }

            map = MemoryMappedFile.CreateFromFile(stream, mapName: null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            stream = null; // the map owns it now
            var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new FloatVectorFile(path, generation, map, view, dimensions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            map?.Dispose();
            throw new IndexStorageException($"The full-precision vector file '{path}' could not be read: {ex.Message}", ex);
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>
    /// Writes <paramref name="count"/> rows to a new file at <paramref name="path"/> and flushes it to disk;
    /// <paramref name="row"/> copies the normalised vector of row <c>i</c> into the span it is given.
    /// </summary>
    public static async Task WriteAsync(string path, int dimensions, int count, long generation, Action<int, Span<float>> row, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var header = new byte[HeaderSize];
            BinaryPrimitives.WriteUInt32LittleEndian(header, FileMagic);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), dimensions);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), count);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), generation);
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);

            var rowsPerBuffer = Math.Max(1, (1 << 16) / (dimensions * sizeof(float)));
            var buffer = new byte[rowsPerBuffer * dimensions * sizeof(float)];
            for (var start = 0; start < count; start += rowsPerBuffer)
            {
                var rows = Math.Min(rowsPerBuffer, count - start);
                for (var i = 0; i < rows; i++)
                {
                    row(start + i, MemoryMarshal.Cast<byte, float>(buffer.AsSpan()).Slice(i * dimensions, dimensions));
                }

                await stream.WriteAsync(buffer.AsMemory(0, rows * dimensions * sizeof(float)), cancellationToken).ConfigureAwait(false);
            }

            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private static IndexStorageException Corrupt(string path, string reason) =>
        new($"The full-precision vector file '{path}' is corrupt: {reason}.");
}
