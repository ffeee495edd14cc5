namespace Assistant.Bot.Teams;

/// <summary>How the bot proves its identity when it calls the Bot Connector (Azure Bot's "MicrosoftAppType").</summary>
internal enum TeamsAppType
{
    /// <summary>An app registration usable from any tenant; tokens come from the botframework.com tenant.</summary>
    MultiTenant,

    /// <summary>An app registration of one tenant; tokens come from that tenant (<see cref="TeamsOptions.TenantId"/>).</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity; <see cref="TeamsOptions.AppId"/> is its client id and there is no password.</summary>
    UserAssignedMsi,
}
