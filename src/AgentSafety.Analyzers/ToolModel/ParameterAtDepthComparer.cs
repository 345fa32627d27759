using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// Keys of the caches that remember what a helper method does with one of its parameters, read a number of calls
/// away from a tool: the parameter compared as a symbol, not by reference.
/// </summary>
internal sealed class ParameterAtDepthComparer : IEqualityComparer<(IParameterSymbol Parameter, int Depth)>
{
    public static readonly ParameterAtDepthComparer Instance = new();

    public bool Equals((IParameterSymbol Parameter, int Depth) x, (IParameterSymbol Parameter, int Depth) y) =>
        x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter);

    public int GetHashCode((IParameterSymbol Parameter, int Depth) key) =>
        (SymbolEqualityComparer.Default.GetHashCode(key.Parameter) * 31) + key.Depth;
}
