using System.CommandLine;
using Assistant.Bot.Teams;

namespace Assistant.Bot.Cli;

/// <summary><c>teams-package [--out file.zip] [--manifest-folder dir]</c>: the Teams app package to upload, for the configured app id.</summary>
internal static class TeamsPackageCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "The package to write.", DefaultValueFactory = _ => new FileInfo("teams-app.zip") };
        var folder = new Option<DirectoryInfo>("--manifest-folder")
        {
            Description = "The folder holding manifest.json and its icons.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("manifests", "teams")),
        };
        var command = new Command("teams-package", "Zip manifests/teams into a Teams app package with Teams:AppId filled in.") { output, folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var appId = CliHost.LoadConfiguration()[$"{TeamsOptions.SectionName}:{nameof(TeamsOptions.AppId)}"];
            if (string.IsNullOrWhiteSpace(appId))
            {
                await Console.Error.WriteLineAsync(
                    "Teams:AppId is not set, so there is no bot to package. Set it in appsettings.json or as the environment variable Teams__AppId (the Azure Bot's Microsoft App Id).").ConfigureAwait(false);
                return 2;
            }

            var file = parse.GetValue(output)!;
            var manifests = parse.GetValue(folder)!;
            using var package = new MemoryStream();
            try
            {
                TeamsAppPackage.Write(manifests.FullName, appId.Trim(), package);
            }
            catch (InvalidDataException e)
            {
                await Console.Error.WriteLineAsync($"No package written: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            // Written only once complete, so a failed run never leaves a half package to upload.
            file.Directory?.Create();
            await File.WriteAllBytesAsync(file.FullName, package.ToArray(), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Wrote {file.FullName} for app {appId.Trim()}: upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin centre.");
            return 0;
        });
        return command;
    }
}
