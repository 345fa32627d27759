using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// What a rule learned about one parameter of a method the compilation declares, from that method's body, keyed by
/// the parameter and by how many calls away from a tool it was read (a rule follows values a few calls deep, and
/// what it finds at the limit can differ from what it finds nearer). Read once per compilation, whatever the number
/// of callers; written without locks, like the rules' other shared caches.
/// </summary>
/// <typeparam name="TResult">What the rule keeps for one parameter.</typeparam>
internal sealed class HelperParameterCache<TResult>
    where TResult : class
{
    private readonly Compilation _compilation;
    private ImmutableDictionary<(IParameterSymbol Parameter, int Depth), TResult> _results =
        ImmutableDictionary.Create<(IParameterSymbol, int), TResult>(ParameterAtDepthComparer.Instance);

    public HelperParameterCache(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// What <paramref name="read"/> finds for <paramref name="parameter"/> in the body of the method declaring it,
    /// or null when that method has no body in this compilation (a referenced library, an interface, a delegate).
    /// </summary>
    public TResult? Get(IParameterSymbol parameter, int depth, Func<HelperParameter, TResult> read)
    {
        // Most calls a value reaches are into referenced assemblies, which have no body here: no lookup for those.
        if (parameter.ContainingSymbol is not IMethodSymbol called ||
            called.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        var method = FunctionBodies.BodyMethod(called);
        if (parameter.Ordinal >= method.Parameters.Length)
            return null;

        var definition = method.Parameters[parameter.Ordinal];
        if (_results.TryGetValue((definition, depth), out var known))
            return known;

        if (FunctionBodies.OperationOf(method, _compilation) is not { } body)
            return null;

        var result = read(new HelperParameter(method, definition, body));
        return ImmutableInterlocked.GetOrAdd(ref _results, (definition, depth), result);
    }
}

/// <summary>A parameter of a method the compilation declares, with the operation tree of the method's body.</summary>
internal readonly struct HelperParameter
{
    private readonly IOperation _body;

    public HelperParameter(IMethodSymbol method, IParameterSymbol parameter, IOperation body)
    {
        Method = method;
        Parameter = parameter;
        _body = body;
    }

    /// <summary>The declaration that holds the body: a generic definition, a partial method's own part.</summary>
    public IMethodSymbol Method { get; }

    public IParameterSymbol Parameter { get; }

    /// <summary>Every reference to the parameter in the body, in source order.</summary>
    public IEnumerable<IParameterReferenceOperation> References()
    {
        foreach (var operation in _body.Descendants())
        {
            if (operation is IParameterReferenceOperation reference &&
                SymbolEqualityComparer.Default.Equals(reference.Parameter, Parameter))
            {
                yield return reference;
            }
        }
    }
}
