using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>Which parameters of a tool the model fills, per framework.</summary>
internal static class ToolParameters
{
    /// <summary>
    /// True when a principal parameter (<c>ClaimsPrincipal</c>, <c>ClaimsIdentity</c>, <c>ToolPrincipal</c>) of
    /// <paramref name="tool"/> is filled from the model's arguments: Microsoft.Extensions.AI and Semantic Kernel
    /// bind it like any other parameter and publish it in the JSON schema. The MCP SDK injects the caller's
    /// <c>ClaimsPrincipal</c>, so its tools are not counted.
    /// </summary>
    public static bool ModelFillsPrincipal(AgentTool tool) =>
        tool.Shape == ToolShape.KernelFunction ||
        tool.Factory is ToolFactory.AIFunctionFactory or ToolFactory.KernelFunctionFactory;

    /// <summary>True for the types that stand for the acting user.</summary>
    public static bool IsPrincipalType(ITypeSymbol type, ToolCompilationContext context) =>
        ToolCompilationContext.DerivesFrom(type, context.ClaimsPrincipal) ||
        ToolCompilationContext.Is(type, context.ToolPrincipal) ||
        type.ToDisplayString() == "System.Security.Claims.ClaimsIdentity";

    /// <summary>The <c>[FromKeyedServices]</c> attribute on <paramref name="parameter"/>, if any.</summary>
    public static AttributeData? FromKeyedServices(IParameterSymbol parameter, ToolCompilationContext context)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (ToolCompilationContext.DerivesFrom(attribute.AttributeClass, context.FromKeyedServicesAttribute))
                return attribute;
        }

        return null;
    }
}
