using Assistant.Rag.Indexes;
using Assistant.Rag.Memory;

namespace Assistant.Rag.Access;

/// <summary>
/// Access checks by document id against the catalog's access lists, for what is not searched but remembered: the
/// conversation memory a follow-up is read with.
/// </summary>
/// <remarks>Thread-safe; each call reads the catalog, so a permission removed by the last sync applies at once.</remarks>
public sealed class DocumentAccess
{
    private readonly KnowledgeIndex _index;

    public DocumentAccess(KnowledgeIndex index) => _index = index;

    /// <summary>
    /// The history as <paramref name="access"/> may see it: a remembered turn that cited a document the asker may not
    /// read (or one no longer in the catalog, whose list cannot be checked) is left out, question and answer both. In a
    /// group chat, one member's answer from a restricted page must not feed another member's follow-up. When a turn is
    /// left out the summary of older turns goes too, since it cannot tell which sources it drew on.
    /// </summary>
    public ConversationHistory Visible(ConversationHistory history, AccessFilter access)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(access);
        var cited = history.Turns.SelectMany(t => t.SourceIds).Distinct(StringComparer.Ordinal).ToList();
        if (cited.Count == 0)
        {
            return history;
        }

        var acls = _index.Catalog.GetAcls(cited);
        var kept = history.Turns.Where(t => t.SourceIds.All(id => acls.TryGetValue(id, out var acl) && access.Allows(acl))).ToList();
        return kept.Count == history.Turns.Count ? history : new ConversationHistory(null, kept);
    }
}
