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
    private const int VisitedCapacity = 16;

    private static readonly ConditionalWeakTable<Compilation, CredentialFacts> Shared = new();

    private readonly Compilation _compilation;
    private readonly MemberBodyCache<IReadOnlyDictionary<MethodKey, MethodFacts>> _bodies =
        new(CredentialCollector.Collect);

    // What each tool reaches, for all four rules: each rule reports its own kind of finding from the same list.
    // Written without locks, like the body cache: a writer that holds a lock while the garbage collector suspends it
    // leaves the other analyzer threads spinning.
    private ImmutableDictionary<(MethodKey Root, int Depth), ImmutableArray<ReachedFinding>> _reached =
        ImmutableDictionary<(MethodKey Root, int Depth), ImmutableArray<ReachedFinding>>.Empty;

    private CredentialFacts(Compilation compilation) => _compilation = compilation;

    public static CredentialFacts For(Compilation compilation) =>
        Shared.GetValue(compilation, static compilation => new CredentialFacts(compilation));

    /// <summary>
    /// Every finding in <paramref name="root"/> and in the source it calls, up to <paramref name="maxDepth"/> calls
    /// deep, nearest first. <paramref name="model"/> is used to read bodies of its own file.
    /// </summary>
    public ImmutableArray<ReachedFinding> Reachable(
        MethodKey root, int maxDepth, SemanticModel? model, CancellationToken cancel)
    {
        if (_reached.TryGetValue((root, maxDepth), out var known))
            return known;

        var reached = Walk(root, maxDepth, model, cancel);
        return ImmutableInterlocked.GetOrAdd(ref _reached, (root, maxDepth), reached);
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

    private ImmutableArray<ReachedFinding> Walk(
        MethodKey root, int maxDepth, SemanticModel? model, CancellationToken cancel)
    {
        if (Of(root, model, cancel) is not { } rootFacts)
            return ImmutableArray<ReachedFinding>.Empty;

        var found = ImmutableArray.CreateBuilder<ReachedFinding>(rootFacts.Findings.Count);
        foreach (var finding in rootFacts.Findings)
            found.Add(new ReachedFinding(root, finding));

        // A tool that calls nothing in source needs no visited set or queue.
        if (maxDepth > 0 && rootFacts.Callees.Count > 0)
            WalkCallees(root, rootFacts, maxDepth, found, model, cancel);

        return found.Count == 0 ? ImmutableArray<ReachedFinding>.Empty : found.ToImmutable();
    }

    private void WalkCallees(
        MethodKey root,
        MethodFacts rootFacts,
        int maxDepth,
        ImmutableArray<ReachedFinding>.Builder found,
        SemanticModel? model,
        CancellationToken cancel)
    {
        // Sized for the few helpers a tool usually reaches, so that the set is not regrown on the way.
        var visited = new Dictionary<MethodKey, bool>(VisitedCapacity) { [root] = true };
        var queue = new Queue<(MethodKey Key, int Depth)>();
        foreach (var callee in rootFacts.Callees)
            Enqueue(callee, 1, visited, queue);

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
                Enqueue(callee, depth + 1, visited, queue);
        }
    }

    private static void Enqueue(
        MethodKey callee, int depth, Dictionary<MethodKey, bool> visited, Queue<(MethodKey Key, int Depth)> queue)
    {
        if (visited.ContainsKey(callee))
            return;

        visited[callee] = true;
        queue.Enqueue((callee, depth));
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
