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
            Helpers = new HelperSummaries(compilation);
        }

        public ToolCompilationContext Tools { get; }

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
        private readonly HelperParameterCache<HelperUse> _uses;

        public HelperSummaries(Compilation compilation) => _uses = new HelperParameterCache<HelperUse>(compilation);

        /// <summary>
        /// What the method declaring <paramref name="parameter"/> does with its value, or null when the method has
        /// no body in this compilation. <paramref name="depth"/> counts the helper calls that led here.
        /// </summary>
        public HelperUse? Use(IParameterSymbol parameter, int depth, TracerSettings settings) =>
            _uses.Get(parameter, depth, helper =>
            {
                string? escape = null;
                var tracer = new TokenTracer(settings, helper.Method, (_, how) => escape ??= how, depth);
                tracer.TraceParameter(helper);
                return escape is null && !tracer.ReachedReturn
                    ? HelperUse.Nothing
                    : new HelperUse(escape, tracer.ReachedReturn);
            });
    }
}
