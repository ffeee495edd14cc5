using Assistant.Rag.Memory;
using Assistant.Rag.Query;

namespace Assistant.Rag.Tests.Query;

/// <summary>
/// The rule-based rewrite on the failure kinds of real dialogues: an entity kept beside the new one, a return to an
/// earlier topic, a pronoun resolved to the wrong noun or to a referent named only in the previous answer, an aspect
/// follow-up without its topic, and a self-contained question that must be left as typed. The entity lexicon is built
/// from a small knowledge base of this test's own (made-up products, an office and people that no seed list holds).
/// </summary>
public sealed class TypedFollowUpRewriteTests
{
    private static readonly EntityLexicon Lexicon = EntityLexicon.Build(
    [
        ("Zentrack service levels", "Uptime", "Zentrack commits to 99.9% uptime on the Starter plan and 99.95% on the Enterprise plan. Status: status.zentrack.example."),
        ("Quillbase service levels", "Uptime", "Quillbase commits to 99.5% on the Starter plan and 99.99% on the Enterprise plan."),
        ("Probation and onboarding", "Probation", "Probation lasts six months in the Tarrow office and 90 days in the Berlin office. The service desk is open from 8:00."),
        ("Annual leave", "Requesting leave", "Ask your manager well ahead: request leave in advance, at least as far ahead as the leave is long. Someone looks at every request within a day."),
        ("Service desk", "Escalation", "Escalations go to Dana Whitfield, the service desk lead, who works in the Tarrow office. The office manager is Ilse Borowicz."),
    ]);

    [Fact]
    public void TheLexiconTypesOfficesPlansProductsAndPeopleFromTheIndexedText()
    {
        Assert.Equal(EntityType.Place, Lexicon.TypeOf("Tarrow"));
        Assert.Equal(EntityType.Plan, Lexicon.TypeOf("Starter"));
        Assert.Equal(EntityType.Product, Lexicon.TypeOf("Zentrack"));
        Assert.Equal(EntityType.Person, Lexicon.TypeOf("Dana Whitfield"));

        // "Service" is an ordinary word: the text writes it in lower case too.
        Assert.Null(Lexicon.TypeOf("Service"));
        Assert.Null(EntityLexicon.Seed.TypeOf("Tarrow"));
    }

    [Fact]
    public void ASwappedProductReplacesTheOldOneAndKeepsThePlan()
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite("and for the same plan on Quillbase?", History("What uptime does Zentrack Enterprise promise?"), Lexicon);

