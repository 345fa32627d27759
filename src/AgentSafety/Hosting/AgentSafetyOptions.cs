using System.Security.Claims;

namespace AgentSafety;

/// <summary>Settings of the guard pipeline.</summary>
public sealed class AgentSafetyOptions
{
    /// <summary>The relationship-store type of signed-in users: checks ask about <c>user:&lt;subject&gt;</c>.</summary>
    public string UserType { get; set; } = "user";

    /// <summary>Claims that hold the subject, first match wins.</summary>
    public IList<string> SubjectClaimTypes { get; } = ["sub", ClaimTypes.NameIdentifier];

    /// <summary>Claims whose values are permissions; space-separated values (OAuth <c>scope</c>) are split.</summary>
    public IList<string> PermissionClaimTypes { get; } = ["permissions", "scope", "scp"];

    /// <summary>Claims whose values are roles, looked up in <see cref="RolePermissions"/>.</summary>
    public IList<string> RoleClaimTypes { get; } = ["roles", ClaimTypes.Role];

    /// <summary>Permissions each role grants, for hosts whose tokens carry roles rather than permissions.</summary>
    public IDictionary<string, IReadOnlyList<string>> RolePermissions { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>How long the guard waits for a person to approve a call before denying it.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest binding message sent to the approval provider.</summary>
    public int BindingMessageMaxLength { get; set; } = BindingMessage.MaxLength;
}
