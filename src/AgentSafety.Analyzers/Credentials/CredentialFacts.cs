using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// The credential facts of one compilation, shared by the four credential rules: each member body is read once,
/// whichever rule gets to it first, and code that no tool reaches is only ever walked, never reported.
/// </summary>
internal sealed class CredentialFacts
{
    private static readonly ConditionalWeakTable<Compilation, CredentialFacts> Shared = new();

    private readonly Compilation _compilation;
    private readonly MemberBodyCache<IReadOnlyDictionary<MethodKey, MethodFacts>> _bodies =
        new(CredentialCollector.Collect);

    private CredentialFacts(Compilation compilation) => _compilation = compilation;

    public static CredentialFacts For(Compilation compilation) =>
        Shared.GetValue(compilation, static compilation => new CredentialFacts(compilation));

    /// <summary>The operation-block action that reads bodies as the compiler hands them out.</summary>
    public void Remember(OperationBlockAnalysisContext context) => _bodies.Remember(context);

    /// <summary>
    /// The facts of the method, lambda or local function <paramref name="key"/> names, or null when it has no body
    /// this can read. <paramref name="model"/> is used when it binds the key's file.
    /// </summary>
    public MethodFacts? Of(MethodKey key, SemanticModel? model, CancellationToken cancel)
    {
        var node = key.Tree.GetRoot(cancel).FindNode(key.Span, getInnermostNodeForTie: true);
        return _bodies.For(node, _compilation, model, cancel) is { } facts && facts.TryGetValue(key, out var found)
            ? found
            : null;
    }
}
