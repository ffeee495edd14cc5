using System.Security.Cryptography;
using System.Text;

namespace Assistant.Rag.Memory;

/// <summary>
/// The storage key of one conversation: "{prefix}:conv:{channel}:{tenant hash}:{conversation hash}". Every part a user
/// or a channel payload controls (tenant, conversation, thread) is hashed with length prefixes, so no text can reach
/// into another conversation's or another tenant's key, and the channel is reduced to [a-z0-9-].
/// </summary>
/// <param name="Value">The key as stored.</param>
public readonly record struct ConversationKey(string Value)
{
    /// <summary>The key of <paramref name="turn"/>'s conversation (and thread, when the channel has threads).</summary>
    public static ConversationKey For(Turn turn, string prefix)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var channel = Sanitize(turn.Channel);
        var tenant = Hash(channel, turn.TenantId ?? string.Empty)[..16];
        var conversation = Hash(channel, turn.TenantId ?? string.Empty, turn.ConversationId ?? string.Empty, turn.ThreadId ?? string.Empty);
        return new ConversationKey($"{prefix}:conv:{channel}:{tenant}:{conversation}");
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Hex SHA-256 over the parts, each prefixed with its length so ("ab","c") and ("a","bc") differ.</summary>
    internal static string Hash(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length).Append(':').Append(part).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Sanitize(string? channel)
    {
        var clean = new string([.. (channel ?? string.Empty).ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(32)]);
        return clean.Length == 0 ? "unknown" : clean;
    }
}
