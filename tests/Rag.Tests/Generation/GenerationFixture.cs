using Assistant.Rag.Generation;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests.Generation;

/// <summary>Hand-made retrieval results over two short passages, with a real MiniLM question embedding.</summary>
internal static class GenerationFixture
{
    public static readonly Passage Laptops = new(
        "it/laptops.md#0", "it/laptops.md", "Laptop replacement", "kb/it/laptops.md", "Laptop replacement",
        "Laptops are replaced every four years from the date they were issued. A broken screen is repaired by the service desk within two working days.",
        0.03, ["it/laptops.md#0.0"], "en");

    public static readonly Passage Wifi = new(
        "it/wifi.md#0", "it/wifi.md", "Wi-Fi", "kb/it/wifi.md", "Guest Wi-Fi",
        "The guest Wi-Fi password changes every Monday at six in the morning. It is shown on the screens at reception.",
        0.02, ["it/wifi.md#0.0"], "en");

    public static async Task<RetrievalResult> RetrievalAsync(string question, params Passage[] passages)
    {
        var embedding = await SharedModel.Embedder.GenerateVectorAsync(question);
        return new RetrievalResult(passages, [], [], embedding, Assistant.Rag.Ingestion.LanguageDetector.Detect(question));
    }

    public static ExtractiveAnswerGenerator Extractive(double minEvidence = 0.4) =>
        new(SharedModel.Embedder, new StaticOptions<AnswerOptions>(new AnswerOptions { MinEvidence = minEvidence }));

    internal sealed class StaticOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
