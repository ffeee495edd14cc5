using Microsoft.Extensions.Options;

namespace Assistant.Bot.Teams;

/// <summary>Checks the Teams settings at start, naming the setting that is wrong.</summary>
internal sealed class TeamsOptionsValidator(IHostEnvironment environment) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Guid.TryParse(options.AppId, out _))
        {
            failures.Add("Teams:AppId must be the Azure Bot's Microsoft App Id, a GUID.");
        }

        switch (options.AppType)
        {
            case TeamsAppType.MultiTenant when string.IsNullOrEmpty(options.AppPassword):
                failures.Add("Teams:AppPassword is required when Teams:AppType is MultiTenant.");
                break;
            case TeamsAppType.SingleTenant:
                if (string.IsNullOrEmpty(options.AppPassword))
                {
                    failures.Add("Teams:AppPassword is required when Teams:AppType is SingleTenant.");
                }

                if (!Guid.TryParse(options.TenantId, out _) && string.IsNullOrWhiteSpace(options.TokenEndpoint))
                {
                    failures.Add("Teams:TenantId (a GUID) is required when Teams:AppType is SingleTenant.");
                }

                break;
            case TeamsAppType.UserAssignedMsi when !string.IsNullOrEmpty(options.AppPassword):
                failures.Add("Teams:AppPassword must be empty when Teams:AppType is UserAssignedMsi: the managed identity has no secret.");
                break;
        }

        CheckUrl(failures, "Teams:OpenIdMetadataUrl", options.OpenIdMetadataUrl, allowEmpty: false);
        CheckUrl(failures, "Teams:TokenEndpoint", options.TokenEndpoint, allowEmpty: true);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Signing keys and secrets travel over these addresses, so plain http is only for the local machine
    // (test fakes) and the link-local managed-identity endpoint, which is http by design.
    private void CheckUrl(List<string> failures, string key, string value, bool allowEmpty)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (!allowEmpty)
            {
                failures.Add($"{key} is required.");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute http(s) URL.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && uri.Host != "169.254.169.254" && !environment.IsDevelopment())
        {
            failures.Add($"{key} must use https (plain http is accepted only for loopback addresses).");
        }
    }
}
