using AgentSafety.OAuth;

namespace AgentSafety.OAuth.Tests;

[Collection(IdentityProviderCollection.Name)]
public sealed class CibaApprovalGateTests(IdentityProviderFixture idp)
{
    private const string Secret = "agent-secret";
    private static readonly TimeSpan FastSlowDown = TimeSpan.FromMilliseconds(300);

    private OAuthHarness Harness(Action<CibaOptions>? configure = null) => OAuthHarness.Create(builder =>
        builder.AddCibaApprovals(options =>
        {
            options.Authority = idp.Issuer;
            options.UseClientSecret("agent", Secret);
            options.SlowDownIncrement = FastSlowDown;
            options.Timeout = TimeSpan.FromSeconds(30);
            configure?.Invoke(options);
        }));

    private static ApprovalRequest Request(string user = "alice", string message = "Buy 10 ACME") =>
        new(new ToolPrincipal(user), "BuyStock", message);

    private async Task<(ApprovalDecision Decision, CibaRequestRecord Record)> AskAndAnswerAsync(
        OAuthHarness harness,
        string action,
        ApprovalRequest? request = null)
    {
        var before = await idp.Control.LastRequestIdAsync();
        var decision = harness.Gate.RequestApprovalAsync(request ?? Request());
        var pending = await idp.Control.AnswerNextAsync(action, before);
        var result = await decision;
        return (result, await idp.Control.RequestAsync(pending.Id));
    }

    [Fact]
    public async Task UserApproves_Approved()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(options => options.Audience = "https://trading.example/api");

