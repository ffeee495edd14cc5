using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Generation;

/// <summary>
/// The fixed texts of an answer in the asker's language: English, Chinese or Japanese (a language code from
/// <see cref="LanguageDetector"/>; anything else reads as English). Every channel shows these, so a Japanese question
/// never gets a Chinese or English decline. Pure and thread-safe.
/// </summary>
public static class AnswerTexts
{
    /// <summary>The decline when nothing in the knowledge base answers the question.</summary>
    public static string NoEvidence(string language) => Pick(
        language,
        "I couldn't find an answer to that in the knowledge base. Try different words, or ask about a specific policy, system or product.",
        "抱歉，知识库里没有找到这个问题的答案。请换个说法，或询问具体的制度、系统或产品。",
        "申し訳ありません。ナレッジベースにこの質問の答えが見つかりませんでした。言い方を変えるか、具体的な規程・システム・製品についてお尋ねください。");

    /// <summary>Follows <see cref="NoEvidence"/> when a page is near the question without answering it; a citation marker follows.</summary>
    public static string Related(string language) => Pick(
        language,
        "The closest page I found is related but does not answer it:",
        "最接近的页面与此相关，但没有回答这个问题：",
        "最も近いページは関連していますが、この質問には答えていません：");

    /// <summary>Said for the part of a multi-part question that nothing answers.</summary>
    public static string PartNotFound(string language, string part) => Pick(
        language,
        $"The knowledge base does not say: “{part}”.",
        $"知识库里没有找到这部分的答案：“{part}”。",
        $"この部分の答えはナレッジベースにありません：「{part}」。");

    /// <summary>The heading shown above a decline.</summary>
    public static string NoEvidenceHeading(string language) => Pick(
        language,
        "🔍 I couldn't find this in the knowledge base",
        "🔍 知识库里没有找到答案",
        "🔍 ナレッジベースに答えが見つかりませんでした");

    /// <summary>The heading of the source list: <paramref name="related"/> for the pages near a declined question.</summary>
    public static string SourcesHeading(string language, bool related) => related
        ? Pick(language, "Related pages (not an answer)", "相关页面（并非答案）", "関連ページ（答えではありません）")
        : Pick(language, "Sources", "来源", "出典");

    /// <summary>"Searched:" before the list of routes in the small print.</summary>
    public static string Searched(string language) => Pick(language, "Searched:", "检索：", "検索：");

    /// <summary>How the text was made, for the small print; null for a rejected question (its text says why).</summary>
    public static string? HowMade(AnswerKind kind, string language) => kind switch
    {
        AnswerKind.Generated => Pick(language, "Written by AI from the sources; check them before you rely on it.", "由 AI 根据来源撰写，使用前请核对来源。", "AI が出典をもとに作成しました。利用前に出典をご確認ください。"),
        AnswerKind.Extractive => Pick(language, "Quoted from the sources.", "摘自来源原文。", "出典から引用しました。"),
        AnswerKind.Queried => Pick(language, "Stated from the query's result; the query is under \"Show query\".", "根据查询结果作答；查询语句见“Show query”。", "クエリの結果から回答しました。クエリは「Show query」にあります。"),
        AnswerKind.NoEvidence => Pick(language, "No source was close enough to answer from.", "没有足够相关的来源可以作答。", "回答できるほど近い出典はありませんでした。"),
        _ => null,
    };

    /// <summary>One of three texts by language: Chinese, Japanese, or English for anything else.</summary>
    public static string Pick(string language, string english, string chinese, string japanese) => language switch
    {
        LanguageDetector.Chinese => chinese,
        LanguageDetector.Japanese => japanese,
        _ => english,
    };
}
