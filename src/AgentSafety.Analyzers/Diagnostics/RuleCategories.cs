namespace AgentSafety.Analyzers.Diagnostics;

/// <summary>
/// The fixed set of categories, so teams can tune severities by category in .editorconfig
/// (<c>dotnet_analyzer_diagnostic.category-Authorization.severity</c>).
/// </summary>
internal static class RuleCategories
{
    /// <summary>Who may call a tool and with whose identity.</summary>
    public const string Authorization = "Authorization";

    /// <summary>Secrets and tokens a tool holds or passes on.</summary>
    public const string Credentials = "Credentials";

    /// <summary>Human approval of consequential actions.</summary>
    public const string Approval = "Approval";

    /// <summary>Using AgentSafety's attributes and generated code correctly.</summary>
    public const string Usage = "Usage";
}
