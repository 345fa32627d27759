using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>The semantic model for the file a tool's code sits in, which may not be the file being analyzed.</summary>
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
}
