using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentSafety;

/// <summary>Plugs relationship stores, approval gates and token vaults into the guard.</summary>
public sealed class AgentSafetyBuilder
{
    internal AgentSafetyBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for adapter packages' extension methods.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Uses <paramref name="checker"/> for relationship checks.</summary>
    public AgentSafetyBuilder UseRelationshipChecker(IRelationshipChecker checker)
    {
        Services.Replace(ServiceDescriptor.Singleton(checker));
        return this;
    }

    /// <summary>Uses <paramref name="gate"/> for approvals.</summary>
    public AgentSafetyBuilder UseApprovalGate(IApprovalGate gate)
    {
        Services.Replace(ServiceDescriptor.Singleton(gate));
        return this;
    }

    /// <summary>Uses <paramref name="vault"/> for delegated tokens.</summary>
    public AgentSafetyBuilder UseTokenVault(ITokenVault vault)
    {
        Services.Replace(ServiceDescriptor.Singleton(vault));
        return this;
    }

    /// <summary>Uses <paramref name="accessor"/> to find the signed-in user.</summary>
    public AgentSafetyBuilder UsePrincipalAccessor(IToolPrincipalAccessor accessor)
    {
        Services.Replace(ServiceDescriptor.Singleton(accessor));
        return this;
    }
}
