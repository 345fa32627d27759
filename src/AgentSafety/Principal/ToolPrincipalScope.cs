namespace AgentSafety;

/// <summary>
/// An ambient, async-flowing signed-in user. Hosts open a scope around a chat turn; every tool call made inside it
/// runs as that user.
/// </summary>
/// <example>
/// <code>
/// using (ToolPrincipalScope.Begin(principal))
/// {
///     await chatClient.GetResponseAsync(messages, options);
/// }
/// </code>
/// </example>
public sealed class ToolPrincipalScope : IDisposable
{
    private static readonly AsyncLocal<ToolPrincipal?> s_current = new();

    private readonly ToolPrincipal? _previous;
    private bool _disposed;

    private ToolPrincipalScope(ToolPrincipal principal)
    {
        _previous = s_current.Value;
        s_current.Value = principal;
    }

    /// <summary>The user of the innermost open scope, if any.</summary>
    public static ToolPrincipal? Current => s_current.Value;

    /// <summary>Opens a scope in which <paramref name="principal"/> is the signed-in user.</summary>
    public static ToolPrincipalScope Begin(ToolPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return new ToolPrincipalScope(principal);
    }

    /// <summary>Restores the user that was current before this scope.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;

        _disposed = true;
        s_current.Value = _previous;
    }
}
