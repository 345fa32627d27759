using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// One AgentSafety attribute as the user wrote it. Argument values are <see langword="null"/> when the attribute
/// does not bind (a compile error the compiler already reports), so analyzers never guess at broken input.
/// </summary>
internal abstract class DeclaredAttribute
{
    protected DeclaredAttribute(AttributeData attribute) => Attribute = attribute;

    /// <summary>The attribute as the compiler bound it.</summary>
    public AttributeData Attribute { get; }

    /// <summary>The attribute in source, or <see langword="null"/> when it comes from metadata.</summary>
    public Location? GetLocation(CancellationToken cancellationToken) =>
        Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();

    /// <summary>
    /// The constructor argument at <paramref name="index"/> in source, or the whole attribute when the argument
    /// cannot be found (a named argument, or an attribute from metadata).
    /// </summary>
    public Location? GetArgumentLocation(int index, CancellationToken cancellationToken)
    {
        var syntax = Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        if (syntax is not AttributeSyntax { ArgumentList: { } list })
            return syntax?.GetLocation();

        var positional = 0;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not null || argument.NameColon is not null)
                continue;

            if (positional == index)
                return argument.Expression.GetLocation();

            positional++;
        }

        return syntax.GetLocation();
    }

    /// <summary>
    /// True when the constructor argument at <paramref name="index"/> bound to a constant, <see langword="null"/>
    /// included; false when the attribute has errors.
    /// </summary>
    public bool HasConstantArgument(int index)
    {
        var arguments = Attribute.ConstructorArguments;
        return index < arguments.Length && arguments[index].Kind == TypedConstantKind.Primitive;
    }

    protected static string? StringArgument(AttributeData attribute, int index)
    {
        var arguments = attribute.ConstructorArguments;
        if (index >= arguments.Length || arguments[index].Kind != TypedConstantKind.Primitive)
            return null;

        return arguments[index].Value as string;
    }
}

/// <summary><c>[RequiresPermission(permission)]</c> on the tool or on a type that contains it.</summary>
internal sealed class PermissionRequirement : DeclaredAttribute
{
    public PermissionRequirement(AttributeData attribute, bool isOnContainingType)
        : base(attribute)
    {
        Permission = StringArgument(attribute, 0);
        IsOnContainingType = isOnContainingType;
    }

    public string? Permission { get; }

    /// <summary>True when the attribute sits on a containing type and so applies to every tool in it.</summary>
    public bool IsOnContainingType { get; }
}

/// <summary><c>[RequiresRelation(relation, objectType, parameterName)]</c>.</summary>
internal sealed class RelationRequirement : DeclaredAttribute
{
    public const int RelationArgument = 0;
    public const int ObjectTypeArgument = 1;
    public const int ParameterNameArgument = 2;

    public RelationRequirement(AttributeData attribute)
        : base(attribute)
    {
        Relation = StringArgument(attribute, RelationArgument);
        ObjectType = StringArgument(attribute, ObjectTypeArgument);
        ParameterName = StringArgument(attribute, ParameterNameArgument);
    }

    public string? Relation { get; }

    public string? ObjectType { get; }

    public string? ParameterName { get; }
}

/// <summary><c>[RequiresApproval(bindingMessage)]</c>.</summary>
internal sealed class ApprovalRequirement : DeclaredAttribute
{
    public ApprovalRequirement(AttributeData attribute)
        : base(attribute) => BindingMessage = StringArgument(attribute, 0);

    public string? BindingMessage { get; }
}

/// <summary><c>[PublicTool(justification)]</c> on the tool or on a type that contains it.</summary>
internal sealed class PublicToolDeclaration : DeclaredAttribute
{
    public PublicToolDeclaration(AttributeData attribute)
        : base(attribute) => Justification = StringArgument(attribute, 0);

    public string? Justification { get; }
}

/// <summary><c>[AgentTool(name)]</c>: the tool name the model sees.</summary>
internal sealed class AgentToolDeclaration : DeclaredAttribute
{
    public AgentToolDeclaration(AttributeData attribute)
        : base(attribute) => Name = StringArgument(attribute, 0);

    public string? Name { get; }
}

/// <summary><c>[DelegatedToken(connection, scopes)]</c> on one parameter.</summary>
internal sealed class DelegatedTokenRequirement : DeclaredAttribute
{
    public DelegatedTokenRequirement(AttributeData attribute, IParameterSymbol parameter)
        : base(attribute)
    {
        Parameter = parameter;
        Connection = StringArgument(attribute, 0);
        Scopes = ReadScopes(attribute);
    }

    /// <summary>The parameter the token is injected into.</summary>
    public IParameterSymbol Parameter { get; }

    public string? Connection { get; }

    /// <summary>The scopes; an element is <see langword="null"/> where the source has no constant string.</summary>
    public ImmutableArray<string?> Scopes { get; }

    private static ImmutableArray<string?> ReadScopes(AttributeData attribute)
    {
        var arguments = attribute.ConstructorArguments;
        if (arguments.Length < 2 || arguments[1].Kind != TypedConstantKind.Array || arguments[1].IsNull)
            return ImmutableArray<string?>.Empty;

        var builder = ImmutableArray.CreateBuilder<string?>(arguments[1].Values.Length);
        foreach (var scope in arguments[1].Values)
            builder.Add(scope.Value as string);

        return builder.MoveToImmutable();
    }
}
