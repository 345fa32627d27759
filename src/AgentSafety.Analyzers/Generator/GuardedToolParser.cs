using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using AgentSafety.Analyzers.Common;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.Generator;

/// <summary>Turns a method with requirement attributes into a <see cref="GuardedToolModel"/>.</summary>
/// <remarks>
/// A method that cannot be guarded (its type is not partial, a requirement names a missing parameter, it takes
/// ref parameters) yields no model: the analyzers report why, and the generator stays silent so the user sees one
/// clear diagnostic rather than a cascade of compiler errors in generated code.
/// </remarks>
internal static class GuardedToolParser
{
    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static GuardedToolModel? Parse(
        IMethodSymbol method,
        Compilation compilation,
        CancellationToken cancellationToken)
    {
        if (ToolCompilationContext.Create(compilation) is not { } context || !CanGenerate(method))
            return null;

        var declaration = ToolDeclaration.Read(method, context);
        if (!declaration.HasOwnRequirements)
            return null;

        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = ParseParameter(parameter, declaration);
            if (model is null)
                return null;

            parameters.Add(model);
        }

        var relations = declaration.Relations
            .Select(relation => new RelationModel(relation.Relation ?? "", relation.ObjectType ?? "",
                relation.ParameterName ?? ""))
            .ToList();
        if (relations.Any(relation => !parameters.Any(parameter => parameter.Source == ParameterSource.Model
                && parameter.Name == relation.ParameterName)))
        {
            return null;
        }

        var permissions = declaration.Permissions
            .Select(permission => permission.Permission ?? "")
            .Distinct()
            .ToEquatableArray();
        var tokens = declaration.DelegatedTokens
            .Select(token => new TokenModel(token.Parameter.Name, token.Connection ?? "",
                token.Scopes.Select(scope => scope ?? "").ToEquatableArray()))
            .ToEquatableArray();

