namespace Assistant.Bot.Teams;

/// <summary>The verdict on an inbound request's bearer token.</summary>
/// <param name="Valid">True when every check passed.</param>
/// <param name="Reason">Why it failed, for the log (never the token itself); null when valid.</param>
internal sealed record InboundAuthResult(bool Valid, string? Reason)
{
    public static InboundAuthResult Success { get; } = new(true, null);

    public static InboundAuthResult Fail(string reason) => new(false, reason);
}
