using Assistant.Rag.Generation;
using Assistant.Rag.Ingestion;

namespace Assistant.Bot.Channels;

/// <summary>
/// The fixed texts every channel shows, written once. The constants are the English texts; the methods that take a
/// question give the text in the question's language (English, Chinese, Japanese). Votes carry no text to tell the
/// language from, so their notices are English.
/// </summary>
internal static class ChannelTexts
{
    /// <summary>Sent in place of an answer while the index is still loading.</summary>
    public const string NotReady = "I'm still loading the knowledge base. Please ask again in a minute.";

    /// <summary>Sent in place of an answer when the engine failed.</summary>
    public const string Failure = "Sorry, something went wrong while I looked for an answer. Please try again.";

    /// <summary>A vote that the feedback store could not take.</summary>
    public const string VoteNotRecorded = "Sorry, I couldn't record your vote right now. Please try again in a moment.";

    /// <summary>A vote on an answer the store does not know (too old, or not given in this conversation).</summary>
    public const string VoteUnknownAnswer = "Sorry, I couldn't record your vote: I no longer know that answer.";

    /// <summary>A question refused by the fair-use limits.</summary>
    public const string SlowDown = "You're asking faster than I can answer. Please wait a moment and ask again.";

    /// <summary>Thanks for a 👍 or a 👎.</summary>
    public static string Thanks(Rag.Feedback.VoteValue vote) => vote == Rag.Feedback.VoteValue.Up
        ? "👍 Thanks for the feedback!"
        : "👎 Thanks for the feedback: it helps us improve the answers.";

    /// <summary><see cref="NotReady"/> in the language of <paramref name="question"/>.</summary>
    public static string NotReadyFor(string question) => NotReadyIn(LanguageDetector.Detect(question));

    /// <summary>True when <paramref name="notice"/> is <see cref="NotReady"/> in any language.</summary>
    public static bool IsNotReady(string? notice) =>
        notice is not null && ((string[])[LanguageDetector.English, LanguageDetector.Chinese, LanguageDetector.Japanese]).Any(l => notice == NotReadyIn(l));

    private static string NotReadyIn(string language) => AnswerTexts.Pick(
        language,
        NotReady,
        "我还在加载知识库，请一分钟后再问。",
        "ナレッジベースを読み込み中です。1分ほどしてからもう一度お尋ねください。");

    /// <summary><see cref="Failure"/> in the language of <paramref name="question"/>.</summary>
    public static string FailureFor(string question) => AnswerTexts.Pick(
        LanguageDetector.Detect(question),
        Failure,
        "抱歉，查找答案时出了点问题，请再试一次。",
        "申し訳ありません。回答を探す途中で問題が発生しました。もう一度お試しください。");

    /// <summary><see cref="SlowDown"/> in the language of <paramref name="question"/>.</summary>
    public static string SlowDownFor(string question) => AnswerTexts.Pick(
        LanguageDetector.Detect(question),
        SlowDown,
        "你提问的速度比我回答得还快，请稍等片刻再问。",
        "回答が追いつかないほど速く質問されています。少し待ってからもう一度お尋ねください。");
}
