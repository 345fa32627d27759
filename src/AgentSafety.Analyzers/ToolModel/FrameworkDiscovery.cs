using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// Framework calls that register every attributed method of a type as a tool: the MCP SDK's <c>WithTools</c> and
/// Semantic Kernel's plugin factories (<c>AddFromType</c>, <c>AddFromObject</c>, <c>CreateFromType</c>,
/// <c>CreateFromObject</c>, <c>ImportPluginFromType</c>, <c>ImportPluginFromObject</c>).
/// </summary>
internal static class FrameworkDiscovery
{
    /// <summary>
    /// The attribute whose methods <paramref name="method"/> registers, or null when it is not a discovery call of
    /// a referenced framework.
    /// </summary>
    public static INamedTypeSymbol? ToolAttribute(IMethodSymbol method, ToolCompilationContext tools)
    {
        var assembly = method.ContainingAssembly?.Name ?? "";
        if (method.Name == "WithTools" && assembly.StartsWith("ModelContextProtocol", StringComparison.Ordinal))
            return tools.McpServerToolAttribute;

        if (method.Name is "AddFromType" or "AddFromObject" or "CreateFromType" or "CreateFromObject" or
                "ImportPluginFromType" or "ImportPluginFromObject" &&
            assembly.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal))
        {
            return tools.KernelFunctionAttribute;
        }

        return null;
    }

    /// <summary>The types a discovery call names: type arguments, <c>typeof</c> arguments, objects passed.</summary>
    public static List<INamedTypeSymbol> DiscoveredTypes(IInvocationOperation call)
    {
        var types = new List<INamedTypeSymbol>();
        foreach (var typeArgument in call.TargetMethod.TypeArguments)
            Add(types, typeArgument);

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is null || argument.Parameter.Type.SpecialType == SpecialType.System_String)
                continue;

            foreach (var value in Values(argument.Value))
            {
                var unwrapped = ToolRecognizer.Unwrap(value);
                if (unwrapped is ITypeOfOperation typeOf)
                    Add(types, typeOf.TypeOperand);
                else if (argument.Parameter.Name is "target" or "instance" or "obj" && unwrapped?.Type is { } type)
                    Add(types, type);
            }
        }

        return types;
    }

    /// <summary>Where to report about a call: its method name, so the squiggle sits on the registration.</summary>
    public static Location NameLocation(IInvocationOperation call) => call.Syntax is InvocationExpressionSyntax
    {
        Expression: MemberAccessExpressionSyntax { Name: { } name },
    }
        ? name.GetLocation()
        : call.Syntax.GetLocation();

    private static IEnumerable<IOperation> Values(IOperation value)
    {
        if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            foreach (var element in initializer.ElementValues)
                yield return element;
        }
        else
        {
            yield return value;
        }
    }

    private static void Add(List<INamedTypeSymbol> types, ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named &&
            !types.Contains(named, SymbolEqualityComparer.Default))
            types.Add(named);
    }
}
