namespace Assistant.Bot.Cards;

/// <summary>The <c>msteams</c> part of an <c>Action.Submit</c>'s data that makes Teams post <paramref name="Value"/> as the user's message.</summary>
internal sealed record TeamsImBack(string Value)
{
    /// <summary>Always "imBack".</summary>
    public string Type => "imBack";
}
