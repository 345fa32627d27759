using System.Collections.Immutable;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Rules;

/// <content>How AS1003 follows a model-supplied identity into the compilation's own helper methods.</content>
public sealed partial class ModelSuppliedIdentityAnalyzer
{
    /// <summary>
    /// What the source methods of a compilation decide with the values passed to them: a tool that hands
    /// <c>userId</c> to <c>orders.ForUser(userId)</c>, whose body filters a query by it, lets the model choose whose
    /// orders it reads as surely as a filter in the tool would. Each helper parameter is read once per compilation,
    /// whatever its name, up to <see cref="MaxDepth"/> calls from the tool.
    /// </summary>
    private sealed class HelperDecisions
    {
        private const int MaxDepth = 3;

        // The cache cannot hold null, so "decides nothing" is kept as the empty string.
        private const string Nothing = "";

        private readonly Compilation _compilation;
        // Written without locks, like the rules' other shared caches: two threads may read one helper once each.
        private ImmutableDictionary<(IParameterSymbol Parameter, int Depth), string> _decisions =
            ImmutableDictionary.Create<(IParameterSymbol, int), string>(ParameterAtDepthComparer.Instance);

        public HelperDecisions(Compilation compilation) => _compilation = compilation;

        /// <summary>
        /// What the method called with <paramref name="argument"/> decides with it, naming the method
        /// ("a query filter in 'OrderStore.ForUser'"), or null when it decides nothing or has no body here.
        /// </summary>
        public string? Decides(IArgumentOperation argument, int depth)
        {
            if (depth > MaxDepth || argument.Parameter is not { ContainingSymbol: IMethodSymbol called } parameter)
                return null;

            var method = FunctionBodies.BodyMethod(called);
            if (parameter.Ordinal >= method.Parameters.Length)
                return null;

            var definition = method.Parameters[parameter.Ordinal];
            if (_decisions.TryGetValue((definition, depth), out var known))
                return known.Length == 0 ? null : known;

            if (FunctionBodies.OperationOf(method, _compilation) is not { } body)
                return null;

            var decision = FirstDecision(body, definition, depth) is { } use ? Within(use, method) : Nothing;
            decision = ImmutableInterlocked.GetOrAdd(ref _decisions, (definition, depth), decision);
            return decision.Length == 0 ? null : decision;
        }

        private string? FirstDecision(IOperation body, IParameterSymbol parameter, int depth)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IParameterReferenceOperation reference &&
                    SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter) &&
                    IdentityParameters.ClassifyUse(reference, argument => Decides(argument, depth + 1)) is { } use)
                {
                    return use;
                }
            }

            return null;
        }

        // Names the helper where the decision is made; a decision made deeper already names its own.
        private static string Within(string use, IMethodSymbol method) =>
            use.Contains(" in '")
                ? use
                : $"{use} in '{(method.ContainingType is { } type ? type.Name + "." : "")}{method.Name}'";
    }
}
