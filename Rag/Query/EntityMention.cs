namespace Assistant.Rag.Query;

/// <summary>An entity found in a text: its kind and where it is, as written there.</summary>
/// <param name="Type">The kind of entity.</param>
/// <param name="Text">The entity as written in the text.</param>
/// <param name="Index">Where it starts in the text.</param>
public sealed record EntityMention(EntityType Type, string Text, int Index)
{
    /// <summary>Where it ends in the text (exclusive).</summary>
    public int End => Index + Text.Length;
}
