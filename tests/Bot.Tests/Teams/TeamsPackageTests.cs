using System.IO.Compression;
using System.Text.Json.Nodes;
using Assistant.Bot.Teams;
using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.Teams;

/// <summary>manifests/teams and the <c>teams-package</c> command that turns it into an uploadable app.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private static readonly string ManifestFolder = Path.Combine(RepositoryPaths.Root, "manifests", "teams");

    private readonly TempFolder _work = new();

    [Fact]
    public void TheManifestHasEveryFieldTheV119SchemaRequires()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(ManifestFolder, "manifest.json")))!;

        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.Equal("1.19", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+\.\d+$", manifest["version"]!.GetValue<string>());
        Assert.True(Guid.TryParse(manifest["id"]!.GetValue<string>(), out _));
        foreach (var field in new[] { "name", "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.False(string.IsNullOrEmpty(manifest["developer"]![field]?.GetValue<string>()), $"developer.{field}");
        }

        Assert.InRange(manifest["name"]!["short"]!.GetValue<string>().Length, 1, 30);
        Assert.InRange(manifest["name"]!["full"]!.GetValue<string>().Length, 1, 100);
        Assert.InRange(manifest["description"]!["short"]!.GetValue<string>().Length, 1, 80);
        Assert.InRange(manifest["description"]!["full"]!.GetValue<string>().Length, 1, 4000);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", manifest["accentColor"]!.GetValue<string>());

        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var lists = bot["commandLists"]!.AsArray();
        Assert.InRange(lists.Count, 1, 3);
        Assert.All(lists, l => Assert.InRange(l!["commands"]!.AsArray().Count, 1, 10));
        Assert.All(lists.SelectMany(l => l!["commands"]!.AsArray()), c => Assert.InRange(c!["title"]!.GetValue<string>().Length, 1, 128));
    }

    [Fact]
    public void TheIconsHaveTheSizesTeamsRequiresAndTheOutlineIsWhiteOnTransparent()
    {
        Assert.Equal((192, 192), TeamsAppPackage.PngSize(Path.Combine(ManifestFolder, "color.png")));
        Assert.Equal((32, 32), TeamsAppPackage.PngSize(Path.Combine(ManifestFolder, "outline.png")));

        var pixels = Png.ReadRgba(Path.Combine(ManifestFolder, "outline.png"));
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
    }

    [Fact]
    public async Task ThePackagedBotIdIsTheConfiguredAppId()
    {
        // Arrange
        const string AppId = "0b7c3e9a-51f2-4d7e-8a6b-2c4d6e8f0a1b";
        var output = Path.Combine(_work.Path, "out", "teams-app.zip");

        // Act
        var run = await RunAsync(new Dictionary<string, string> { ["Teams__AppId"] = AppId }, "teams-package", "--out", output, "--manifest-folder", ManifestFolder);

        // Assert
        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        using var zip = ZipFile.OpenRead(output);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var stream = zip.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(stream)!;
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackagingWithoutAnAppIdIsRefusedAndWritesNothing()
    {
        // Arrange
        var output = Path.Combine(_work.Path, "teams-app.zip");

        // Act
        var run = await RunAsync(new Dictionary<string, string> { ["Teams__AppId"] = string.Empty }, "teams-package", "--out", output, "--manifest-folder", ManifestFolder);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Teams:AppId is not set", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AnIconOfTheWrongSizeIsRefusedByName()
    {
        // Arrange
        var folder = Path.Combine(_work.Path, "manifest");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(ManifestFolder, "manifest.json"), Path.Combine(folder, "manifest.json"));
        File.Copy(Path.Combine(ManifestFolder, "outline.png"), Path.Combine(folder, "color.png"));
        File.Copy(Path.Combine(ManifestFolder, "outline.png"), Path.Combine(folder, "outline.png"));
        using var output = new MemoryStream();

        // Act
        var error = Assert.Throws<InvalidDataException>(() => TeamsAppPackage.Write(folder, "0b7c3e9a-51f2-4d7e-8a6b-2c4d6e8f0a1b", output));

        // Assert
        Assert.Contains("color icon must be 192x192", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();

    private Task<BotProcess.Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        BotProcess.RunAsync(arguments, _work.Path, environment, TimeSpan.FromMinutes(2));
}
