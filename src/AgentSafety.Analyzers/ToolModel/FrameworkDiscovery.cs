using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// Framework calls that register every attributed method of a type as a tool: the MCP SDK's <c>WithTools</c> and
/// <c>WithToolsFromAssembly</c>, and Semantic Kernel's plugin factories (<c>AddFromType</c>, <c>AddFromObject</c>,
/// <c>CreateFromType</c>, <c>CreateFromObject</c>, <c>ImportPluginFromType</c>, <c>ImportPluginFromObject</c>).
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
        if (method.Name is "WithTools" or WellKnownNames.WithToolsFromAssembly &&
            assembly.StartsWith("ModelContextProtocol", StringComparison.Ordinal))
        {
            return tools.McpServerToolAttribute;
        }

        if (method.Name is "AddFromType" or "AddFromObject" or "CreateFromType" or "CreateFromObject" or
                "ImportPluginFromType" or "ImportPluginFromObject" &&
            assembly.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal))
        {
            return tools.KernelFunctionAttribute;
        }

        return null;
    }

    /// <summary>
    /// The types a discovery call names: type arguments, <c>typeof</c> arguments, objects passed; for
    /// <c>WithToolsFromAssembly</c>, the MCP tool types of the assembly it scans, when that is known.
    /// </summary>
    public static List<INamedTypeSymbol> DiscoveredTypes(IInvocationOperation call, Compilation compilation)
    {
        var types = new List<INamedTypeSymbol>();
        if (call.TargetMethod.Name == WellKnownNames.WithToolsFromAssembly)
        {
            if (ScannedAssembly(call, compilation) is { } assembly)
                AddMcpToolTypes(types, assembly.GlobalNamespace);

            return types;
        }

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

    /// <summary>How a diagnostic names the registration that <paramref name="call"/> makes.</summary>
    public static string Registration(IInvocationOperation call, INamedTypeSymbol type) =>
        call.TargetMethod.Name == WellKnownNames.WithToolsFromAssembly
            ? WellKnownNames.WithToolsFromAssembly + "()"
            : call.TargetMethod.Name + "<" + type.Name + ">()";

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

    // WithToolsFromAssembly scans the assembly passed, or with none the calling one, which is the project making the
    // call. An assembly is known when the code passes typeof(T).Assembly or Assembly.GetExecutingAssembly(); any
    // other expression is left alone.
    private static IAssemblySymbol? ScannedAssembly(IInvocationOperation call, Compilation compilation)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Type.Name != "Assembly")
                continue;

            var value = ToolRecognizer.Unwrap(argument.Value);
            if (argument.ArgumentKind == ArgumentKind.DefaultValue ||
                value is null or { ConstantValue: { HasValue: true, Value: null } })
            {
                return compilation.Assembly;
            }

            return value switch
            {
                IPropertyReferenceOperation { Property.Name: "Assembly", Instance: ITypeOfOperation typeOf } =>
                    typeOf.TypeOperand.ContainingAssembly,
                IInvocationOperation { TargetMethod: { Name: "GetExecutingAssembly", ContainingType.Name: "Assembly" } }
                    => compilation.Assembly,
                _ => null,
            };
        }

        return null;
    }

    // The classes, nested ones included, that carry [McpServerToolType]: the ones the MCP SDK registers.
    private static void AddMcpToolTypes(List<INamedTypeSymbol> types, INamespaceSymbol root)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is INamespaceSymbol ns)
            {
                foreach (var member in ns.GetMembers())
                    pending.Push(member);

                continue;
            }

            var type = (INamedTypeSymbol)current;
            if (IsMcpToolType(type))
                Add(types, type);

            foreach (var nested in type.GetTypeMembers())
                pending.Push(nested);
        }
    }

    private static bool IsMcpToolType(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "McpServerToolTypeAttribute" } attributeClass &&
                attributeClass.ToDisplayString() == WellKnownNames.McpServerToolTypeAttribute)
            {
                return true;
            }
        }

        return false;
    }
}
