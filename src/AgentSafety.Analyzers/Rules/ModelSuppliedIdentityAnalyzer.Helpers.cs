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

        private readonly HelperParameterCache<string> _decisions;

        public HelperDecisions(Compilation compilation) =>
            _decisions = new HelperParameterCache<string>(compilation);

        /// <summary>
        /// What the method called with <paramref name="argument"/> decides with it, naming the method
        /// ("a query filter in 'OrderStore.ForUser'"), or null when it decides nothing or has no body here.
        /// </summary>
        public string? Decides(IArgumentOperation argument, int depth)
        {
            if (depth > MaxDepth || argument.Parameter is not { } parameter)
                return null;

            var decision = _decisions.Get(parameter, depth, helper =>
                FirstDecision(helper, depth) is { } use ? Within(use, helper.Method) : Nothing);
            return string.IsNullOrEmpty(decision) ? null : decision;
        }

        private string? FirstDecision(HelperParameter helper, int depth)
        {
            foreach (var reference in helper.References())
            {
                if (IdentityParameters.ClassifyUse(reference, argument => Decides(argument, depth + 1)) is { } use)
                    return use;
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
