namespace Assistant.Bot.Slack;

/// <summary>The outcome of checking a request's Slack signature.</summary>
internal enum SignatureCheck
{
    /// <summary>The signature matches and the timestamp is recent.</summary>
    Valid,

    /// <summary>X-Slack-Signature or X-Slack-Request-Timestamp is absent.</summary>
    Missing,

    /// <summary>The timestamp is more than five minutes from now: a possible replay.</summary>
    Stale,

    /// <summary>The signature is malformed, has an unknown version, or does not match.</summary>
    Mismatch,
}
