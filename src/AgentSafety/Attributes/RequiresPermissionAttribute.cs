namespace AgentSafety;

/// <summary>
/// Declares that the signed-in user must hold a permission (an RBAC permission or an OAuth scope) before an agent
/// may invoke the tool. Several attributes on one tool must all hold.
/// </summary>
/// <remarks>
/// Permissions are read from the principal the host signed in, never from the model's arguments. Which claims count
/// as permissions is configured through <see cref="AgentSafetyOptions.PermissionClaimTypes"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RequiresPermissionAttribute : Attribute
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="permission">The permission the user must hold, such as <c>trade:buy</c>.</param>
    public RequiresPermissionAttribute(string permission) => Permission = permission;

    /// <summary>The permission the user must hold.</summary>
    public string Permission { get; }
}
