namespace AgentSafety;

/// <summary>
/// Optionally names a guarded tool. Without it the tool takes the method's name, as
/// <c>AIFunctionFactory</c> would give it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AgentToolAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The tool name the model sees.</param>
    public AgentToolAttribute(string name) => Name = name;

    /// <summary>The tool name the model sees.</summary>
    public string Name { get; }
}
