using System.Text.RegularExpressions;

namespace Assistant.Rag.Generation;

/// <summary>
/// The <see cref="AnswerType"/> a question asks for, and whether a sentence holds a fact of that type: a sentence that
/// matches the question's words but states no number cannot answer "how much". Rules by question word in English,
/// Chinese and Japanese; pure and thread-safe.
/// </summary>
internal static partial class AnswerTypeRules
{
    /// <summary>The type <paramref name="question"/> asks for; <see cref="AnswerType.Any"/> when it names none.</summary>
    public static AnswerType Of(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question.ToLowerInvariant();
        if (ContactQuestion().IsMatch(text))
        {
            return AnswerType.Contact;
        }

        if (TimeQuestion().IsMatch(text))
        {
            return AnswerType.Time;
        }

        if (NumberQuestion().IsMatch(text))
        {
            return AnswerType.Number;
        }

        return PlaceQuestion().IsMatch(text) ? AnswerType.Place : AnswerType.Any;
    }

    /// <summary>True when <paramref name="sentence"/> (read with its context) states a fact of <paramref name="type"/>.</summary>
    public static bool Holds(AnswerType type, string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return type switch
        {
            AnswerType.Number => Digits().IsMatch(sentence) || CjkNumber().IsMatch(sentence),
            AnswerType.Time => Digits().IsMatch(sentence) || CjkNumber().IsMatch(sentence) || TimeWords().IsMatch(sentence),
            AnswerType.Contact => Contact().IsMatch(sentence) || PersonName().IsMatch(sentence),
            AnswerType.Place => Place().IsMatch(sentence),
            _ => true,
        };
    }

    [GeneratedRegex(@"\bwho\b|\bwhom\b|\bwhose\b|\bcall\b|\bcontact\b|\bphone\b|\bhotline\b|\bemail\b|\be-mail\b|\breach out\b|\bin charge\b|谁|联系|电话|邮箱|负责人|誰|連絡|電話|担当|問い合わせ")]
    private static partial Regex ContactQuestion();

    [GeneratedRegex(@"\bwhen\b|how long|how early|how soon|how far in advance|what time|\bdeadline\b|多久|多长时间|多长|什么时候|何时|几点|几天|提前|いつ|何時|何日前|どのくらい|どれくらい|期限|何時間")]
    private static partial Regex TimeQuestion();

    [GeneratedRegex(@"how much|how many|\bcost\b|\bprice\b|\bhow big\b|\blimit\b|\bmaximum\b|\bminimum\b|多少|几|多大|いくら|何日|何人|何回|何円|何割|何件|何台")]
    private static partial Regex NumberQuestion();

    [GeneratedRegex(@"\bwhere\b|哪里|哪儿|在哪|什么地方|どこ")]
    private static partial Regex PlaceQuestion();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();

    [GeneratedRegex(@"[一二两三四五六七八九十百千万半]")]
    private static partial Regex CjkNumber();

    [GeneratedRegex(@"(?i)\b(day|week|month|year|hour|minute|morning|evening|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|before|after|within|until|ahead|immediately|annually|quarterly)s?\b|天|周|月|年|小时|分钟|之前|以内|日|週|時間|分|前")]
    private static partial Regex TimeWords();

    [GeneratedRegex(@"(?i)\+?\d[\d ()-]{5,}\d|@|\bext(ension)?\b|\bhotline\b|\bphone\b|\bcall\b|\bcontact\b|\bteam\b|\bdesk\b|\bmanager\b|\bhr\b|\bportal\b|\bchannel\b|\bemail\b|\boffice\b|\bowner\b|\blead\b|\bresponsible\b|\bsupport\b|电话|邮箱|联系|负责|团队|部门|经理|窗口|担当|連絡|電話|窓口|チーム|部")]
    private static partial Regex Contact();

    // Two capitalised words in a row ("Priya Raman"), the way a person is named in English text.
    [GeneratedRegex(@"\b\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+\b")]
    private static partial Regex PersonName();

    [GeneratedRegex(@"(?i)\b(floor|room|building|office|reception|desk|street|road|station|portal|page|site|intranet|folder|drive|menu|tab|console|settings|app|in the|at the|on the)\b|https?://|\d|楼|层|室|办公|地址|路|站|网站|页面|门户|菜单|階|部屋|受付|住所|駅|ページ|サイト|メニュー")]
    private static partial Regex Place();
}
