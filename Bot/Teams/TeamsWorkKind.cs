namespace Assistant.Bot.Teams;

/// <summary>What the background worker does with an accepted activity.</summary>
internal enum TeamsWorkKind
{
    /// <summary>Answer a question: typing, answer, reply.</summary>
    Answer,

    /// <summary>Greet a conversation the bot was added to.</summary>
    Welcome,

    /// <summary>Record a vote from an Action.Submit card button and redraw the card with thanks.</summary>
    SubmitVote,
}
