using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// Decides what is an agent tool. Each method answers for one place a tool can be found: a declared method, a
/// class, a factory call. Analyzers usually go through <see cref="ToolAnalysisExtensions.RegisterToolAction"/>,
/// which calls these for them.
/// </summary>
internal static class ToolRecognizer
{
    private const string AsyncSuffix = "Async";

    /// <summary>
    /// The shape of a method that is a tool by its own attribute (<c>[KernelFunction]</c> or
    /// <c>[McpServerTool]</c>), or <see langword="null"/>.
    /// </summary>
    public static ToolShape? GetAttributedShape(IMethodSymbol method, ToolCompilationContext context)
    {
        if (context.KernelFunctionAttribute is null && context.McpServerToolAttribute is null)
            return null;

        foreach (var attribute in method.GetAttributes())
        {
            if (ToolCompilationContext.DerivesFrom(attribute.AttributeClass, context.McpServerToolAttribute))
                return ToolShape.McpServerTool;

            if (ToolCompilationContext.DerivesFrom(attribute.AttributeClass, context.KernelFunctionAttribute))
                return ToolShape.KernelFunction;
        }

        return null;
    }

    /// <summary>Recognises a method with <c>[KernelFunction]</c> or <c>[McpServerTool]</c>.</summary>
    public static AgentTool? FromAttributedMethod(IMethodSymbol method, ToolCompilationContext context)
    {
        if (GetAttributedShape(method, context) is not { } shape || method.Locations.Length == 0)
            return null;

        var declaration = ToolDeclaration.Read(method, context);
        var name = declaration.AgentTool?.Name ?? AttributedName(method, shape, context);
        return new AgentTool(shape, ToolFactory.None, method, method, name, method.Locations[0], declaration, null);
    }

