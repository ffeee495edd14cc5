namespace Assistant.Bot.Teams;

/// <summary>A service the Teams front end depends on (OpenID metadata, token endpoint, Bot Connector) failed.</summary>
internal sealed class TeamsFrontEndUnavailableException : Exception
{
    public TeamsFrontEndUnavailableException()
    {
    }

    public TeamsFrontEndUnavailableException(string message)
        : base(message)
    {
    }

    public TeamsFrontEndUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
