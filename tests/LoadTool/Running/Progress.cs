namespace Assistant.LoadTool.Running;

/// <summary>Progress lines on standard error, so standard output stays the report (and valid JSON with --json).</summary>
internal static class Progress
{
    public static void Say(string message) =>
        Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