    /// <summary>
    /// Recognises a concrete class deriving from <c>AIFunction</c> that runs a tool itself. Wrappers
    /// (<c>DelegatingAIFunction</c>) and AgentSafety's own guarded functions are not tools of their own.
    /// </summary>
    public static AgentTool? FromAIFunctionSubclass(INamedTypeSymbol type, ToolCompilationContext context)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.Locations.Length == 0)
            return null;

        if (!ToolCompilationContext.DerivesFrom(type.BaseType, context.AIFunction) ||
            ToolCompilationContext.DerivesFrom(type, context.DelegatingAIFunction) ||
            ToolCompilationContext.DerivesFrom(type, context.GuardedAIFunction))
        {
            return null;
        }

        var declaration = ToolDeclaration.Read(type, context);
        var name = declaration.AgentTool?.Name ?? type.Name;
        return new AgentTool(
            ToolShape.AIFunctionSubclass, ToolFactory.None, type, null, name, type.Locations[0], declaration, null);
    }

    /// <summary>
    /// Recognises the tool a factory call creates, when its target is statically known: a method group, lambda,
    /// local function, or <c>typeof(T).GetMethod("Name")</c> naming exactly one method. A delegate held in a
    /// variable or a <c>MethodInfo</c> computed at run time is not followed.
    /// </summary>
    public static AgentTool? FromFactoryCall(IInvocationOperation invocation, ToolCompilationContext context)
    {
        var factory = GetFactory(invocation.TargetMethod, context);
        if (factory == ToolFactory.None)
            return null;

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || !IsTargetParameter(parameter.Type, context))
                continue;

            if (ResolveTarget(argument.Value) is not { } method)
                return null;

            var declaration = ToolDeclaration.Read(method, context);
            var name = FactoryName(invocation) ?? declaration.AgentTool?.Name ?? MethodName(method);
            var syntax = argument.Syntax is ArgumentSyntax { Expression: { } expression }
                ? expression
                : argument.Syntax;
            var location = syntax.GetLocation();
            return new AgentTool(
                ToolShape.FactoryTarget, factory, method, method, name, location, declaration, invocation);
        }

        return null;
    }

    /// <summary>Which factory <paramref name="method"/> belongs to, if any.</summary>
    public static ToolFactory GetFactory(IMethodSymbol method, ToolCompilationContext context)
    {
        var type = method.ContainingType;
        if (ToolCompilationContext.Is(type, context.AIFunctionFactory) && method.Name == "Create")
            return ToolFactory.AIFunctionFactory;

        if (ToolCompilationContext.Is(type, context.McpServerTool) && method.Name == "Create")
            return ToolFactory.McpServerTool;

        if (ToolCompilationContext.Is(type, context.KernelFunctionFactory) &&
            method.Name.StartsWith("CreateFromMethod", StringComparison.Ordinal))
        {
            return ToolFactory.KernelFunctionFactory;
        }

        return ToolFactory.None;
    }

    /// <summary>
    /// The method a delegate or <c>MethodInfo</c> expression stands for, or <see langword="null"/> when it is not
    /// known at compile time.
    /// </summary>
    public static IMethodSymbol? ResolveTarget(IOperation? operation)
    {
        operation = Unwrap(operation);
        return operation switch
        {
            IMethodReferenceOperation reference => reference.Method,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            IInvocationOperation { TargetMethod.Name: "GetMethod" } getMethod => ResolveGetMethod(getMethod),
            _ => null,
        };
    }

    /// <summary>Strips conversions, delegate creations and parentheses from a factory argument.</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation creation:
                    operation = creation.Target;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    private static IMethodSymbol? ResolveGetMethod(IInvocationOperation getMethod)
    {
        if (getMethod.TargetMethod.ContainingType?.ToDisplayString() != "System.Type" ||
            Unwrap(getMethod.Instance) is not ITypeOfOperation { TypeOperand: INamedTypeSymbol type } ||
            getMethod.Arguments.Length == 0 ||
            getMethod.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string name })
        {
            return null;
        }

        var candidates = type.GetMembers(name)
            .OfType<IMethodSymbol>()
            .Where(static m => m.MethodKind == MethodKind.Ordinary)
            .Take(2)
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static bool IsTargetParameter(ITypeSymbol type, ToolCompilationContext context) =>
        ToolCompilationContext.DerivesFrom(type, context.Delegate) ||
        ToolCompilationContext.Is(type, context.MethodInfo);

    private static string? FactoryName(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name is "name" or "functionName" &&
                argument.Value.ConstantValue is { HasValue: true, Value: string name })
            {
                return name;
            }

            if (Unwrap(argument.Value) is IObjectCreationOperation { Initializer: { } initializer } &&
                NameFromInitializer(initializer) is { } optionsName)
            {
                return optionsName;
            }
        }

        return null;
    }

    private static string? NameFromInitializer(IObjectOrCollectionInitializerOperation initializer)
    {
        foreach (var assignment in initializer.Initializers.OfType<ISimpleAssignmentOperation>())
        {
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: "Name" } &&
                assignment.Value.ConstantValue is { HasValue: true, Value: string name })
            {
                return name;
            }
        }

        return null;
    }

    private static string? AttributedName(IMethodSymbol method, ToolShape shape, ToolCompilationContext context)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (shape == ToolShape.KernelFunction &&
                ToolCompilationContext.DerivesFrom(attribute.AttributeClass, context.KernelFunctionAttribute) &&
                attribute.ConstructorArguments.Length > 0 &&
                attribute.ConstructorArguments[0].Value is string kernelName)
            {
                return kernelName;
            }

            if (shape == ToolShape.McpServerTool &&
                ToolCompilationContext.DerivesFrom(attribute.AttributeClass, context.McpServerToolAttribute))
            {
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Name" && named.Value.Value is string mcpName)
                        return mcpName;
                }
            }
        }

        return TrimAsync(method.Name);
    }

    /// <summary>
    /// The name a method's tool gets when no factory argument overrides it: <c>[AgentTool]</c>, or the method
    /// name without the conventional <c>Async</c> suffix, as <c>AIFunctionFactory</c>, Semantic Kernel and the
    /// AgentSafety generator all name it.
    /// </summary>
    public static string DefaultToolName(IMethodSymbol method, ToolDeclaration declaration) =>
        declaration.AgentTool?.Name is { Length: > 0 } name ? name : TrimAsync(method.Name);

    private static string? MethodName(IMethodSymbol method) =>
        method.MethodKind == MethodKind.AnonymousFunction ? null : TrimAsync(method.Name);

    private static string TrimAsync(string name) =>
        name.Length > AsyncSuffix.Length && name.EndsWith(AsyncSuffix, StringComparison.Ordinal)
            ? name.Substring(0, name.Length - AsyncSuffix.Length)
            : name;
}
