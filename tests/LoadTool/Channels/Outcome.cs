namespace Assistant.LoadTool.Channels;

/// <summary>One request's result: the status ("200", "503", "timeout", "refused") and how long it took.</summary>
/// <param name="Status">The HTTP status code, or what went wrong before one arrived.</param>
/// <param name="Milliseconds">From sending to the response.</param>
/// <param name="AnswerId">The answer's id, when the response carries one (the playground).</param>
/// <param name="Detail">A short detail: the Teams invoke's inner statusCode, a problem title.</param>
internal sealed record Outcome(string Status, double Milliseconds, string? AnswerId = null, string? Detail = null)
{
    public bool Accepted => Status.Length == 3 && Status[0] == '2';
}
