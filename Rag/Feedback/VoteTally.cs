namespace Assistant.Rag.Feedback;

/// <summary>
/// Decayed up and down weight on one item (a document, a chunk, a route under an intent) and how many distinct users
/// gave it. Each user counts once: callers add one user's latest signal, never each of their votes.
/// </summary>
/// <param name="Up">Sum of the decayed 👍 weights, one per user.</param>
/// <param name="Down">Sum of the decayed 👎 weights, one per user.</param>
/// <param name="Voters">Distinct users.</param>
public readonly record struct VoteTally(double Up, double Down, int Voters)
{
    /// <summary>This tally with one more user's signal: positive for 👍, negative for 👎, magnitude their (decayed) weight.</summary>
    public VoteTally Add(double signal) => signal switch
    {
        > 0 => new(Up + signal, Down, Voters + 1),
        < 0 => new(Up, Down - signal, Voters + 1),
        _ => this,
    };

    /// <summary>
    /// The smoothed lean of the votes in (-1, 1): the posterior mean of a Beta(<paramref name="priorVotes"/>,
    /// <paramref name="priorVotes"/>) prior after the votes, mapped from [0, 1] to [-1, 1], i.e.
    /// (up − down) / (up + down + 2·prior). Zero without votes; one voter moves it only part of the way.
    /// </summary>
    public double Smoothed(double priorVotes) => Up + Down <= 0 ? 0 : (Up - Down) / (Up + Down + (2 * priorVotes));

    /// <summary>
    /// <see cref="Smoothed"/> scaled down while fewer than <paramref name="minVoters"/> distinct users voted, so that a
    /// few users cannot move a prior far however often they vote.
    /// </summary>
    public double Effect(double priorVotes, int minVoters) => Smoothed(priorVotes) * Math.Min(1.0, (double)Voters / Math.Max(1, minVoters));
}
