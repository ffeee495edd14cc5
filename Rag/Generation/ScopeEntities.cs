using System.Text.RegularExpressions;

namespace Assistant.Rag.Generation;

/// <summary>
/// The offices, countries and products a question or a sentence is about, in English, Chinese and Japanese, so that a
/// question about Berlin is never answered from the Shanghai page and a Chinese question can agree with an English
/// sentence. A place counts as agreeing with the places it lies in or contains (Austin and the US). Pure and thread-safe.
/// </summary>
internal static partial class ScopeEntities
{
    // Canonical name, the region it lies in (or null), its class, and how it is written.
    private static readonly Entity[] Known =
    [
        new("berlin", "germany", "place", ["berlin", "柏林", "ベルリン"]),
        new("austin", "us", "place", ["austin", "奥斯汀", "オースティン"]),
        new("shanghai", "china", "place", ["shanghai", "上海"]),
        new("germany", null, "place", ["germany", "german", "德国", "ドイツ"]),
        new("us", null, "place", ["united states", "usa", "america", "美国", "アメリカ", "米国"]),
        new("china", null, "place", ["china", "chinese mainland", "中国", "大陆"]),
        new("beijing", "china", "place", ["beijing", "北京"]),
        new("chengdu", "china", "place", ["chengdu", "成都"]),
        new("shenzhen", "china", "place", ["shenzhen", "深圳"]),
        new("singapore", null, "place", ["singapore", "新加坡", "シンガポール"]),
        new("london", "uk", "place", ["london", "伦敦", "ロンドン"]),
        new("uk", null, "place", ["united kingdom", "britain", "英国", "イギリス"]),
        new("india", null, "place", ["india", "印度", "インド"]),
        new("france", null, "place", ["france", "paris", "法国", "巴黎", "フランス", "パリ"]),
        new("tokyo", "japan", "place", ["tokyo", "东京", "東京"]),
        new("tallyboard", null, "product", ["tallyboard"]),
        new("relaykit", null, "product", ["relaykit"]),
    ];

    /// <summary>The known entities named in <paramref name="text"/>.</summary>
    public static HashSet<string> In(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var lower = text.ToLowerInvariant();
        foreach (var entity in Known)
        {
            if (entity.Names.Any(name => Names(lower, name)))
            {
                found.Add(entity.Name);
            }
        }

        // "US" only in capitals: "us" is also a pronoun.
        if (UsInCapitals().IsMatch(text))
        {
            found.Add("us");
        }

        return found;
    }

    /// <summary>
    /// How <paramref name="evidence"/> (the entities of a sentence, its section and page) agrees with
    /// <paramref name="asked"/> (the question's): +1 when it names each asked class's entity or one related to it,
    /// -1 when for some class it names only other entities of that class, 0 when it names none.
    /// </summary>
    public static int Agreement(HashSet<string> asked, HashSet<string> evidence)
    {
        var agreement = 0;
        foreach (var kind in asked.Select(ClassOf).Distinct())
        {
            var wanted = asked.Where(a => ClassOf(a) == kind).ToList();
            var named = evidence.Where(e => ClassOf(e) == kind).ToList();
            if (named.Count == 0)
            {
                continue;
            }

            if (named.Any(n => wanted.Any(w => Related(w, n))))
            {
                agreement = Math.Max(agreement, 1);
            }
            else
            {
                return -1;
            }
        }

        return agreement;
    }

    /// <summary>True when the knowledge in <paramref name="evidence"/> names every asked entity, or one related to it.</summary>
    public static bool Covers(HashSet<string> asked, HashSet<string> evidence) =>
        asked.All(a => evidence.Any(e => Related(a, e)));

    private static bool Related(string a, string b) =>
        a == b || RegionOf(a) == b || RegionOf(b) == a;

    private static string? RegionOf(string name) => Known.FirstOrDefault(e => e.Name == name)?.Region;

    private static string ClassOf(string name) => Known.FirstOrDefault(e => e.Name == name)?.Class ?? "place";

    // A Latin name is a whole word ("austin", not "austinite" inside a host name is fine either way); a CJK one is a substring.
    private static bool Names(string lower, string name)
    {
        var index = lower.IndexOf(name, StringComparison.Ordinal);
        while (index >= 0)
        {
            if (!char.IsAsciiLetter(name[0]))
            {
                return true;
            }

            var before = index == 0 || !char.IsAsciiLetterOrDigit(lower[index - 1]);
            var after = index + name.Length >= lower.Length || !char.IsAsciiLetter(lower[index + name.Length]);
            if (before && after)
            {
                return true;
            }

            index = lower.IndexOf(name, index + 1, StringComparison.Ordinal);
        }

        return false;
    }

    [GeneratedRegex(@"\bU\.?S\.?\b(?!\w)")]
    private static partial Regex UsInCapitals();

    private sealed record Entity(string Name, string? Region, string Class, string[] Names);
}
