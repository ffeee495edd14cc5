namespace Assistant.Rag.Evaluation;

/// <summary>How one answer scored against the facts it must contain.</summary>
public enum AnswerVerdict
{
    /// <summary>Answerable and every required fact is in the answer, or unanswerable and declined.</summary>
    Right,

    /// <summary>Answerable and a required fact is missing, or unanswerable and answered anyway.</summary>
    Wrong,

    /// <summary>Answerable, but the engine said it had no evidence.</summary>
    Declined,
}
