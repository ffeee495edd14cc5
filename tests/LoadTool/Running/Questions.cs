namespace Assistant.LoadTool.Running;

/// <summary>Fifteen different questions about the sample knowledge base (samples/kb), asked in turn.</summary>
internal static class Questions
{
    public static IReadOnlyList<string> All { get; } =
    [
        "How many days of annual leave do full-time employees get?",
        "How do I report sick leave and when do I need a doctor's note?",
        "Can I work remotely from another country?",
        "How long is parental leave?",
        "What is the deadline for submitting expense claims?",
        "How do I connect to the VPN from home?",
        "How do I set up multi-factor authentication on a new phone?",
        "I forgot my password, how do I reset it?",
        "What is the guest Wi-Fi network called?",
        "When can I get my laptop replaced?",
        "What uptime does the RelayKit SLA guarantee?",
        "How much does TallyBoard cost per user?",
        "What is the per diem for business travel?",
        "What should I do if I receive a phishing email?",
        "Which AI tools am I allowed to use with company data?",
    ];

    public static string Pick(int n) => All[n % All.Count];
}
