using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Support;

/// <summary>A handful of short documents with facts only they hold, small enough for MiniLM to embed in a second or two.</summary>
internal static class KnowledgeBase
{
    public const string Source = "kb";

    public static SourceDocument Travel { get; } = Document(
        "kb:travel.md",
        "Travel expense policy",
        ("Per diem", "The daily meal allowance for business trips in Germany is 28 euros. Hotel costs are reimbursed up to 150 euros a night."),
        ("Booking", "Book flights through the Navan travel portal at least fourteen days before departure. Economy class is the default for flights under six hours."));

    public static SourceDocument Vpn { get; } = Document(
        "kb:vpn.md",
        "Connecting to the VPN",
        ("Setup", "Install the GlobalProtect client from the software center and enter the portal address vpn.contoso.com when it asks."),
        ("Troubleshooting", "If the connection drops every few minutes, switch the gateway to Frankfurt and restart the client."));

    public static SourceDocument Leave { get; } = Document(
        "kb:leave.md",
        "Parental leave",
        ("Eligibility", "Employees with one year of service receive sixteen weeks of paid parental leave. Requests go to the HR portal Workday."));

    public static SourceDocument Expenses { get; } = Document(
        "kb:zh/baoxiao.md",
        "差旅报销制度",
        ("报销时限", "差旅费用必须在出差结束后三十天内提交报销申请，并附上电子发票。超过期限的申请需要部门经理审批。"));

    public static IReadOnlyList<SourceDocument> All { get; } = [Travel, Vpn, Leave, Expenses];

    public static SourceDocument Document(string id, string title, params (string Heading, string Text)[] sections) =>
        new(id, title, id, [.. sections.Select(s => new DocumentSection(s.Heading, s.Text))], new Dictionary<string, string>());
}
