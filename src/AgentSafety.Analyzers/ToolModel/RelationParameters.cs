using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// How a <c>[RequiresRelation]</c> finds its parameter, and whether that parameter can name an object.
/// </summary>
internal static class RelationParameters
{
    /// <summary>The parameter named <paramref name="name"/> (ordinal, as <c>nameof</c> writes it), or null.</summary>
    public static IParameterSymbol? Find(IMethodSymbol method, string? name)
    {
        if (name is null)
            return null;

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
                return parameter;
        }

        return null;
    }

    /// <summary>
    /// True for types with one invariant text form that OpenFGA accepts as an object id: strings, characters,
    /// integers, Guids and enums, or nullable ones. Errors in the type are accepted, as the compiler reports them.
    /// </summary>
    public static bool CanFormObjectId(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            type = nullable.TypeArguments[0];

        if (type.TypeKind is TypeKind.Error or TypeKind.Enum)
            return true;

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return true;
        }

        return type.ToDisplayString() == "System.Guid";
    }
}
