namespace AgentSafety;

/// <summary>
/// States that a tool may be called by any caller without authorization, and says why. The analyzers accept it as
/// the tool's authorization declaration; reviewers read the justification.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PublicToolAttribute : Attribute
{
    /// <summary>Declares the tool public.</summary>
    /// <param name="justification">Why any caller may use this tool.</param>
    public PublicToolAttribute(string justification) => Justification = justification;

    /// <summary>Why any caller may use this tool.</summary>
    public string Justification { get; }
}
