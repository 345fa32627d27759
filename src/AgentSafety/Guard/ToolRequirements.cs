namespace AgentSafety;

/// <summary>
/// What a guarded tool demands before it runs, as declared by its attributes. The source generator emits one per
/// tool; hand-written tools may build their own.
/// </summary>
public sealed class ToolRequirements
{
    /// <summary>Creates the requirements of one tool.</summary>
    public ToolRequirements(
        string toolName,
        IReadOnlyList<string>? permissions = null,
        IReadOnlyList<RelationRequirement>? relations = null,
        string? approvalMessage = null,
        IReadOnlyList<TokenRequirement>? tokens = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolName);
        ToolName = toolName;
        Permissions = permissions ?? [];
        Relations = relations ?? [];
        ApprovalMessage = approvalMessage;
        Tokens = tokens ?? [];
    }

    /// <summary>The tool's name, as the model sees it.</summary>
    public string ToolName { get; }

    /// <summary>Permissions the user must all hold.</summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>Relationships the user must all have with objects the arguments name.</summary>
    public IReadOnlyList<RelationRequirement> Relations { get; }

    /// <summary>The binding message template when a person must approve each call; otherwise null.</summary>
    public string? ApprovalMessage { get; }

    /// <summary>Delegated tokens to obtain and inject.</summary>
    public IReadOnlyList<TokenRequirement> Tokens { get; }
}

/// <summary>A relationship the user must have with the object an argument names.</summary>
/// <param name="Relation">The relation, such as <c>can_buy</c>.</param>
/// <param name="ObjectType">The object type, such as <c>asset</c>.</param>
/// <param name="ParameterName">The parameter whose value is the object id.</param>
public sealed record RelationRequirement(string Relation, string ObjectType, string ParameterName);

/// <summary>A delegated token to obtain for a parameter.</summary>
/// <param name="ParameterName">The <see cref="AccessToken"/> parameter to fill.</param>
/// <param name="Connection">The connection or audience.</param>
/// <param name="Scopes">The scopes the token must carry.</param>
public sealed record TokenRequirement(string ParameterName, string Connection, IReadOnlyList<string> Scopes);
