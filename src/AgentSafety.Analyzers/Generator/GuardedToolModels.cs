using System;
using AgentSafety.Analyzers.Common;

namespace AgentSafety.Analyzers.Generator;

// The records below are the generator's cache keys. They hold only strings, enums, booleans and equatable arrays:
// no symbols, syntax nodes, locations or compilations. A symbol would keep a whole compilation alive between
// edits and would never compare equal across runs, so every keystroke would regenerate every guarded tool.

/// <summary>One guarded tool: a method with requirement attributes, as the emitter needs it.</summary>
internal sealed record GuardedToolModel(
    TypeKey ContainingType,
    string MethodName,
    string ToolName,
    string Description,
    string JsonSchema,
    bool IsStatic,
    ReturnShape ReturnShape,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<string> Permissions,
    EquatableArray<RelationModel> Relations,
    string? ApprovalMessage,
    EquatableArray<TokenModel> Tokens)
{
    /// <summary>The nested class that implements the tool; overloads get a numeric suffix when grouped.</summary>
    public string FunctionClassName { get; init; } = MethodName + "GuardedFunction";
}

/// <summary>The type a tool is declared in, with the chain of types that contain it.</summary>
internal sealed record TypeKey(
    string? Namespace,
    EquatableArray<TypeDeclarationModel> Chain,
    string FullyQualifiedName)
{
    public string HintName => FullyQualifiedName.Replace("global::", "").Replace('<', '{').Replace('>', '}')
        + ".GuardedTools.g.cs";
}

/// <summary>One type declaration in the chain, outermost first: <c>partial class Outer&lt;T&gt;</c>.</summary>
internal sealed record TypeDeclarationModel(string Keyword, string NameWithTypeParameters, bool IsStatic);

/// <summary>Where a parameter's value comes from.</summary>
internal enum ParameterSource
{
    Model,
    CancellationToken,
    FunctionArguments,
    Services,
    Principal,
    Claims,
    DelegatedToken,
}

/// <summary>A parameter of the tool method.</summary>
/// <param name="SchemaJson">The parameter's schema, or null when only the runtime can compute it.</param>
/// <param name="RuntimeSchemaTypeName">The type to compute the schema of at run time, when SchemaJson is null.</param>
internal sealed record ParameterModel(
    string Name,
    string TypeName,
    ParameterSource Source,
    bool IsRequired,
    string? DefaultValueExpression,
    string? SchemaJson,
    string? RuntimeSchemaTypeName,
    string? Description);

/// <summary>How the method returns, which decides how the emitter awaits it.</summary>
internal enum ReturnShape
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>A relationship requirement.</summary>
internal sealed record RelationModel(string Relation, string ObjectType, string ParameterName);

/// <summary>A delegated-token requirement.</summary>
internal sealed record TokenModel(string ParameterName, string Connection, EquatableArray<string> Scopes);

/// <summary>All guarded tools of one type, in declaration order.</summary>
internal sealed record GuardedTypeModel(TypeKey Type, EquatableArray<GuardedToolModel> Tools)
{
    public bool HasInstanceTools
    {
        get
        {
            foreach (var tool in Tools)
            {
                if (!tool.IsStatic)
                    return true;
            }

            return false;
        }
    }
}

