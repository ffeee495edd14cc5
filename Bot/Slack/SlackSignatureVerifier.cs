using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Slack;

/// <summary>
/// Checks Slack's request signature: <c>v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + rawBody))</c>, compared
/// in constant time, with timestamps more than five minutes from now refused as replays.
/// </summary>
/// <remarks>Thread-safe. Works on the raw body bytes, before any JSON or form parsing.</remarks>
internal sealed class SlackSignatureVerifier
{
    /// <summary>Largest accepted distance between the request's timestamp and now.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private static readonly byte[] VersionPrefix = "v0:"u8.ToArray();
    private static readonly int SignatureLength = Version.Length + 1 + (SHA256.HashSizeInBytes * 2);

    private readonly byte[] _secret;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
        : this(options.Value.SigningSecret, time)
    {
    }

    public SlackSignatureVerifier(string signingSecret, TimeProvider time)
    {
        _secret = Encoding.UTF8.GetBytes(signingSecret);
        _time = time;
    }

    /// <summary>Checks one request.</summary>
    /// <param name="timestamp">The X-Slack-Request-Timestamp header (Unix seconds), or null.</param>
    /// <param name="signature">The X-Slack-Signature header, e.g. "v0=a2114d…", or null.</param>
    /// <param name="body">The raw request body.</param>
    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Mismatch;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > ReplayWindow.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        if (signature.Length != SignatureLength || !signature.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return SignatureCheck.Mismatch;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Compute(timestamp, body, expected);

        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(signature.AsSpan(Version.Length + 1), given, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != given.Length)
        {
            return SignatureCheck.Mismatch;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The signature Slack would send for this timestamp and body ("v0=…").</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Compute(timestamp, body, hash);
        return Version + "=" + Convert.ToHexStringLower(hash);
    }

    private void Compute(string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(VersionPrefix);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp));
        hmac.AppendData(":"u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
