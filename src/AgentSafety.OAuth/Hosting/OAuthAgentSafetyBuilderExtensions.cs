using AgentSafety.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentSafety;

/// <summary>Plugs the identity-provider-backed token vault and approval gate into the guard.</summary>
public static class OAuthAgentSafetyBuilderExtensions
{
    /// <summary>
    /// Issues delegated tokens by token exchange at the identity provider (RFC 8693, or Auth0 Token Vault with
    /// <see cref="TokenVaultOptions.UseAuth0"/>), replacing any other <see cref="ITokenVault"/>.
    /// </summary>
    /// <remarks>Invalid options fail when the vault is first resolved, with every problem listed.</remarks>
    public static AgentSafetyBuilder AddTokenVault(this AgentSafetyBuilder builder, Action<TokenVaultOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<TokenVaultOptions>().Configure(configure);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TokenVaultOptions>, TokenVaultOptionsValidator>());
        services.AddHttpClient(TokenExchangeVault.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenExchangeVault>();
        services.Replace(ServiceDescriptor.Singleton<ITokenVault>(
            provider => provider.GetRequiredService<TokenExchangeVault>()));
        return builder;
    }

    /// <summary>
    /// Asks the user to approve critical calls through OpenID CIBA in poll mode (any OpenID provider with a
    /// backchannel endpoint, or Auth0 with <see cref="CibaOptions.UseAuth0"/>), replacing any other
    /// <see cref="IApprovalGate"/>.
    /// </summary>
    /// <remarks>Invalid options fail when the gate is first resolved, with every problem listed.</remarks>
    public static AgentSafetyBuilder AddCibaApprovals(this AgentSafetyBuilder builder, Action<CibaOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<CibaOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CibaOptions>, CibaOptionsValidator>());
        services.AddHttpClient(CibaApprovalGate.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CibaApprovalGate>();
        services.Replace(ServiceDescriptor.Singleton<IApprovalGate>(
            provider => provider.GetRequiredService<CibaApprovalGate>()));
        return builder;
    }

    private sealed class TokenVaultOptionsValidator : IValidateOptions<TokenVaultOptions>
    {
        public ValidateOptionsResult Validate(string? name, TokenVaultOptions options) =>
            Result("token vault", options.Problems().ToList());
    }

    private sealed class CibaOptionsValidator : IValidateOptions<CibaOptions>
    {
        public ValidateOptionsResult Validate(string? name, CibaOptions options) =>
            Result("CIBA approvals", options.Problems().ToList());
    }

    private static ValidateOptionsResult Result(string what, List<string> problems) =>
        problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => $"AgentSafety {what}: {problem}"));
}
