namespace Assistant.Bot.Tests.TestSupport;

/// <summary>Finds folders of the repository from the test binaries, wherever the build put them.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Assistant.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/Bot.Tests, where the Node helpers live.</summary>
    public static string BotTests => Path.Combine(Root, "tests", "Bot.Tests");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Assistant.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Assistant.sln above {AppContext.BaseDirectory}.");
    }
}
