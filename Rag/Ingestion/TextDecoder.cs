using System.Text;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Decodes the bytes of a text format (Markdown, HTML, plain text) and rejects binary data.
/// </summary>
/// <remarks>
/// UTF-8 and UTF-16 are recognised by their byte-order mark; without one, strict UTF-8 is tried (a sequence cut off
/// by truncation at the very end is dropped), then the charset the file declares (HTML's meta charset, passed in by
/// the caller), and last ISO-8859-1, the common legacy single-byte encoding. Content with NUL bytes, or with more than
/// two control characters making up over 1 % of it, is binary and is rejected. Stateless and thread-safe.
/// </remarks>
internal static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoder()
    {
        // Legacy code pages (GBK, Shift_JIS, windows-1252) ship with .NET but must be registered to be found by name.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Decodes <paramref name="bytes"/> or throws <see cref="DocumentParseException"/> naming the file.</summary>
    /// <param name="bytes">The file content.</param>
    /// <param name="fileName">Named in error messages.</param>
    /// <param name="format">Named in error messages.</param>
    /// <param name="declaredCharset">Reads the charset the content declares, if the format has a way to; null when it has none.</param>
    public static string Decode(byte[] bytes, string fileName, string format, Func<byte[], string?>? declaredCharset = null)
    {
        var text = DecodeWithBom(bytes)
            ?? DecodeUtf8(bytes)
            ?? DecodeDeclared(bytes, declaredCharset?.Invoke(bytes))
            ?? Encoding.Latin1.GetString(bytes);
        if (LooksBinary(text))
        {
            throw ParseFailure.Create(fileName, format, "the file holds binary data, not text");
        }

        return text;
    }

    private static string? DecodeDeclared(byte[] bytes, string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim()).GetString(bytes);
        }
        catch (ArgumentException)
        {
            // An unknown or misspelt charset name: fall back as if none was declared.
            return null;
        }
    }

    private static string? DecodeWithBom(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return DecodeUtf8(bytes[3..]) ?? Encoding.Latin1.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        return null;
    }

    private static string? DecodeUtf8(byte[] bytes)
    {
        // A truncated file can end inside a multi-byte sequence; up to three trailing bytes are forgiven.
        for (var trim = 0; trim <= Math.Min(3, bytes.Length); trim++)
        {
            try
            {
                return StrictUtf8.GetString(bytes, 0, bytes.Length - trim);
            }
            catch (DecoderFallbackException)
            {
                if (!EndsInsideSequence(bytes, trim))
                {
                    return null;
                }
            }
        }

        return null;
    }

    // True when the invalid bytes could be the start of a multi-byte sequence cut off at the end.
    private static bool EndsInsideSequence(byte[] bytes, int trim)
    {
        var index = bytes.Length - trim - 1;
        return index >= 0 && bytes[index] >= 0x80;
    }

    private static bool LooksBinary(string text)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return true;
            }

            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                controls++;
            }
        }

        // A stray control character or two is noise in a text file; many are the signature of binary data.
        return controls > 2 && controls * 100 > text.Length;
    }
}
