using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// The semantic model for the file a tool's code sits in, which may not be the file being analyzed, and the operation
/// tree of a method the compilation declares.
/// </summary>
internal static class FunctionBodies
{
    /// <summary>
    /// <paramref name="model"/> when it binds <paramref name="tree"/>; otherwise the model the compilation hands
    /// out for that file. Inside an analyzer run the compiler caches one model per file for every analyzer, so this
    /// binds nothing twice.
    /// </summary>
    public static SemanticModel ModelFor(SyntaxTree tree, SemanticModel model) =>
        model.SyntaxTree == tree ? model : ModelFor(tree, model.Compilation);

    /// <summary>The model <paramref name="compilation"/> hands out for <paramref name="tree"/>.</summary>
    public static SemanticModel ModelFor(SyntaxTree tree, Compilation compilation)
    {
#pragma warning disable RS1030 // A tool's code may sit in another file; its model is needed to read it.
        return compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }

    /// <summary>
    /// The declaration that holds <paramref name="method"/>'s body: its generic definition, or the implementing part
    /// of a partial method.
    /// </summary>
    public static IMethodSymbol BodyMethod(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        return definition.PartialImplementationPart ?? definition;
    }

    /// <summary>
    /// The operation tree of <paramref name="method"/>'s body when <paramref name="compilation"/> declares it in
    /// source (a method, constructor, accessor or local function), or null: a method of a referenced assembly, an
    /// abstract or interface method, a lambda.
    /// </summary>
    public static IOperation? OperationOf(IMethodSymbol method, Compilation compilation)
    {
        var source = BodyMethod(method);
        if (source.DeclaringSyntaxReferences.IsEmpty || source.MethodKind == MethodKind.AnonymousFunction)
            return null;

        var syntax = source.DeclaringSyntaxReferences[0].GetSyntax();
        return compilation.ContainsSyntaxTree(syntax.SyntaxTree)
            ? ModelFor(syntax.SyntaxTree, compilation).GetOperation(syntax)
            : null;
    }
}
