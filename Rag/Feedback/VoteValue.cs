namespace Assistant.Rag.Feedback;

/// <summary>👍 or 👎.</summary>
public enum VoteValue
{
    Down = -1,
    Up = 1,
}
