namespace Assistant.Bot.Cli;

/// <summary>
/// The arguments <c>serve</c> hands to ASP.NET Core: its own options (--urls, --environment, --contentRoot,
/// --applicationName) and configuration overrides that name a section (<c>--Section:Key=value</c> or
/// <c>--Section:Key value</c>). Anything else is a typo of a command or an option, and is refused rather than
/// silently starting the server.
/// </summary>
internal static class HostArguments
{
    /// <summary>The host's own options, as ASP.NET Core's command-line configuration reads them (case-insensitive).</summary>
    public static IReadOnlyList<string> HostOptions { get; } = ["urls", "environment", "contentRoot", "applicationName"];

    /// <summary>A one-line summary of what <see cref="Problem"/> accepts, for error messages and help.</summary>
    public const string Summary = "--urls <urls>, --environment <name>, --contentRoot <path>, --Section:Key=value";

    /// <summary>The first token that is neither a host option nor a configuration override, or null when all are.</summary>
    /// <param name="tokens">The tokens System.CommandLine left unmatched, in order.</param>
    public static string? Problem(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                return token;
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? token[2..] : token[2..equals];
            if (!IsKnown(name))
            {
                return token;
            }

            if (equals < 0)
            {
                // "--urls http://…": the value is the next token, which must be there and not be another option.
                if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return token;
                }

                i++;
            }
        }

        return null;
    }

    /// <summary>
    /// The configuration's top-level sections, which may also be set (or emptied) whole: <c>--Teams=</c>. OpenTelemetry's
    /// own settings (<c>--OTEL_EXPORTER_OTLP_ENDPOINT=…</c>) are accepted as well.
    /// </summary>
    public static IReadOnlyList<string> Sections { get; } =
        ["Rag", "Llm", "Embeddings", "Redis", "Teams", "Slack", "Playground", "FairUse", "Channels", "Sql", "Graph", "ConnectionStrings", "Logging", "AllowedHosts"];

    private static bool IsKnown(string name) =>
        HostOptions.Contains(name, StringComparer.OrdinalIgnoreCase)
        || Sections.Contains(name, StringComparer.OrdinalIgnoreCase)
        || name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
        || (name.Contains(':', StringComparison.Ordinal) && !name.StartsWith(':') && !name.EndsWith(':'));
}
