using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Slack;

/// <summary>
/// The Slack front end (configuration section "Slack"). With no signing secret and no bot token the front end is
/// off and its endpoints answer 404; setting only one of the two is a configuration error. Secrets are never logged.
/// </summary>
internal sealed class SlackOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Slack";

    /// <summary>The Web API's address when none is configured.</summary>
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>The app's signing secret (Basic Information → App Credentials); every request is checked with it.</summary>
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>The bot token (xoxb-…) the Web API is called with.</summary>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>Base address of the Web API; tests point it at a fake.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>True when the front end is on.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);

    /// <summary><see cref="ApiBaseUrl"/> as an address ending in "/", so method names resolve beneath it.</summary>
    public Uri ApiBaseAddress => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasSecret = !string.IsNullOrWhiteSpace(SigningSecret);
        var hasToken = !string.IsNullOrWhiteSpace(BotToken);
        if (hasSecret && !hasToken)
        {
            yield return new ValidationResult("Slack:BotToken is required when Slack:SigningSecret is set (or remove both to turn Slack off).", [nameof(BotToken)]);
        }

        if (hasToken && !hasSecret)
        {
            yield return new ValidationResult("Slack:SigningSecret is required when Slack:BotToken is set (or remove both to turn Slack off).", [nameof(SigningSecret)]);
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("Slack:ApiBaseUrl must be an absolute http(s) URL.", [nameof(ApiBaseUrl)]);
        }
    }
}