        Assert.Contains("Quillbase", rewritten, StringComparison.Ordinal);
        Assert.Contains("Enterprise", rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain("Zentrack", rewritten, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How long is probation in Tarrow?", "and for Berlin?", "How long is probation in Berlin?")]
    [InlineData("what uptime does zentrack guarantee on starter?", "and on enterprise?", "what uptime does zentrack guarantee on enterprise?")]
    [InlineData("what's the full-day per diem for germany?", "ok what about the UK", "what's the full-day per diem for UK?")]
    [InlineData("奥斯汀 IT 服务台的电话是多少", "那上海的呢？", "上海 IT 服务台的电话是多少")]
    [InlineData("Zentrack Starter 版的可用性承诺是多少", "Enterprise 呢", "Zentrack Enterprise 版的可用性承诺是多少")]
    public void AnEntityOfTheSameTypeIsSwappedNotAdded(string previous, string question, string expected)
    {
        Assert.Equal(expected, RuleBasedQuestionRewriter.Rewrite(question, History(previous), Lexicon));
    }

    [Fact]
    public void GoingBackToMyFirstQuestionPicksTheFirstTurnsTopic()
    {
        var history = History("how do I set up the vpn on my laptop?", "how long does a new monitor take to arrive in shanghai?");

        var rewritten = RuleBasedQuestionRewriter.Rewrite("going back to my first question, which udp port does it need open?", history, Lexicon);

        Assert.Contains("vpn", rewritten, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("monitor", rewritten, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("going back", rewritten, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BackToANamedTopicPicksTheTurnThatAskedAboutIt()
    {
        var history = History("how long does zentrack keep retrying a webhook?", "what does quillbase enterprise cost?");

        var rewritten = RuleBasedQuestionRewriter.Rewrite("ok back to the retries: where does the event go after that?", history, Lexicon);

        Assert.Contains("retr", rewritten, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("zentrack", rewritten, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("quillbase", rewritten, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("回到刚才的问题，团队午餐是星期几？", "上海办公室的午餐补贴是多少", "台风天还要去办公室吗", "上海", "台风")]
    [InlineData("回到密码的问题，多久过期一次？", "FernID 密码最少几位", "IT 服务台几点下班？", "密码", "下班")]
    public void AChineseReturnCuePicksTheEarlierTurn(string question, string first, string second, string expected, string notExpected)
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite(question, History(first, second), Lexicon);

        Assert.Contains(expected, rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain(notExpected, rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain("回到", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void APronounResolvesToAPersonNamedOnlyInThePreviousAnswer()
    {
        var history = new ConversationHistory(null, [Turn("who do I escalate to if my ticket is stuck?", "Escalations go to Dana Whitfield, the service desk lead. [1]")]);

        var rewritten = RuleBasedQuestionRewriter.Rewrite("which office is he in?", history, Lexicon);

        Assert.Equal("which office is Dana Whitfield in?", rewritten);
    }

    [Fact]
    public void APronounWithoutANamedPersonResolvesToTheRoleAskedAbout()
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite("how do i email her?", History("who is the data protection officer?"), Lexicon);

        Assert.Equal("how do i email data protection officer?", rewritten);
    }

    [Fact]
    public void ItResolvesToTheProductNotToTheLastNoun()
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite("does it work with Outlook?", History("what is new in the zentrack beta?"), Lexicon);

        Assert.Contains("zentrack", rewritten, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" it ", rewritten, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("上海公司的总经理是哪位", "怎么联系他？", "总经理")]
    [InlineData("上海办公室的办公室经理是谁？", "她的分机是多少", "办公室经理")]
    public void AChinesePersonalPronounResolvesToTheRoleAskedAbout(string previous, string question, string expected)
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite(question, History(previous), Lexicon);

        Assert.Contains(expected, rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain("他", rewritten.Replace("其他", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("她", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherPeopleIsNotAPronoun()
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite("其他部门要多久？", History("上海办公室的午餐补贴是多少"), Lexicon);

        Assert.Contains("其他部门", rewritten, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how do i request vacation?", "how far ahead do i have to ask?", "vacation")]
    [InlineData("how do i report a phishing email?", "how long until someone looks at it?", "phishing")]
    [InlineData("怎么申请年假？", "那要谁审批？", "年假")]
    [InlineData("怎么申请年假？", "经理一直不批怎么办", "年假")]
    public void AnAspectFollowUpCarriesItsTopic(string previous, string question, string topic)
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite(question, History(previous), Lexicon);

        Assert.Contains(topic, rewritten, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("how do i reset my password?", "where do i find the password for the guest wifi?")]
    [InlineData("how long does a vpn session last?", "how long does a session on the guest wifi last?")]
    [InlineData("how many annual leave days do we get in berlin?", "how many days off can berlin parents take when their kid is sick?")]
    [InlineData("what's the zentrack sla on starter?", "what uptime does quillbase commit to on the enterprise plan?")]
    [InlineData("上海办公室几点开门？", "上海的 IT 服务点几点关门")]
    [InlineData("出差住宿标准怎么算", "出差的时候生病了应该打什么电话")]
    [InlineData("上海办公室的午餐补贴多少", "柏林办公室有午餐补贴吗？")]
    public void ASelfContainedQuestionSharingWordsWithThePreviousOneIsLeftAsTyped(string previous, string question)
    {
        Assert.Equal(question, RuleBasedQuestionRewriter.Rewrite(question, History(previous), Lexicon));
    }

    private static ConversationHistory History(params string[] questions) => new(null, [.. questions.Select(q => Turn(q, string.Empty))]);

    private static ConversationTurn Turn(string question, string answer) => new(question, question, answer, [], DateTimeOffset.UnixEpoch);
}
