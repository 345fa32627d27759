using System.Collections.Immutable;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.Rules;

/// <content>How AS3002 follows a token's text into the compilation's own helper methods.</content>
public sealed partial class DelegatedTokenEscapeAnalyzer
{
    /// <summary>What every tracer of one compilation shares.</summary>
    private sealed class TracerSettings
    {
        public TracerSettings(ToolCompilationContext tools, Compilation compilation)
        {
            Tools = tools;
            Exception = tools.Exception;
            Helpers = new HelperSummaries(compilation);
        }

        public ToolCompilationContext Tools { get; }

        public INamedTypeSymbol? Exception { get; }

        public HelperSummaries Helpers { get; }
    }

    /// <summary>What a helper does with a value passed to one of its parameters.</summary>
    private sealed class HelperUse
    {
        public static readonly HelperUse Nothing = new(null, false);

        public HelperUse(string? escape, bool returnsValue)
        {
            Escape = escape;
            ReturnsValue = returnsValue;
        }

        /// <summary>How the value escapes inside the helper (the first way found), or null.</summary>
        public string? Escape { get; }

        /// <summary>True when the helper returns the value or text built from it.</summary>
        public bool ReturnsValue { get; }
    }

    /// <summary>
    /// What the source methods of a compilation do with the values passed to them, worked out the first time a
    /// token's text is passed to one and kept for every body that passes one again. A helper that takes an
    /// <c>AccessToken</c> reports its own escapes where they happen; the caller learns only whether it returns the
    /// token's text. A helper that takes the text (a string, an object) is where the caller's token escapes.
    /// </summary>
    private sealed class HelperSummaries
    {
        private readonly Compilation _compilation;
        // Written without locks, like the rules' other shared caches; two threads may work out the same helper once
        // each, and the answers are equal.
        private ImmutableDictionary<(IParameterSymbol Parameter, int Depth), HelperUse> _uses =
            ImmutableDictionary.Create<(IParameterSymbol, int), HelperUse>(ParameterAtDepthComparer.Instance);

        public HelperSummaries(Compilation compilation) => _compilation = compilation;

        /// <summary>
        /// What the method declaring <paramref name="parameter"/> does with its value, or null when the method has
        /// no body in this compilation. <paramref name="depth"/> counts the helper calls that led here.
        /// </summary>
        public HelperUse? Use(IParameterSymbol parameter, int depth, TracerSettings settings)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol called)
                return null;

            var method = FunctionBodies.BodyMethod(called);
            if (parameter.Ordinal >= method.Parameters.Length)
                return null;

            var definition = method.Parameters[parameter.Ordinal];
            if (_uses.TryGetValue((definition, depth), out var known))
                return known;

            if (FunctionBodies.OperationOf(method, _compilation) is not { } body)
                return null;

            string? escape = null;
            var tracer = new TokenTracer(settings, method, (_, how) => escape ??= how, depth);
            tracer.TraceParameter(body, definition);
            var use = escape is null && !tracer.ReachedReturn ? HelperUse.Nothing : new HelperUse(
                escape, tracer.ReachedReturn);
            return ImmutableInterlocked.GetOrAdd(ref _uses, (definition, depth), use);
        }
    }
}
