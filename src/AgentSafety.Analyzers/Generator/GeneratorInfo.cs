namespace AgentSafety.Analyzers.Generator;

internal static class GeneratorInfo
{
    /// <summary>The version written into <c>GeneratedCode</c> attributes.</summary>
    public const string Version = "0.1.0";

    /// <summary>Tracking name of the step that turns an attributed method into a model.</summary>
    public const string ToolModelStep = "GuardedToolModel";

    /// <summary>Tracking name of the step that groups tools by their type.</summary>
    public const string TypeModelStep = "GuardedTypeModel";
}
