namespace Assistant.Rag.Query;

/// <summary>The kinds of entity a follow-up can swap or point back to.</summary>
public enum EntityType
{
    /// <summary>An office, city or country ("Austin", "上海").</summary>
    Place,

    /// <summary>A plan, tier or edition of a product ("Growth", "Enterprise").</summary>
    Plan,

    /// <summary>A product, system or named service ("Relaykit", "VPN").</summary>
    Product,

    /// <summary>A named person ("Anna Keller").</summary>
    Person,

    /// <summary>A person's role ("office manager", "总经理"): what "he" or "she" points back to when no name was given.</summary>
    Role,

    /// <summary>A group of people a rule applies to ("contractors", "实习生").</summary>
    Group,
}
