namespace Assistant.Rag.Access;

/// <summary>
/// The principals one asker holds, as every search filters by them: a document (chunk, passage, citation, remembered
/// turn) is visible when its access list shares at least one principal with <see cref="Principals"/>. Always holds
/// <see cref="Access.Principals.Public"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AccessFilter
{
    private readonly HashSet<string> _principals;

    private AccessFilter(IEnumerable<string> principals)
    {
        _principals = new HashSet<string>(principals.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0), StringComparer.Ordinal)
        {
            Access.Principals.Public,
        };
    }

    /// <summary>Public documents only: the filter of an asker nobody could identify.</summary>
    public static AccessFilter PublicOnly { get; } = new([]);

    /// <summary>The asker's principals, lower case, <see cref="Access.Principals.Public"/> among them.</summary>
    public IReadOnlySet<string> Principals => _principals;

    /// <summary>True when only public documents pass.</summary>
    public bool IsPublicOnly => _principals.Count == 1;

    /// <summary>The filter for <paramref name="asker"/>; null (nobody identified) is <see cref="PublicOnly"/>.</summary>
    public static AccessFilter For(Asker? asker) => asker is null ? PublicOnly : new AccessFilter(asker.PrincipalList());

    /// <summary>A filter of explicit principals (tests, the admin's <c>ask --as</c>); <see cref="Access.Principals.Public"/> is added.</summary>
    public static AccessFilter Of(params string[] principals) => new(principals ?? []);

    /// <summary>True when a document with this access list may be shown; null or empty is a public document.</summary>
    public bool Allows(IReadOnlyList<string>? acl)
    {
        if (acl is null || acl.Count == 0)
        {
            return true;
        }

        foreach (var principal in acl)
        {
            if (principal is not null && _principals.Contains(principal.ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }
}
