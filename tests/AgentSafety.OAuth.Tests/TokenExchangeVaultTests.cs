using AgentSafety.OAuth;
using Duende.IdentityModel;

namespace AgentSafety.OAuth.Tests;

[Collection(IdentityProviderCollection.Name)]
public sealed class TokenExchangeVaultTests(IdentityProviderFixture idp)
{
    private const string Secret = "agent-secret";
    private const string FreeBusy = "https://www.googleapis.com/auth/calendar.freebusy";
    private const string Events = "https://www.googleapis.com/auth/calendar.events";
    private const string SignInAgainToSlack =
        "Your sign-in can no longer be used to reach Slack. Sign in again, then retry.";

    private OAuthHarness Harness(Action<TokenVaultOptions>? configure = null, TimeProvider? time = null) =>
        OAuthHarness.Create(
            builder => builder.AddTokenVault(options =>
            {
                options.Authority = idp.Issuer;
                options.UseClientSecret("agent", Secret);
                configure?.Invoke(options);
            }),
            time);

    private static void Federated(TokenVaultOptions options)
    {
        options.Flavor = TokenExchangeFlavor.Auth0FederatedConnection;
        options.SubjectTokenType = OidcConstants.TokenTypeIdentifiers.RefreshToken;
    }

    private async Task<ToolPrincipal> SignedInAsync(string user, bool refreshToken = false)
    {
        var tokens = await idp.Control.SubjectTokensAsync(user);
        return new ToolPrincipal(user, subjectToken: refreshToken ? tokens.RefreshToken : tokens.AccessToken);
    }

    [Fact]
    public async Task Rfc8693Exchange_IssuesTokenAndServesRepeatsFromCache()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(options =>
            options.Audiences["google-oauth2"] = "https://www.googleapis.com/calendar");
        var alice = await SignedInAsync("alice");
        var request = new DelegatedTokenRequest(alice, "google-oauth2", [FreeBusy]);

        var first = await harness.Vault.GetTokenAsync(request);
        var second = await harness.Vault.GetTokenAsync(request);

