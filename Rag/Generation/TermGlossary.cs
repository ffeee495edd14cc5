namespace Assistant.Rag.Generation;

/// <summary>
/// Words people type for what the documents call otherwise ("PTO" for annual leave, "money back" for reimbursement),
/// and Chinese and Japanese words with their English equivalents, so that a question's term counts as covered by a
/// sentence that says the same in other words or in English. Each alternative is an English phrase (every word must be
/// in the sentence) or a Chinese or Japanese word (found inside the sentence). Pure and thread-safe.
/// </summary>
internal static class TermGlossary
{
    // English keys are stems as TextTerms makes them; CJK keys are found anywhere in the question.
    private static readonly Dictionary<string, string[]> English = new(StringComparer.Ordinal)
    {
        ["pto"] = ["leave", "vacation", "年假", "有給"],
        ["vacation"] = ["leave", "pto", "年假", "休暇"],
        ["holiday"] = ["leave", "public holiday", "假", "休"],
        ["food"] = ["meal", "per diem", "餐"],
        ["lunch"] = ["meal", "午餐", "昼食"],
        ["money"] = ["reimburse", "allowance", "refund", "报销"],
        ["refund"] = ["reimburse", "报销"],
        ["fly"] = ["travel", "flight", "departure", "return"],
        ["trip"] = ["travel", "出差", "出張"],
        ["budget"] = ["allowance", "limit", "补贴"],
        ["call"] = ["phone", "hotline", "number", "contact"],
        ["phone"] = ["call", "hotline", "number", "电话", "電話"],
        ["sick"] = ["illness", "ill", "病"],
        ["newest"] = ["latest", "current"],
        ["latest"] = ["newest", "current"],
        ["wifi"] = ["wi-fi", "network", "wlan"],
        ["usb"] = ["removable", "storage"],
        ["boss"] = ["manager", "经理"],
        ["pay"] = ["paid", "cost", "salary"],
        ["broken"] = ["repair", "fault"],
        ["stolen"] = ["lost", "theft"],
        ["temp"] = ["temporary"],
        ["code"] = ["passcode", "password"],
        ["cost"] = ["price", "pricing", "fee"],
        ["price"] = ["cost", "pricing", "fee"],
    };

    private static readonly Dictionary<string, string[]> Cjk = new(StringComparer.Ordinal)
    {
        ["柏林"] = ["berlin", "ベルリン"],
        ["ベルリン"] = ["berlin", "柏林"],
        ["奥斯汀"] = ["austin", "オースティン"],
        ["オースティン"] = ["austin", "奥斯汀"],
        ["上海"] = ["shanghai"],
        ["年假"] = ["annual leave", "pto", "有給"],
        ["有給休暇"] = ["annual leave", "pto", "年假"],
        ["有給"] = ["annual leave", "pto", "年假"],
        ["休暇"] = ["leave", "假"],
        ["病假"] = ["sick leave", "sick"],
        ["出差"] = ["travel", "business trip", "出張"],
        ["出張"] = ["travel", "business trip", "出差"],
        ["补贴"] = ["allowance", "per diem", "津贴"],
        ["津贴"] = ["allowance", "per diem", "补贴"],
        ["手当"] = ["allowance", "per diem"],
        ["日当"] = ["per diem", "allowance"],
        ["电话"] = ["phone", "hotline", "電話"],
        ["電話"] = ["phone", "hotline", "电话"],
        ["紧急"] = ["emergency", "緊急"],
        ["緊急"] = ["emergency", "紧急"],
        ["保险"] = ["insurance", "insurer", "保険"],
        ["保険"] = ["insurance", "insurer", "保险"],
        ["打印"] = ["print", "printer", "印刷"],
        ["印刷"] = ["print", "printer", "打印"],
        ["队列"] = ["queue"],
        ["套餐"] = ["plan", "プラン"],
        ["プラン"] = ["plan", "套餐"],
        ["网关"] = ["gateway", "ゲートウェイ"],
        ["ゲートウェイ"] = ["gateway", "网关"],
        ["申请"] = ["request", "apply", "申請"],
        ["申請"] = ["request", "apply", "申请"],
        ["办公室"] = ["office", "オフィス"],
        ["オフィス"] = ["office", "办公室"],
        ["价格"] = ["price", "cost", "料金"],
        ["料金"] = ["price", "cost", "价格"],
        ["月"] = ["month"],
        ["访客"] = ["visitor", "guest", "来访"],
        ["参观"] = ["visitor", "visit", "访客"],
        ["登记"] = ["register", "registration"],
        ["报销"] = ["expense", "reimburse", "精算"],
        ["精算"] = ["expense", "reimburse", "报销"],
        ["密码"] = ["password", "パスワード"],
        ["パスワード"] = ["password", "密码"],
        ["员工"] = ["employee", "社員"],
        ["社員"] = ["employee", "员工"],
        ["生病"] = ["sick", "ill", "illness", "病"],
        ["国外"] = ["abroad", "international", "海外"],
        ["海外"] = ["abroad", "international", "国外"],
        ["维护"] = ["maintenance", "メンテナンス"],
        ["メンテナンス"] = ["maintenance", "维护"],
        ["支持"] = ["support", "サポート"],
        ["サポート"] = ["support", "支持"],
    };

    /// <summary>The other ways of saying the English term <paramref name="stem"/>, or none.</summary>
    public static IReadOnlyList<string> ForEnglish(string stem) => English.TryGetValue(stem, out var alternatives) ? alternatives : [];

    /// <summary>The glossary's Chinese and Japanese words found in <paramref name="question"/>, each with its alternatives.</summary>
    public static IEnumerable<(string Word, string[] Alternatives)> InCjk(string question) =>
        Cjk.Where(p => question.Contains(p.Key, StringComparison.Ordinal)).Select(p => (p.Key, p.Value));
}
