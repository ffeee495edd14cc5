namespace Assistant.Bot.Slack;

/// <summary>Work the endpoints hand to <see cref="SlackWorker"/> so they can acknowledge Slack within its 3 seconds.</summary>
internal abstract record SlackWorkItem;
