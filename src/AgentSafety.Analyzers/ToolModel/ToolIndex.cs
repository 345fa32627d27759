using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// One compilation's tools, found once and shared by every AgentSafety analyzer. The compiler runs each analyzer on
/// its own; without a shared index each rule would recognise the same tools again, and recognising factory calls
/// from operation callbacks cost every rule one callback per call expression in the compilation. Here a file is
/// read the first time any rule asks for it (see <see cref="TreeTools"/>).
/// </summary>
/// <remarks>
/// Keyed by the compilation object, so an IDE edit, which makes a new compilation, starts a new index and the old one
/// goes with its compilation.
/// </remarks>
internal sealed class ToolIndex
{
    private static readonly ConditionalWeakTable<Compilation, ToolIndex> Indexes = new();

    // Written without locks, like the other caches the rules share (see MemberBodyCache).
    private ImmutableDictionary<SyntaxKey, TreeTools> _trees = ImmutableDictionary<SyntaxKey, TreeTools>.Empty;

    private ToolIndex(Compilation compilation) => Context = ToolCompilationContext.ResolveFrom(compilation);

    /// <summary>
    /// The compilation's well-known symbols, or null when it references no agent framework and no AgentSafety.
    /// </summary>
    public ToolCompilationContext? Context { get; }

    public static ToolIndex For(Compilation compilation) =>
        Indexes.GetValue(compilation, static compilation => new ToolIndex(compilation));

    /// <summary>The tools and attributed methods of the file <paramref name="model"/> binds.</summary>
    public TreeTools In(SemanticModel model, CancellationToken cancellationToken)
    {
        if (Context is null)
            return TreeTools.Empty;

        var key = SyntaxKey.Of(model.SyntaxTree);
        if (_trees.TryGetValue(key, out var found))
            return found;

        // Two rules asking at once may both read the file; the results are equal and the first one stored is kept.
        // A cancelled read stores nothing.
        return ImmutableInterlocked.GetOrAdd(ref _trees, key, TreeTools.Read(model, Context, cancellationToken));
    }
}
