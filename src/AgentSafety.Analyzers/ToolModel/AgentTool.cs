using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// One agent tool found in source: its shape, the method (or class) that runs, the name the model sees, where to
/// report about it, and what it declares. Built by <see cref="ToolRecognizer"/>; analyzers receive it through
/// <see cref="ToolAnalysisExtensions.RegisterToolAction"/>.
/// </summary>
internal sealed class AgentTool
{
    /// <summary>The method an <c>AIFunction</c> subclass overrides to run the tool.</summary>
    public const string InvokeCoreMethodName = "InvokeCoreAsync";

    public AgentTool(
        ToolShape shape,
        ToolFactory factory,
        ISymbol symbol,
        IMethodSymbol? method,
        string? name,
        Location location,
        ToolDeclaration declaration,
        IInvocationOperation? registration)
    {
        Shape = shape;
        Factory = factory;
        Symbol = symbol;
        Method = method;
        Name = name;
        Location = location;
        Declaration = declaration;
        Registration = registration;
    }

    public ToolShape Shape { get; }

    /// <summary>
    /// The factory for <see cref="ToolShape.FactoryTarget"/> tools; otherwise <see cref="ToolFactory.None"/>.
    /// </summary>
    public ToolFactory Factory { get; }

    /// <summary>
    /// The method, lambda or local function; the class for <see cref="ToolShape.AIFunctionSubclass"/>.
    /// </summary>
    public ISymbol Symbol { get; }

    /// <summary>
    /// The method whose parameters the model fills, or <see langword="null"/> for an <c>AIFunction</c> subclass,
    /// whose arguments arrive as one <c>AIFunctionArguments</c>.
    /// </summary>
    public IMethodSymbol? Method { get; }

    /// <summary>
    /// The tool name the model sees, or <see langword="null"/> when it cannot be known at compile time (an
    /// unnamed lambda, whose name the factory derives from a compiler-generated method name).
    /// </summary>
    public string? Name { get; }

    /// <summary>
    /// Where diagnostics about the tool go: the method or class name for declared tools, the delegate or
    /// <c>MethodInfo</c> argument of the factory call for factory targets.
    /// </summary>
    public Location Location { get; }

    public ToolDeclaration Declaration { get; }

    /// <summary>The factory call for <see cref="ToolShape.FactoryTarget"/> tools.</summary>
    public IInvocationOperation? Registration { get; }

    /// <summary>True when the tool runs in source of this compilation, so attributes can be added to it.</summary>
    public bool IsInSource => Symbol.Locations.Length > 0 && Symbol.Locations[0].IsInSource;
}
