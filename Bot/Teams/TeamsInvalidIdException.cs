namespace Assistant.Bot.Teams;

/// <summary>
/// An id that would become a Bot Connector path segment is empty, "." or "..": the call is refused before any request
/// is made, since the path would collapse onto another resource.
/// </summary>
internal sealed class TeamsInvalidIdException : Exception
{
    public TeamsInvalidIdException()
    {
    }

    public TeamsInvalidIdException(string message)
        : base(message)
    {
    }

    public TeamsInvalidIdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
