using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Graph;

/// <summary>
/// A Neo4j server reached over its HTTP Query API (section <c>Graph:Neo4j</c>): base URL, database and credentials
/// (a bearer token, or a user and password for basic authentication). Empty <see cref="Url"/>: no Neo4j.
/// </summary>
internal sealed class Neo4jOptions
{
    /// <summary>The server's HTTP base address, e.g. https://graph.example.com:7473; empty: not configured.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The database the queries run on.</summary>
    [Required]
    public string Database { get; set; } = "neo4j";

    /// <summary>User for basic authentication (with <see cref="Password"/>).</summary>
    public string User { get; set; } = string.Empty;

    /// <summary>Password for basic authentication. Never logged.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>A bearer token (SSO); when set it is used instead of the user and password. Never logged.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Time one request may take, in milliseconds.</summary>
    [Range(100, 600_000)]
    public int TimeoutMilliseconds { get; set; } = 5000;

    /// <summary>True when a server is configured.</summary>
    public bool IsConfigured => Url.Length > 0;
}
