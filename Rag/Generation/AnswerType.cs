namespace Assistant.Rag.Generation;

/// <summary>What kind of fact a question asks for, which an answering sentence must contain.</summary>
internal enum AnswerType
{
    /// <summary>Anything (what, how, can I …).</summary>
    Any,

    /// <summary>A number or amount ("how much", "how many", "多少", "いくら").</summary>
    Number,

    /// <summary>A date, time or duration ("when", "how long", "多久", "いつ").</summary>
    Time,

    /// <summary>A person, team or contact ("who", "who do I call", "联系谁", "誰").</summary>
    Contact,

    /// <summary>A place or location ("where", "在哪", "どこ").</summary>
    Place,
}
