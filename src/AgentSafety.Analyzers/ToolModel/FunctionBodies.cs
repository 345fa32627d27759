using System.Threading;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>The operation tree of a method, lambda or local function declared in source.</summary>
internal static class FunctionBodies
{
    /// <summary>
    /// The operation for <paramref name="function"/>'s declaration, bound with <paramref name="model"/> when the
    /// declaration is in its file and with the compilation's shared model of the other file otherwise; null for a
    /// function without source.
    /// </summary>
    public static IOperation? Find(IMethodSymbol function, SemanticModel model, CancellationToken cancel)
    {
        var references = function.DeclaringSyntaxReferences;
        if (references.Length == 0)
            return null;

        var syntax = references[0].GetSyntax(cancel);
        return ModelFor(syntax.SyntaxTree, model).GetOperation(syntax, cancel);
    }

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
}