        Assert.NotNull(first.Token);
        Assert.Same(first.Token, second.Token);
        Assert.Equal("google-oauth2", first.Token.Connection);
        Assert.Equal([FreeBusy], first.Token.Scopes);
        Assert.True(first.Token.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50));
        var exchange = Assert.Single(await idp.Control.ExchangesAsync());
        Assert.Equal(new ExchangeRecord("rfc8693", "alice", "google-oauth2", FreeBusy), exchange);
        harness.AssertLogsHide(Secret, alice.SubjectToken, first.Token.Value);
    }

    [Fact]
    public async Task Auth0FederatedConnection_IssuesTokenFromRefreshToken()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(Federated);
        var alice = await SignedInAsync("alice", refreshToken: true);

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "slack", ["channels:read"]));

        Assert.NotNull(result.Token);
        Assert.Null(result.DenialReason);
        Assert.Equal("federated", Assert.Single(await idp.Control.ExchangesAsync()).Grant);
        harness.AssertLogsHide(Secret, alice.SubjectToken, result.Token.Value);
    }

    [Fact]
    public async Task DifferentScopesOrUsers_CachedSeparately()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(Federated);
        var alice = await SignedInAsync("alice", refreshToken: true);
        const string ReadOnly = "https://www.googleapis.com/auth/calendar.readonly";

        var one = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "google-oauth2", [FreeBusy]));
        var both = await harness.Vault.GetTokenAsync(
            new DelegatedTokenRequest(alice, "google-oauth2", [FreeBusy, ReadOnly]));
        var bothReordered = await harness.Vault.GetTokenAsync(
            new DelegatedTokenRequest(alice, "google-oauth2", [ReadOnly, FreeBusy]));

        Assert.NotSame(one.Token, both.Token);
        Assert.Same(both.Token, bothReordered.Token);
        Assert.Equal(2, (await idp.Control.ExchangesAsync()).Count);
    }

    [Fact]
    public async Task ConcurrentCallsForSameToken_ShareOneExchange()
    {
        await idp.Control.ResetAsync(new { delayMs = 300 });
        using var harness = Harness(Federated);
        var alice = await SignedInAsync("alice", refreshToken: true);
        var request = new DelegatedTokenRequest(alice, "slack", ["channels:read"]);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => harness.Vault.GetTokenAsync(request)));
        var exchanges = await idp.Control.ExchangesAsync();
        await idp.Control.ResetAsync();

        Assert.NotNull(results[0].Token);
        Assert.All(results, result => Assert.Same(results[0].Token, result.Token));
        Assert.Single(exchanges);
    }

    [Fact]
    public async Task FederatedLoginHint_PicksTheLinkedAccount()
    {
        await idp.Control.ResetAsync();
        var alice = await SignedInAsync("alice", refreshToken: true);
        using var matching = Harness(options =>
        {
            Federated(options);
            options.LoginHint = (principal, connection) => principal.Subject + "@example.com";
        });
        using var other = Harness(options =>
        {
            Federated(options);
            options.LoginHint = (_, _) => "someone-else@example.com";
        });

        var found = await matching.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "slack", ["channels:read"]));
        var missing = await other.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "slack", ["channels:read"]));

        Assert.NotNull(found.Token);
        Assert.Equal("Connect your Slack account to this app, then retry.", missing.DenialReason);
    }

    [Fact]
    public async Task DownstreamRejectsToken_NextCallExchangesAgain()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(Federated);
        var alice = await SignedInAsync("alice", refreshToken: true);
        var request = new DelegatedTokenRequest(alice, "google-oauth2", [FreeBusy]);

        var first = await harness.Vault.GetTokenAsync(request);
        first.Token!.ReportRejected();
        var second = await harness.Vault.GetTokenAsync(request);
        var third = await harness.Vault.GetTokenAsync(request);

        Assert.NotEqual(first.Token.Value, second.Token!.Value);
        Assert.Same(second.Token, third.Token);
        Assert.Equal(2, (await idp.Control.ExchangesAsync()).Count);
    }

    [Fact]
    public async Task StaleRejectionReport_KeepsNewerToken()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(Federated);
        var alice = await SignedInAsync("alice", refreshToken: true);
        var request = new DelegatedTokenRequest(alice, "google-oauth2", [FreeBusy]);

        var first = await harness.Vault.GetTokenAsync(request);
        first.Token!.ReportRejected();
        var second = await harness.Vault.GetTokenAsync(request);
        first.Token.ReportRejected();
        var third = await harness.Vault.GetTokenAsync(request);

        Assert.Same(second.Token, third.Token);
        Assert.Equal(2, (await idp.Control.ExchangesAsync()).Count);
    }

    [Fact]
    public async Task CachedTokenNearExpiry_ExchangedAgain()
    {
        await idp.Control.ResetAsync(new { tokenExpiresIn = 600 });
        var clock = new ManualClock();
        using var harness = Harness(Federated, clock);
        var alice = await SignedInAsync("alice", refreshToken: true);
        var request = new DelegatedTokenRequest(alice, "google-oauth2", [FreeBusy]);

        var first = await harness.Vault.GetTokenAsync(request);
        clock.Advance(TimeSpan.FromSeconds(530));
        var stillCached = await harness.Vault.GetTokenAsync(request);
        clock.Advance(TimeSpan.FromSeconds(20));
        var renewed = await harness.Vault.GetTokenAsync(request);

        Assert.Same(first.Token, stillCached.Token);
        Assert.NotSame(first.Token, renewed.Token);
        Assert.Equal(2, (await idp.Control.ExchangesAsync()).Count);
    }

    [Fact]
    public async Task TokenShorterLivedThanSkew_NotCached()
    {
        await idp.Control.ResetAsync(new { tokenExpiresIn = 30 });
        using var harness = Harness(Federated);
        var alice = await SignedInAsync("alice", refreshToken: true);
        var request = new DelegatedTokenRequest(alice, "google-oauth2", [FreeBusy]);

        var first = await harness.Vault.GetTokenAsync(request);
        var second = await harness.Vault.GetTokenAsync(request);

        Assert.NotNull(first.Token);
        Assert.NotSame(first.Token, second.Token);
        Assert.Equal(2, (await idp.Control.ExchangesAsync()).Count);
    }

    [Fact]
    public async Task UserNeverConnectedAccount_DeniedWithConnectInstruction()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(Federated);
        var bob = await SignedInAsync("bob", refreshToken: true);

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(bob, "google-oauth2", [FreeBusy]));

        Assert.Null(result.Token);
        Assert.Equal("Connect your Google account to this app, then retry.", result.DenialReason);
        Assert.Contains("federated_connection_refresh_token_not_found", harness.AllLogText(), StringComparison.Ordinal);
        harness.AssertLogsHide(Secret, bob.SubjectToken);
    }

    [Fact]
    public async Task Rfc8693WithoutConsent_DeniedWithConnectInstruction()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();
        var bob = await SignedInAsync("bob");

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(bob, "slack", ["channels:read"]));

        Assert.Equal("Connect your Slack account to this app, then retry.", result.DenialReason);
    }

    [Fact]
    public async Task Rfc8693ScopeRefused_DeniedNamingTheScopes()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();
        var alice = await SignedInAsync("alice");

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "google-oauth2", [Events]));

        Assert.Null(result.Token);
        Assert.Equal($"Allow this app the following access to your Google account, then retry: {Events}.",
            result.DenialReason);
    }

    [Fact]
    public async Task FederatedGrantsFewerScopes_DeniedNamingMissingScopes()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(Federated);
        var alice = await SignedInAsync("alice", refreshToken: true);

        var result = await harness.Vault.GetTokenAsync(
            new DelegatedTokenRequest(alice, "google-oauth2", [FreeBusy, Events]));

        Assert.Null(result.Token);
        Assert.Equal($"Allow this app the following access to your Google account, then retry: {Events}.",
            result.DenialReason);
        Assert.Equal(0, ((TokenExchangeVault)harness.Vault).CachedTokenCount);
    }

    [Fact]
    public async Task UnknownAudience_DeniedAsNotAvailable()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();
        var alice = await SignedInAsync("alice");

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "dropbox", ["files.read"]));

        Assert.Equal("dropbox is not available to this app.", result.DenialReason);
    }

    [Fact]
    public async Task ExpiredOrForgedSubjectToken_DeniedWithSignInAgain()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(Federated);
        var forged = new ToolPrincipal("alice", subjectToken: "st_forged-subject-token");

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(forged, "slack", ["channels:read"]));

        Assert.Equal(SignInAgainToSlack, result.DenialReason);
        harness.AssertLogsHide(Secret, forged.SubjectToken);
    }

    [Fact]
    public async Task PrincipalWithoutSubjectToken_DeniedWithoutCallingProvider()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();

        var result = await harness.Vault.GetTokenAsync(
            new DelegatedTokenRequest(new ToolPrincipal("alice"), "slack", ["channels:read"]));

        Assert.Equal(SignInAgainToSlack, result.DenialReason);
        Assert.Empty(await idp.Control.ExchangesAsync());
    }

    [Fact]
    public async Task WrongClientSecret_DeniedAsUnavailableAndSecretNotLogged()
    {
        await idp.Control.ResetAsync();
        const string wrong = "wrong-secret-77ab";
        using var harness = Harness(options => options.UseClientSecret("agent", wrong));
        var alice = await SignedInAsync("alice");

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "slack", ["channels:read"]));

        Assert.Equal("Access to Slack cannot be obtained right now. Try again later.", result.DenialReason);
        Assert.Contains("invalid_client", harness.AllLogText(), StringComparison.Ordinal);
        harness.AssertLogsHide(wrong, alice.SubjectToken);
    }

    [Fact]
    public async Task ProviderDown_DeniedAsUnavailable()
    {
        using var harness = Harness(options => options.Authority = "http://127.0.0.1:" + ClosedPort.Find());
        var alice = new ToolPrincipal("alice", subjectToken: "st_some-subject-token");

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "slack", ["channels:read"]));

        Assert.Equal("Access to Slack cannot be obtained right now. Try again later.", result.DenialReason);
        harness.AssertLogsHide(Secret, alice.SubjectToken);
    }

    [Fact]
    public async Task ProviderSlowerThanRequestTimeout_DeniedAsUnavailable()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(options =>
        {
            options.Authority = null;
            options.TokenEndpoint = idp.Issuer + "/token";
            options.RequestTimeout = TimeSpan.FromMilliseconds(500);
        });
        var alice = await SignedInAsync("alice");
        await idp.Control.ResetAsync(new { delayMs = 1500 });

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "slack", ["channels:read"]));
        await idp.Control.ResetAsync();

        Assert.Equal("Access to Slack cannot be obtained right now. Try again later.", result.DenialReason);
        harness.AssertLogsHide(Secret, alice.SubjectToken);
    }

    [Fact]
    public async Task PrivateKeyJwt_IssuesToken()
    {
        await idp.Control.ResetAsync();
        var key = await idp.Control.ClientKeyAsync();
        using var harness = Harness(options =>
        {
            Federated(options);
            options.UsePrivateKeyJwt(key.ClientId, key.PrivateKeyPem, key.KeyId);
        });
        var alice = await SignedInAsync("alice", refreshToken: true);

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "slack", ["channels:read"]));

        Assert.NotNull(result.Token);
        harness.AssertLogsHide(alice.SubjectToken, result.Token.Value, "PRIVATE KEY");
    }

    [Fact]
    public async Task TokenText_NeverShowsValue()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(Federated);
        var alice = await SignedInAsync("alice", refreshToken: true);

        var result = await harness.Vault.GetTokenAsync(new DelegatedTokenRequest(alice, "slack", ["channels:read"]));

        Assert.DoesNotContain(result.Token!.Value, result.Token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Token.Value, System.Text.Json.JsonSerializer.Serialize(result.Token),
            StringComparison.Ordinal);
    }
}
