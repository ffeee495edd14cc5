namespace Assistant.LoadTool.Running;

/// <summary>Finds the repository (the folder holding Assistant.sln) from the working directory or the tool's own folder.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The Release build of the bot, which the tool runs (build it first: dotnet build Bot -c Release).</summary>
    public static string BotDll => Path.Combine(Root, "Bot", "bin", "Release", "net10.0", "Assistant.Bot.dll");

    public static string Samples => Path.Combine(Root, "samples", "kb");

    private static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Assistant.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the tool from inside the repository: no Assistant.sln above the working directory.");
    }
}
