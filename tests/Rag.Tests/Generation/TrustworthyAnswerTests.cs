using Assistant.Rag.Generation;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Tests.Generation;

/// <summary>
/// The failure kinds of the first newcomer evaluation, each over a few hand-made passages: an answer must cover the
/// question's key terms and its answer type, answer every part, agree on the office asked about, and decline in the
/// asker's language.
/// </summary>
public sealed class TrustworthyAnswerTests
{
    private static readonly Passage TrialFaq = new(
        "products/tallyboard-faq.md#2", "products/tallyboard-faq.md", "Tallyboard FAQ", "kb/products/tallyboard-faq.md", "Tallyboard FAQ › Is there a free plan?",
        "No. The product has only the 14-day trial. After the trial you choose the Starter, Team or Enterprise plan.",
        0.5, ["products/tallyboard-faq.md#2.0"], "en");

    private static readonly Passage PerDiem = new(
        "travel/per-diem.md#1", "travel/per-diem.md", "Per diem", "kb/travel/per-diem.md", "Per diem › United States",
        "Travel must be booked through the travel portal. The per diem for a full day in the US is $64. On travel days (departure and return) the per diem in the US is $48.",
        0.6, ["travel/per-diem.md#1.0"], "en");

    private static readonly Passage ShanghaiLeave = new(
        "zh/leave.md#0", "zh/leave.md", "年假与请假（上海办公室）", "kb/zh/leave.md", "年假与请假（上海办公室） › 年假",
        "上海办公室的全职员工每年享有15个工作日的带薪年假。年假须提前两周在 PeopleHub 申请。",
        0.7, ["zh/leave.md#0.0"], "zh");

    private static readonly Passage BerlinLeave = new(
        "hr/annual-leave.md#1", "hr/annual-leave.md", "Annual leave", "kb/hr/annual-leave.md", "Annual leave › Berlin",
        "Full-time employees in Berlin get 30 working days of annual leave per calendar year.",
        0.4, ["hr/annual-leave.md#1.0"], "en");

    private static readonly Passage SickAbroad = new(
        "travel/insurance.md#0", "travel/insurance.md", "Travel insurance", "kb/travel/insurance.md", "Travel insurance › Medical help",
        "If you are sick for more than three days, you need a doctor's certificate for your manager. If you get sick on a business trip, call the insurer's 24-hour emergency line +49 89 5557 1200.",
        0.6, ["travel/insurance.md#0.0"], "en");

    private static readonly Passage SickNote = new(
        "hr/sick-leave.md#0", "hr/sick-leave.md", "Sick leave", "kb/hr/sick-leave.md", "Sick leave",
        "When you are sick, a doctor's note is needed from the fourth day of sickness on, and you send it to HR.",
        0.7, ["hr/sick-leave.md#0.0"], "en");

    [Fact]
    public async Task AQuestionThatSharesNoKeyTermWithTheEvidenceIsDeclinedWithTheNearestPageAsRelated()
    {
        // Arrange: "bug bounty" is nowhere in the passage; it shares only "product" with it.
        const string question = "Do we run a bug bounty for the product?";
        var retrieval = await GenerationFixture.RetrievalAsync(question, TrialFaq);

        // Act
        var draft = await GenerationFixture.Extractive().GenerateAsync(question, retrieval);

        // Assert
        Assert.Equal(AnswerKind.NoEvidence, draft.Kind);
        Assert.Equal($"{AnswerTexts.NoEvidence("en")} {AnswerTexts.Related("en")} [1]", draft.Text);
        Assert.DoesNotContain("14-day", draft.Text, StringComparison.Ordinal);
        Assert.Equal(TrialFaq, Assert.Single(draft.Sources));
    }

    [Fact]
    public async Task ATwoFactQuestionGetsBothFacts()
    {
        const string question = "How much is the per diem in the US for a full day, and on travel days?";
        var retrieval = await GenerationFixture.RetrievalAsync(question, PerDiem);

        var draft = await GenerationFixture.Extractive().GenerateAsync(question, retrieval);

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.Contains("$64", draft.Text, StringComparison.Ordinal);
        Assert.Contains("$48", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("travel portal", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APartNothingAnswersIsNamed()
    {
        const string question = "How much is the per diem in the US for a full day, and is there a gym membership?";
        var retrieval = await GenerationFixture.RetrievalAsync(question, PerDiem);

        var draft = await GenerationFixture.Extractive().GenerateAsync(question, retrieval);

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.Contains("$64", draft.Text, StringComparison.Ordinal);
        Assert.Contains(AnswerTexts.PartNotFound("en", "is there a gym membership"), draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChineseQuestionAboutBerlinIsNotAnsweredFromTheShanghaiPageButFromTheEnglishBerlinOne()
    {
        // Arrange: the Shanghai page ranks first and is in the question's language.
        const string question = "柏林办公室每年有几天年假？";
        var retrieval = GenerationFixture.CjkRetrieval(question, ShanghaiLeave, BerlinLeave);

        // Act
        var draft = await GenerationFixture.Extractive().GenerateAsync(question, retrieval);

        // Assert
        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.Contains("30 working days", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("15个工作日", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChineseQuestionAboutBerlinWithOnlyTheShanghaiPageIsDeclined()
    {
        const string question = "柏林办公室每年有几天年假？";
        var retrieval = GenerationFixture.CjkRetrieval(question, ShanghaiLeave);

        var draft = await GenerationFixture.Extractive().GenerateAsync(question, retrieval);

        Assert.Equal(AnswerKind.NoEvidence, draft.Kind);
        Assert.StartsWith(AnswerTexts.NoEvidence("zh"), draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("15", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJapaneseQuestionIsDeclinedInJapanese()
    {
        const string question = "Relaykit の請求書はどこでダウンロードできますか？";
        var retrieval = GenerationFixture.CjkRetrieval(question, GenerationFixture.Laptops);

        var draft = await GenerationFixture.Extractive().GenerateAsync(question, retrieval);

        Assert.Equal(AnswerKind.NoEvidence, draft.Kind);
        Assert.StartsWith(AnswerTexts.NoEvidence("ja"), draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ExtractiveAnswerGenerator.NoEvidenceTextChinese, draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ExtractiveAnswerGenerator.NoEvidenceText, draft.Text, StringComparison.Ordinal);
        Assert.Contains(AnswerTexts.Related("ja"), draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoDoICallIsAnsweredWithAContactNotWithASentenceThatOnlySharesSickAndDoctor()
    {
        // Arrange: the sick-note sentence shares "sick" and "doctor" with the question and ranks first.
        const string question = "I got sick on a business trip and need a doctor, who do I call?";
        var retrieval = await GenerationFixture.RetrievalAsync(question, SickNote, SickAbroad);

        // Act
        var draft = await GenerationFixture.Extractive().GenerateAsync(question, retrieval);

        // Assert
        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.StartsWith("If you get sick on a business trip, call", draft.Text, StringComparison.Ordinal);
        Assert.Contains("+49 89 5557 1200", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("fourth day", draft.Text, StringComparison.Ordinal);
    }
}
