using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// The credential facts of one compilation, shared by the four credential rules: each body a tool reaches is read
/// once, whichever rule gets to it first, and code that no tool reaches is never read.
/// </summary>
internal sealed class CredentialFacts
{
    private static readonly ConditionalWeakTable<Compilation, CredentialFacts> Shared = new();

    private readonly Compilation _compilation;
    private readonly MemberBodyCache<IReadOnlyDictionary<MethodKey, MethodFacts>> _bodies =
        new(CredentialCollector.Collect);

    // What each tool reaches, for all four rules: each rule reports its own kind of finding from the same list.
    private readonly ConcurrentDictionary<(MethodKey Root, int Depth), ImmutableArray<ReachedFinding>> _reached =
        new();

    private CredentialFacts(Compilation compilation) => _compilation = compilation;

    public static CredentialFacts For(Compilation compilation) =>
        Shared.GetValue(compilation, static compilation => new CredentialFacts(compilation));

    /// <summary>
    /// Every finding in <paramref name="root"/> and in the source it calls, up to <paramref name="maxDepth"/> calls
    /// deep, nearest first. <paramref name="model"/> is used to read bodies of its file no block action has read.
    /// </summary>
    public ImmutableArray<ReachedFinding> Reachable(
        MethodKey root, int maxDepth, SemanticModel? model, CancellationToken cancel)
    {
        if (_reached.TryGetValue((root, maxDepth), out var known))
            return known;

        var found = ImmutableArray.CreateBuilder<ReachedFinding>();
        var visited = new HashSet<MethodKey> { root };
        var queue = new Queue<(MethodKey Key, int Depth)>();
        queue.Enqueue((root, 0));
        while (queue.Count > 0)
        {
            var (key, depth) = queue.Dequeue();
            if (Of(key, model, cancel) is not { } facts)
                continue;

            foreach (var finding in facts.Findings)
                found.Add(new ReachedFinding(key, finding));

            if (depth >= maxDepth)
                continue;

            foreach (var callee in facts.Callees)
            {
                if (visited.Add(callee))
                    queue.Enqueue((callee, depth + 1));
            }
        }

        var reached = found.Count == 0 ? ImmutableArray<ReachedFinding>.Empty : found.ToImmutable();
        return _reached.GetOrAdd((root, maxDepth), reached);
    }

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

/// <summary>A finding a tool reaches, with the method, lambda or local function that holds it.</summary>
internal readonly struct ReachedFinding
{
    public ReachedFinding(MethodKey owner, CredentialFinding finding)
    {
        Owner = owner;
        Finding = finding;
    }

    public MethodKey Owner { get; }

    public CredentialFinding Finding { get; }

    public void Deconstruct(out MethodKey owner, out CredentialFinding finding)
    {
        owner = Owner;
        finding = Finding;
    }
}
