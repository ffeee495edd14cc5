namespace Assistant.Rag.Access;

/// <summary>
/// The principal strings a document's access list and an asker's identity are written in: <c>"public"</c> (anyone,
/// signed in or not), <c>"everyone"</c> (every signed-in member of the tenant), <c>"user:&lt;id or email&gt;"</c> and
/// <c>"group:&lt;id or name&gt;"</c>. A document is visible to an asker when the two lists share a principal.
/// </summary>
/// <remarks>Principals compare case-insensitively (e-mail addresses and Entra ids are case-insensitive): they are
/// stored and looked up in lower case.</remarks>
public static class Principals
{
    /// <summary>Anyone may read: the access list of a document that has none of its own.</summary>
    public const string Public = "public";

    /// <summary>Every signed-in member of the tenant (an organisation-wide sharing link, a space open to all users).</summary>
    public const string Everyone = "everyone";

    /// <summary>The principal of one user, by directory object id, account id or e-mail address.</summary>
    public static string User(string idOrEmail) => "user:" + Clean(idOrEmail, nameof(idOrEmail));

    /// <summary>The principal of one group, by directory object id or group name.</summary>
    public static string Group(string idOrName) => "group:" + Clean(idOrName, nameof(idOrName));

    /// <summary>
    /// A document's access list as stored and indexed: trimmed, lower case, distinct and sorted; null or empty means
    /// <see cref="Public"/>. Blank entries are dropped.
    /// </summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? acl)
    {
        var clean = (acl ?? [])
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return clean.Length == 0 ? [Public] : clean;
    }

    /// <summary>True when <paramref name="acl"/> (normalised or not) lets anyone read.</summary>
    public static bool IsPublic(IReadOnlyList<string>? acl) => acl is null || acl.Count == 0 || acl.Any(p => string.Equals(p, Public, StringComparison.OrdinalIgnoreCase));

    private static string Clean(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value.Trim().ToLowerInvariant();
    }
}