        return new GuardedToolModel(
            TypeKeyOf(method.ContainingType),
            method.Name,
            ToolName(method, declaration),
            Description(method) ?? "",
            Schema(parameters),
            method.IsStatic,
            ReturnShapeOf(method),
            parameters.ToEquatableArray(),
            permissions,
            relations.ToEquatableArray(),
            declaration.Approval?.BindingMessage,
            tokens);
    }

    private static bool CanGenerate(IMethodSymbol method)
    {
        if (method.IsGenericMethod || method.MethodKind != MethodKind.Ordinary)
            return false;

        if (method.DeclaredAccessibility == Accessibility.Private)
            return false;

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!IsPartial(type))
                return false;
        }

        return method.Parameters.All(parameter => parameter.RefKind == RefKind.None);
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax() is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static ParameterModel? ParseParameter(IParameterSymbol parameter, ToolDeclaration declaration)
    {
        var source = SourceOf(parameter, declaration);
        if (source is null)
            return null;

        var typeName = parameter.Type.ToDisplayString(s_fullyQualified);
        if (source != ParameterSource.Model)
            return new ParameterModel(parameter.Name, typeName, source.Value, false, null, null, null, null);

        var description = Description(parameter);
        var defaultJson = JsonSchemaWriter.DefaultValue(parameter);
        var schema = JsonSchemaWriter.ForParameter(parameter, description, defaultJson);
        var runtimeType = schema is null
            ? parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)
                .ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
            : null;
        return new ParameterModel(
            parameter.Name,
            typeName,
            ParameterSource.Model,
            !parameter.HasExplicitDefaultValue,
            parameter.HasExplicitDefaultValue ? DefaultExpression(parameter) : null,
            schema,
            runtimeType,
            description);
    }

    private static ParameterSource? SourceOf(IParameterSymbol parameter, ToolDeclaration declaration)
    {
        var typeName = parameter.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat).TrimEnd('?');
        if (declaration.DelegatedTokens.Any(token => SymbolEqualityComparer.Default.Equals(token.Parameter, parameter)))
            return typeName == WellKnownNames.AccessToken ? ParameterSource.DelegatedToken : null;

        return typeName switch
        {
            WellKnownNames.CancellationToken => ParameterSource.CancellationToken,
            WellKnownNames.AIFunctionArguments => ParameterSource.FunctionArguments,
            "System.IServiceProvider" => ParameterSource.Services,
            WellKnownNames.ToolPrincipal => ParameterSource.Principal,
            "System.Security.Claims.ClaimsPrincipal" => ParameterSource.Claims,

            // A token parameter without [DelegatedToken] has no connection to ask for, and the model must never
            // supply one, so there is nothing safe to generate.
            WellKnownNames.AccessToken => null,
            _ => ParameterSource.Model,
        };
    }

    // A parameter whose schema only the runtime knows stands as null here; the emitted code replaces it.
    private static string Schema(List<ParameterModel> parameters)
    {
        var properties = parameters
            .Where(parameter => parameter.Source == ParameterSource.Model)
            .Select(parameter => (parameter.Name, parameter.SchemaJson ?? "null", parameter.IsRequired))
            .ToList();
        return JsonSchemaWriter.ForObject(properties);
    }

    private static string ToolName(IMethodSymbol method, ToolDeclaration declaration)
    {
        if (declaration.AgentTool?.Name is { Length: > 0 } name)
            return name;

        // AIFunctionFactory drops the conventional Async suffix; the guarded tool keeps the same name.
        var methodName = method.Name;
        return methodName.Length > 5 && methodName.EndsWith("Async", System.StringComparison.Ordinal)
            ? methodName.Substring(0, methodName.Length - 5)
            : methodName;
    }

    private static ReturnShape ReturnShapeOf(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
            return ReturnShape.Void;

        return method.ReturnType.OriginalDefinition.ToDisplayString() switch
        {
            "System.Threading.Tasks.Task" => ReturnShape.Task,
            "System.Threading.Tasks.Task<TResult>" => ReturnShape.TaskOfT,
            "System.Threading.Tasks.ValueTask" => ReturnShape.ValueTask,
            "System.Threading.Tasks.ValueTask<TResult>" => ReturnShape.ValueTaskOfT,
            _ => ReturnShape.Value,
        };
    }

    private static TypeKey TypeKeyOf(INamedTypeSymbol type)
    {
        var chain = new List<TypeDeclarationModel>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var name = NameWithTypeParameters(current);
            chain.Insert(0, new TypeDeclarationModel(Keyword(current), name, current.IsStatic));
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new TypeKey(ns, chain.ToEquatableArray(), fullName);
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, IsValueType: true } => "record struct",
        { IsRecord: true } => "record",
        { IsValueType: true } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? type.Name
            : type.Name + "<" + string.Join(", ", type.TypeParameters.Select(parameter => parameter.Name)) + ">";

    private static string? DefaultExpression(IParameterSymbol parameter)
    {
        var typeName = parameter.Type.ToDisplayString(s_fullyQualified);
        return parameter.ExplicitDefaultValue is null
            ? "default(" + typeName + ")"
            : "(" + typeName + ")" + Literal(parameter.ExplicitDefaultValue);
    }

    private static string Literal(object value) => value switch
    {
        string text => SymbolDisplay.FormatLiteral(text, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool flag => flag ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
        System.IFormattable number => "(" + number.ToString(null, CultureInfo.InvariantCulture) + ")",
        _ => "default",
    };

    private static string? Description(ISymbol symbol)
    {
        var attribute = Attribute(symbol, WellKnownNames.DescriptionAttribute);
        return attribute is null ? null : Text(attribute, 0);
    }

    private static IEnumerable<AttributeData> Attributes(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Where(attribute =>
            attribute.AttributeClass?.ToDisplayString() == metadataName);

    private static AttributeData? Attribute(ISymbol symbol, string metadataName) =>
        Attributes(symbol, metadataName).FirstOrDefault();

    private static string Text(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Value is string text
            ? text
            : "";
}