        var (decision, record) = await AskAndAnswerAsync(harness, "approve");

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        Assert.True(decision.IsApproved);
        Assert.Equal("alice", record.AccountId);
        Assert.Equal("Buy 10 ACME", record.BindingMessage);
        Assert.Equal("120", record.RequestedExpiry);
        Assert.Equal("https://trading.example/api", record.Audience);
        Assert.Equal("issued", record.Status);
        Assert.Equal("tokens", record.Polls[^1].Result);
        Assert.DoesNotContain(record.Polls, poll => poll.Early || poll.AfterIssue);
        var decided = Assert.Single(harness.Logs.GetSnapshot(), log => log.Id.Id == 5205);
        Assert.Contains("BuyStock", decided.Message, StringComparison.Ordinal);
        Assert.Contains("Approved", decided.Message, StringComparison.Ordinal);
        harness.AssertLogsHide(Secret, record.AuthReqId);
    }

    [Fact]
    public async Task UserDenies_Denied()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();

        var (decision, record) = await AskAndAnswerAsync(harness, "deny");

        Assert.Equal(ApprovalOutcome.Denied, decision.Outcome);
        Assert.Equal("access_denied", record.Polls[^1].Result);
        harness.AssertLogsHide(Secret, record.AuthReqId);
    }

    [Fact]
    public async Task ProviderExpiresRequest_Expired()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();

        var (decision, record) = await AskAndAnswerAsync(harness, "expire");

        Assert.Equal(ApprovalOutcome.Expired, decision.Outcome);
        Assert.Equal("expired_token", record.Polls[^1].Result);
        harness.AssertLogsHide(Secret, record.AuthReqId);
    }

    [Fact]
    public async Task NobodyAnswersBeforeGateDeadline_Expired()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(options => options.Timeout = TimeSpan.FromSeconds(2.5));
        var before = await idp.Control.LastRequestIdAsync();

        var decision = await harness.Gate.RequestApprovalAsync(Request());

        Assert.Equal(ApprovalOutcome.Expired, decision.Outcome);
        var record = await idp.Control.RequestAsync(before + 1);
        Assert.Equal("pending", record.Status);
        Assert.NotEmpty(record.Polls);
        Assert.All(record.Polls, poll => Assert.Equal("authorization_pending", poll.Result));
        harness.AssertLogsHide(Secret, record.AuthReqId);
    }

    [Fact]
    public async Task CallerCancels_ExpiredWithoutThrowing()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));

        var decision = await harness.Gate.RequestApprovalAsync(Request(), cancel.Token);

        Assert.Equal(ApprovalOutcome.Expired, decision.Outcome);
    }

    [Fact]
    public async Task ProviderSaysSlowDown_IntervalGrowsCumulativelyThenApproved()
    {
        await idp.Control.ResetAsync(new
        {
            slowDownPolls = 2,
            slowDownIncrementMs = (int)FastSlowDown.TotalMilliseconds,
            autoApproveMs = 0,
        });
        using var harness = Harness();
        var before = await idp.Control.LastRequestIdAsync();

        var decision = await harness.Gate.RequestApprovalAsync(Request());

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        var record = await idp.Control.RequestAsync(before + 1);
        Assert.Equal(["slow_down", "slow_down", "tokens"], record.Polls.Select(poll => poll.Result));
        Assert.Equal([1000, 1300, 1600], record.Polls.Select(poll => poll.ExpectedMs));

        // The provider flags a poll that came before the interval it expects; none may.
        Assert.DoesNotContain(record.Polls, poll => poll.Early);
        harness.AssertLogsHide(Secret, record.AuthReqId);
    }

    [Fact]
    public async Task ClientPollsTooFast_SlowedDownUntilItBacksOff()
    {
        // The provider expects 2 s between polls but does not say so; the client starts from its 1 s default.
        await idp.Control.ResetAsync(new
        {
            interval = 2,
            sendInterval = false,
            slowDownIncrementMs = 0,
            autoApproveMs = 0,
        });
        using var harness = Harness(options =>
        {
            options.DefaultInterval = TimeSpan.FromSeconds(1);
            options.SlowDownIncrement = TimeSpan.FromSeconds(1);
        });
        var before = await idp.Control.LastRequestIdAsync();

        var decision = await harness.Gate.RequestApprovalAsync(Request());

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        var record = await idp.Control.RequestAsync(before + 1);
        Assert.Equal(["slow_down", "tokens"], record.Polls.Select(poll => poll.Result));
        Assert.Equal([true, false], record.Polls.Select(poll => poll.Early));
    }

    [Fact]
    public async Task SlowDownWithRetryAfter_WaitsAtLeastRetryAfter()
    {
        await idp.Control.ResetAsync(new
        {
            slowDownPolls = 1,
            slowDownIncrementMs = (int)FastSlowDown.TotalMilliseconds,
            retryAfterSeconds = 2,
            autoApproveMs = 0,
        });
        using var harness = Harness();
        var before = await idp.Control.LastRequestIdAsync();

        var decision = await harness.Gate.RequestApprovalAsync(Request());

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        var record = await idp.Control.RequestAsync(before + 1);
        Assert.Equal(["slow_down", "tokens"], record.Polls.Select(poll => poll.Result));
        Assert.True(record.Polls[1].GapMs >= 1950, $"second poll came after {record.Polls[1].GapMs} ms");
    }

    [Fact]
    public async Task PollsFailBrieflyThenProviderRecovers_Approved()
    {
        await idp.Control.ResetAsync(new { failPolls = 2, autoApproveMs = 0 });
        using var harness = Harness();
        var before = await idp.Control.LastRequestIdAsync();

        var decision = await harness.Gate.RequestApprovalAsync(Request());

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        var record = await idp.Control.RequestAsync(before + 1);
        Assert.Equal(["unavailable", "unavailable", "tokens"], record.Polls.Select(poll => poll.Result));
        harness.AssertLogsHide(Secret, record.AuthReqId);
    }

    [Fact]
    public async Task PollsKeepFailing_FailedAfterConfiguredAttempts()
    {
        await idp.Control.ResetAsync(new { failPolls = 10 });
        using var harness = Harness(options => options.MaxConsecutivePollFailures = 2);
        var before = await idp.Control.LastRequestIdAsync();

        var decision = await harness.Gate.RequestApprovalAsync(Request());
        await idp.Control.ResetAsync();

        Assert.Equal(ApprovalOutcome.Failed, decision.Outcome);
        Assert.Equal(2, (await idp.Control.RequestAsync(before + 1)).Polls.Count);
    }

    [Fact]
    public async Task UnknownUser_FailedWithReadableReason()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();
        var before = await idp.Control.LastRequestIdAsync();

        var decision = await harness.Gate.RequestApprovalAsync(Request(user: "mallory"));

        Assert.Equal(ApprovalOutcome.Failed, decision.Outcome);
        Assert.Contains("does not know", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await idp.Control.LastRequestIdAsync());
        harness.AssertLogsHide(Secret);
    }

    [Fact]
    public async Task ProviderRejectsBindingMessage_Failed()
    {
        await idp.Control.ResetAsync(new { bindingMessageMaxLength = 5 });
        using var harness = Harness();

        var decision = await harness.Gate.RequestApprovalAsync(Request());

        Assert.Equal(ApprovalOutcome.Failed, decision.Outcome);
        Assert.Contains("approval message", decision.Reason, StringComparison.Ordinal);
        harness.AssertLogsHide(Secret);
    }

    [Fact]
    public async Task BindingMessageWithForbiddenCharacters_SanitisedAndAccepted()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(options => options.BindingMessageMaxLength = 20);

        var (decision, record) = await AskAndAnswerAsync(
            harness, "approve", Request(message: "Buy 10 <ACME>; DROP TABLE orders!"));

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        Assert.Equal("Buy 10 ACME DROP TAB", record.BindingMessage);
    }

    [Fact]
    public async Task WrongClientSecret_FailedAndSecretNotLogged()
    {
        await idp.Control.ResetAsync();
        const string wrong = "not-the-secret-4c1f";
        using var harness = Harness(options => options.UseClientSecret("agent", wrong));

        var decision = await harness.Gate.RequestApprovalAsync(Request());

        Assert.Equal(ApprovalOutcome.Failed, decision.Outcome);
        Assert.Equal("approval is not set up correctly for this app", decision.Reason);
        Assert.Contains("invalid_client", harness.AllLogText(), StringComparison.Ordinal);
        harness.AssertLogsHide(wrong, Secret);
    }

    [Fact]
    public async Task ProviderDown_Failed()
    {
        using var harness = Harness(options => options.Authority = "http://127.0.0.1:" + ClosedPort.Find());

        var decision = await harness.Gate.RequestApprovalAsync(Request());

        Assert.Equal(ApprovalOutcome.Failed, decision.Outcome);
        Assert.Equal("the approval service is unavailable; try again later", decision.Reason);
        harness.AssertLogsHide(Secret);
    }

    [Fact]
    public async Task ProviderSlowerThanRequestTimeout_Failed()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(options => options.RequestTimeout = TimeSpan.FromMilliseconds(500));

        // Discovery first, while the provider is still fast, so the slow call is the backchannel request.
        await harness.Gate.RequestApprovalAsync(Request(user: "mallory"));
        await idp.Control.ResetAsync(new { delayMs = 1500 });
        var decision = await harness.Gate.RequestApprovalAsync(Request());
        await idp.Control.ResetAsync();

        Assert.Equal(ApprovalOutcome.Failed, decision.Outcome);
        Assert.Equal("the approval service is unavailable; try again later", decision.Reason);
        harness.AssertLogsHide(Secret);
    }

    [Fact]
    public async Task ClientSecretPost_Approved()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(options => options.UseClientSecret("agent-post", "agent-post-secret", true));

        var (decision, record) = await AskAndAnswerAsync(harness, "approve");

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        Assert.Equal("agent-post", record.ClientId);
        harness.AssertLogsHide("agent-post-secret", record.AuthReqId);
    }

    [Fact]
    public async Task PrivateKeyJwt_Approved()
    {
        await idp.Control.ResetAsync();
        var key = await idp.Control.ClientKeyAsync();
        using var harness = Harness(options => options.UsePrivateKeyJwt(key.ClientId, key.PrivateKeyPem, key.KeyId));

        var (decision, record) = await AskAndAnswerAsync(harness, "approve");

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        Assert.Equal("agent-jwt", record.ClientId);
        Assert.True(record.Polls.Count >= 1);
        harness.AssertLogsHide(record.AuthReqId, "PRIVATE KEY");
    }

    [Fact]
    public async Task PlainLoginHintAndExplicitEndpoints_Approved()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness(options =>
        {
            options.Authority = null;
            options.TokenEndpoint = idp.Issuer + "/token";
            options.BackchannelAuthenticationEndpoint = idp.Issuer + "/backchannel";
            options.LoginHintFormat = LoginHintFormat.Subject;
        });

        var (decision, record) = await AskAndAnswerAsync(harness, "approve", Request(user: "bob"));

        Assert.Equal(ApprovalOutcome.Approved, decision.Outcome);
        Assert.Equal("bob", record.AccountId);
    }

    [Fact]
    public async Task IssSubHintForAnotherIssuer_Failed()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();
        var stranger = new ToolPrincipal("alice", issuer: "https://someone-else.example/");

        var decision = await harness.Gate.RequestApprovalAsync(new ApprovalRequest(stranger, "BuyStock", "Buy 1 ACME"));

        Assert.Equal(ApprovalOutcome.Failed, decision.Outcome);
    }
}
