namespace Assistant.Rag.Access;

/// <summary>
/// Who is asking, as the channel established it (a Teams aadObjectId and UPN, a Slack user's e-mail from users.info,
/// a development identity in the playground). A Turn without one is answered from public documents only.
/// </summary>
/// <param name="UserIds">The user's identifiers at the sources: directory object id, account ids, e-mail/UPN. Each
/// becomes a <c>user:</c> principal.</param>
/// <param name="Groups">Groups the user is a member of (transitively, as resolved), by id or name; each becomes a
/// <c>group:</c> principal.</param>
/// <param name="TenantMember">True when the user is a signed-in member of the tenant (not a guest), which adds
/// <see cref="Principals.Everyone"/>.</param>
public sealed record Asker(IReadOnlyList<string> UserIds, IReadOnlyList<string> Groups, bool TenantMember = true)
{
    /// <summary>An asker known by user ids alone (no resolved groups), a tenant member.</summary>
    public static Asker User(params string[] userIds) => new([.. userIds.Where(u => !string.IsNullOrWhiteSpace(u))], []);

    /// <summary>Every principal this asker holds: public, everyone (members), each user id and each group.</summary>
    public IReadOnlyList<string> PrincipalList()
    {
        var list = new List<string> { Principals.Public };
        if (TenantMember && UserIds.Any(u => !string.IsNullOrWhiteSpace(u)))
        {
            list.Add(Principals.Everyone);
        }

        list.AddRange(UserIds.Where(u => !string.IsNullOrWhiteSpace(u)).Select(Principals.User));
        list.AddRange(Groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(Principals.Group));
        return list;
    }
}
