using System.Net;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Teams;

/// <summary>
/// Local development mode for Teams: the Microsoft 365 Agents Playground talks to /api/messages without a token,
/// because it has no Entra app registration to get one from. The mode is on only when the host runs in the
/// Development environment, Teams:AppId is empty and Teams:AllowLocalEmulator is true; in it, activities are accepted
/// only from a loopback caller, replies go only to a loopback serviceUrl (the Playground's mock connector, e.g.
/// http://localhost:56150/_connector) and no outbound token is requested. In every other case nothing changes.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class TeamsLocalEmulator(IHostEnvironment environment, IOptions<TeamsOptions> options)
{
    /// <summary>True when the local mode is on.</summary>
    public bool Enabled => IsOn(environment, options.Value);

    /// <summary>True when Teams:AllowLocalEmulator is set but a condition of the mode is not met, so it is ignored.</summary>
    public bool Ignored => options.Value.AllowLocalEmulator && !Enabled;

    /// <summary>The local mode's rule: Development, no app id, and the setting on.</summary>
    public static bool IsOn(IHostEnvironment environment, TeamsOptions options) =>
        environment.IsDevelopment() && !options.Enabled && options.AllowLocalEmulator;

    /// <summary>True for a caller on this machine (127.0.0.0/8, ::1, or IPv4 loopback mapped to IPv6); false when unknown.</summary>
    public static bool IsLoopbackCaller(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>True for an absolute http(s) URL whose host is "localhost" or a loopback address.</summary>
    public static bool IsLoopbackServiceUrl(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IsLoopbackCaller(address)));
}
