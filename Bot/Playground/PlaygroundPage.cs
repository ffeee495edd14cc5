using System.Collections.Frozen;

namespace Assistant.Bot.Playground;

/// <summary>
/// The chat page's files, embedded in the assembly so they are found however the host is started
/// (<c>dotnet run</c> from any folder, a published build, WebApplicationFactory).
/// </summary>
internal static class PlaygroundPage
{
    /// <summary>Scripts and styles only from this origin; the page needs nothing else.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = new Dictionary<string, (byte[], string)>
    {
        ["index.html"] = (Load("index.html"), "text/html; charset=utf-8"),
        ["playground.js"] = (Load("playground.js"), "text/javascript; charset=utf-8"),
        ["playground.css"] = (Load("playground.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary();

    /// <summary>The names that <see cref="Serve"/> knows.</summary>
    public static IEnumerable<string> Names => Files.Keys;

    /// <summary>Serves one file with headers that keep the page self-contained.</summary>
    public static IResult Serve(HttpContext context, string name)
    {
        var (content, contentType) = Files[name];
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(content, contentType);
    }

    private static byte[] Load(string name)
    {
        var resource = $"Assistant.Bot.Playground.Page.{name}";
        using var stream = typeof(PlaygroundPage).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
