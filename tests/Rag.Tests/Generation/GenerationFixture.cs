using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
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

    public static readonly Passage SeeAlso = new(
        "hr/parental.md#3", "hr/parental.md", "Parental leave", "kb/hr/parental.md", "Country specifics › China (Shanghai)",
        "Statutory maternity leave applies in full. See also 年假与请假（上海办公室）.",
        1.0, ["hr/parental.md#3.0"], "en");

    public static readonly Passage PerDiemZh = new(
        "zh/baoxiao.md#4", "zh/baoxiao.md", "报销政策（上海）", "kb/zh/baoxiao.md", "报销政策（上海） › 出差补贴和住宿标准",
        "出差期间的伙食补贴按天计算，无需提供发票：\n地区: 中国大陆; 全天补贴: 人民币200元; 出发日和返回日: 人民币150元\n地区: 日本; 全天补贴: 7,000日元; 出发日和返回日: 5,250日元\n超出标准须在预订前经直属经理批准。",
        0.6, ["zh/baoxiao.md#4.0"], "zh");

    public static readonly Passage OfficeZh = new(
        "zh/office.docx#1", "zh/office.docx", "上海办公室指南", "kb/zh/office.docx", "上海办公室指南 › 地址和交通",
        "办公室位于上海市静安区江宁路455号锦绣中心21楼。最近的地铁站是7号线和13号线的长寿路站。公司每个工作日提供人民币40元的午餐补贴，随工资发放。",
        0.5, ["zh/office.docx#1.0"], "zh");

    /// <summary>A retrieval as BM25 alone returns it for a Chinese or Japanese question: no question embedding.</summary>
    public static RetrievalResult CjkRetrieval(string question, params Passage[] passages) =>
        new(passages, [], [], ReadOnlyMemory<float>.Empty, Assistant.Rag.Ingestion.LanguageDetector.Detect(question));

    public static async Task<RetrievalResult> RetrievalAsync(string question, params Passage[] passages)
    {
        var embedding = await SharedModel.Embedder.GenerateVectorAsync(question);
        return new RetrievalResult(passages, [], [], embedding, Assistant.Rag.Ingestion.LanguageDetector.Detect(question));
    }

    public static ExtractiveAnswerGenerator Extractive(double minEvidence = 0.4) =>
        new(new SentenceVectorCache(SharedModel.Embedder, Catalog.Value), new FixedOptions<AnswerOptions>(new AnswerOptions { MinEvidence = minEvidence }));

    // One catalog for the sentence vectors of every generator made here, deleted when the test run ends.
    private static readonly Lazy<ChunkCatalog> Catalog = new(() =>
    {
        var folder = new TempFolder();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        return new ChunkCatalog(Path.Combine(folder.Path, "catalog.db"));
    });
}
