using AgentSafety.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentSafety.OAuth.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void AddCibaApprovalsAndAddTokenVault_RegisterTheAdapters()
    {
        var services = new ServiceCollection();
        services.AddAgentSafety()
            .AddCibaApprovals(options =>
            {
                options.UseAuth0("tenant.example.auth0.com");
                options.UseClientSecret("client", "secret");
            })
            .AddTokenVault(options =>
            {
                options.UseAuth0("tenant.example.auth0.com");
                options.UseClientSecret("client", "secret");
            });
        using var provider = services.BuildServiceProvider();

        Assert.IsType<CibaApprovalGate>(provider.GetRequiredService<IApprovalGate>());
        Assert.IsType<TokenExchangeVault>(provider.GetRequiredService<ITokenVault>());
        var ciba = provider.GetRequiredService<IOptions<CibaOptions>>().Value;
        Assert.Equal("https://tenant.example.auth0.com/bc-authorize", ciba.BackchannelAuthenticationEndpoint);
        Assert.Equal("https://tenant.example.auth0.com/oauth/token", ciba.TokenEndpoint);
        var vault = provider.GetRequiredService<IOptions<TokenVaultOptions>>().Value;
        Assert.Equal(TokenExchangeFlavor.Auth0FederatedConnection, vault.Flavor);
    }

    [Fact]
    public void IncompleteOptions_FailOnResolveListingEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddAgentSafety().AddCibaApprovals(options =>
        {
            options.ClientAuthentication = ClientAuthenticationMethod.PrivateKeyJwt;
            options.Scopes.Clear();
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IApprovalGate>());

        Assert.Contains(error.Failures, failure => failure.Contains("Authority", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("ClientId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("private_key_jwt", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("openid", StringComparison.Ordinal));
    }

    [Fact]
    public void PemWithoutKey_ClearError()
    {
        var options = new CibaOptions();

        var error = Assert.Throws<ArgumentException>(() => options.UsePrivateKeyJwt("client", "not a key"));

        Assert.Contains("no RSA or ECDSA private key", error.Message, StringComparison.Ordinal);
    }
}
