using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AgentSafety guard pipeline.</summary>
public static class AgentSafetyServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="AgentSafety.ToolGuard"/> and the default principal accessor. Relationship checks,
    /// approvals and delegated tokens are added through the returned builder; a tool that needs one that is not
    /// registered is denied.
    /// </summary>
    public static AgentSafety.AgentSafetyBuilder AddAgentSafety(
        this IServiceCollection services,
        Action<AgentSafety.AgentSafetyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AgentSafety.AgentSafetyOptions>();
        if (configure is not null)
            options.Configure(configure);

        services.TryAddSingleton<AgentSafety.IToolPrincipalAccessor, AgentSafety.DefaultToolPrincipalAccessor>();
        services.TryAddSingleton<AgentSafety.ToolGuard>();
        return new AgentSafety.AgentSafetyBuilder(services);
    }
}
