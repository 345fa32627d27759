using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentSafety.Tests;

public sealed class RuntimeTypesTests
{
    [Theory]
    [InlineData("Buy {qty} {ticker}", "Buy 10 OKTA")]
    [InlineData("Pay {amount} to {to}", "Pay 12.5 to ACME Ltd.")]
    [InlineData("Delete {path}", "Delete etcpasswd")]
    [InlineData("Unknown {missing} here", "Unknown here")]
    public void BindingMessage_RendersArgumentsWithinProviderLimits(string template, string expected)
    {
        var values = new Dictionary<string, object?>
        {
            ["qty"] = 10, ["ticker"] = "OKTA", ["amount"] = 12.5m, ["to"] = "ACME\nLtd.", ["path"] = "/etc/passwd",
        };

        Assert.Equal(expected, BindingMessage.Render(template, name => values.GetValueOrDefault(name)));
    }

    [Fact]
    public void BindingMessage_IsCutToMaxLength()
    {
        var rendered = BindingMessage.Render("Send {text}", _ => new string('a', 200));

        Assert.Equal(BindingMessage.MaxLength, rendered.Length);
    }

    [Fact]
    public void AccessToken_NeverShowsItsValue()
    {
        var token = new AccessToken("eyJhbGciOi.secret.value", "google-oauth2", ["calendar"], DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("secret", token.ToString());
        Assert.DoesNotContain("secret", JsonSerializer.Serialize(token));
        Assert.DoesNotContain("secret", JsonSerializer.Serialize(new { token }, AIJsonUtilities.DefaultOptions));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AccessToken>("\"forged\""));
    }

    [Fact]
    public void AccessToken_ReportRejected_CallsIssuer()
    {
        var evicted = 0;
        var token = new AccessToken("t", "slack", [], DateTimeOffset.UnixEpoch, () => evicted++);

        token.ReportRejected();

        Assert.Equal(1, evicted);
    }

    [Fact]
    public void PrincipalAccessor_PrefersContextThenAmbientAndIgnoresModelArguments()
    {
        var accessor = new DefaultToolPrincipalAccessor();
        var anne = new ToolPrincipal("anne");
        var forged = new AIFunctionArguments { ["user"] = "bob", [typeof(ToolPrincipal).FullName!] = "bob" };

        Assert.Null(accessor.GetPrincipal(forged));
        using (ToolPrincipalScope.Begin(anne))
            Assert.Same(anne, accessor.GetPrincipal(forged));

        var bob = new ToolPrincipal("bob");
        forged.Context = new Dictionary<object, object?> { [typeof(ToolPrincipal)] = bob };
        Assert.Same(bob, accessor.GetPrincipal(forged));
        Assert.Null(ToolPrincipalScope.Current);
    }

    [Fact]
    public void PrincipalFromClaims_SplitsScopesAndNeedsAuthentication()
    {
        var identity = new ClaimsIdentity(
            [new Claim("sub", "anne"), new Claim("scope", "trade:buy trade:sell")], "jwt");

        var principal = ToolPrincipal.FromClaims(new ClaimsPrincipal(identity), ["sub"], ["scope"]);
        var unauthenticated = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x")]));
        var anonymous = ToolPrincipal.FromClaims(unauthenticated, ["sub"], ["scope"]);

        Assert.Equal("anne", principal!.Subject);
        Assert.Equal(["trade:buy", "trade:sell"], principal.Permissions.Order());
        Assert.Null(anonymous);
    }

    [Theory]
    [InlineData("OKTA", true)]
    [InlineData("doc-123_v2.pdf", true)]
    [InlineData("user@example.com", true)]
    [InlineData("star*char", true)]
    [InlineData("a:b", false)]
    [InlineData("a#b", false)]
    [InlineData("a b", false)]
    [InlineData("*", false)]
    [InlineData("", false)]
    public void ObjectIdentifier_FollowsOpenFgaIdRules(string id, bool valid)
    {
        Assert.Equal(valid, ObjectIdentifier.IsValidId(id, out _));
    }
}
