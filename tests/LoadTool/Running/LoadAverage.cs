namespace Assistant.LoadTool.Running;

/// <summary>The machine's load average (/proc/loadavg): the machine is shared, so every report says how busy it was.</summary>
internal static class LoadAverage
{
    /// <summary>"1.23 0.98 0.71" (1, 5 and 15 minutes), or "unknown" off Linux.</summary>
    public static string Read()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
