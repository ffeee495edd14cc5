using Assistant.Rag.Embeddings;

namespace Assistant.Benchmarks;

/// <summary>
/// Reproducible enterprise-handbook prose: passages of whole sentences drawn from templates with varied subjects,
/// actions and details, sized by WordPiece tokens like the chunks ingestion produces.
/// </summary>
internal static class SyntheticPassages
{
    private static readonly string[] Teams =
    [
        "The finance team", "Our payroll office", "The IT service desk", "Facilities management", "The security team",
        "Human resources", "The procurement group", "Each regional office", "The legal department", "Customer support",
        "The data platform team", "Internal audit",
    ];

    private static readonly string[] Actions =
    [
        "reviews", "approves", "archives", "audits", "updates", "escalates", "publishes", "reconciles", "tracks", "signs off",
    ];

    private static readonly string[] Objects =
    [
        "expense reports", "travel requests", "laptop replacements", "access badges", "vendor contracts", "holiday calendars",
        "incident tickets", "purchase orders", "onboarding checklists", "backup schedules", "quarterly forecasts",
        "parking permits", "software licences", "training records",
    ];

    private static readonly string[] Timings =
    [
        "every Friday afternoon", "before the end of each month", "within two working days", "at the start of every quarter",
        "as soon as a manager has signed the form", "once the budget owner has confirmed the cost centre",
        "during the annual planning cycle", "whenever a request exceeds the usual limit",
    ];

    private static readonly string[] Reasons =
    [
        "so that nothing is paid twice", "because the auditors ask for a complete trail", "to keep the regional offices in step",
        "which keeps the service desk queue short", "since late submissions delay everyone's reimbursement",
        "so that new starters have a working account on their first day", "because the insurer requires it",
        "which lets the controllers close the books on time",
    ];

    private static readonly string[] Asides =
    [
        "Employees who work remotely follow the same procedure, but they submit scanned receipts through the portal.",
        "Questions about the policy can be raised with your line manager or posted in the internal help channel.",
        "Exceptions are rare and must be documented with a short explanation and the name of the approver.",
        "The previous version of this guidance, issued two years ago, no longer applies and should not be cited.",
        "If the portal is unavailable, e-mail the request and the team will log it manually the next morning.",
        "Contractors are covered only where their agreement says so; check with procurement before you proceed.",
        "Receipts older than ninety days cannot be reimbursed unless the delay was caused by a system outage.",
        "All figures are reported in euros, converted at the rate published by the treasury on the first of the month.",
    ];

    /// <summary><paramref name="count"/> passages of <paramref name="minTokens"/> to <paramref name="maxTokens"/> WordPiece tokens.</summary>
    public static string[] Create(int count, int minTokens, int maxTokens, int seed = 1)
    {
        var random = new Random(seed);
        var counter = new WordPieceTokenCounter();
        var passages = new string[count];
        for (var p = 0; p < count; p++)
        {
            var text = "";
            while (true)
            {
                var next = text.Length == 0 ? Sentence(random) : text + " " + Sentence(random);
                var tokens = counter.CountTokens(next);
                if (tokens > maxTokens)
                {
                    if (counter.CountTokens(text) >= minTokens)
                    {
                        break;
                    }

                    continue; // too long a sentence for what is left: draw another
                }

                text = next;
            }

            passages[p] = text;
        }

        return passages;
    }

    private static string Sentence(Random random) => random.Next(4) switch
    {
        0 => $"{Pick(random, Teams)} {Pick(random, Actions)} {Pick(random, Objects)} {Pick(random, Timings)}, {Pick(random, Reasons)}.",
        1 => $"{Pick(random, Asides)}",
        2 => $"Before it {Pick(random, Actions)} {Pick(random, Objects)}, {Pick(random, Teams).ToLowerInvariant()} checks that the request is complete, {Pick(random, Reasons)}.",
        _ => $"In practice {Pick(random, Objects)} are handled {Pick(random, Timings)}, and {Pick(random, Teams).ToLowerInvariant()} keeps a record of each one.",
    };

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];
}
