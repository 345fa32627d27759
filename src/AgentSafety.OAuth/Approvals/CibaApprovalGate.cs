using System.Text.Json;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentSafety.OAuth;

/// <summary>
/// Asks the signed-in user to approve a tool call on their own device through OpenID CIBA in poll mode, and waits
/// for the answer: approved, denied, expired, or the gate's own deadline.
/// </summary>
/// <remarks>
/// Polling honours the provider's <c>interval</c>, adds <see cref="CibaOptions.SlowDownIncrement"/> on every
/// <c>slow_down</c> (cumulatively) and waits at least as long as a <c>Retry-After</c> header asks. It stops at the
/// first issued tokens, which are discarded unread: the gate needs the answer, not the tokens. The ID token is not
/// validated; the answer is trusted because it comes from the token endpoint to an authenticated client.
/// </remarks>
public sealed class CibaApprovalGate : IApprovalGate
{
    /// <summary>The name of the <see cref="HttpClient"/> this gate asks the factory for.</summary>
    public const string HttpClientName = "AgentSafety.OAuth.Ciba";

    private readonly CibaOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProviderMetadata _metadata;

    /// <summary>Creates a gate.</summary>
    public CibaApprovalGate(
        IOptions<CibaOptions> options,
        IHttpClientFactory httpClients,
        TimeProvider? time = null,
        ILogger<CibaApprovalGate>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        _options = options.Value;
        _httpClients = httpClients;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metadata = new ProviderMetadata(
            _options, () => _options.BackchannelAuthenticationEndpoint, () => httpClients.CreateClient(HttpClientName),
            _time, _logger);
    }

    /// <inheritdoc />
    public async Task<ApprovalDecision> RequestApprovalAsync(
        ApprovalRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var ownDeadline = new CancellationTokenSource(_options.Timeout, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, ownDeadline.Token);
        var polls = new PollCounter();
        ApprovalDecision decision;
        try
        {
            decision = await AskAsync(request, polls, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            decision = ApprovalDecision.Expired("no answer came before the approval deadline");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Only the type is logged: an unexpected failure must not carry provider text into the log.
            OAuthLog.ApprovalProviderFailed(_logger, request.ToolName, "Exception", 0, error.GetType().Name);
            decision = Reasons.Unavailable;
        }

        OAuthLog.ApprovalDecided(_logger, request.ToolName, request.Principal.Subject, decision.Outcome, polls.Count);
        return decision;
    }

    private async Task<ApprovalDecision> AskAsync(
        ApprovalRequest request,
        PollCounter polls,
        CancellationToken cancellationToken)
    {
        var endpoints = await _metadata.GetAsync(needsBackchannel: true, cancellationToken).ConfigureAwait(false);
        if (endpoints is null)
            return Reasons.Unavailable;
        if (string.IsNullOrEmpty(endpoints.BackchannelAuthenticationEndpoint))
        {
            OAuthLog.NoBackchannelEndpoint(_logger);
            return Reasons.NotSetUp;
        }

        var http = _httpClients.CreateClient(HttpClientName);
        using var started = await ProviderCall.SendAsync(
            token => http.RequestBackchannelAuthenticationAsync(BuildRequest(request, endpoints), token),
            _options.RequestTimeout,
            cancellationToken).ConfigureAwait(false);
        if (started.IsError || string.IsNullOrEmpty(started.AuthenticationRequestId))
            return RefusedAtStart(request, started);

        var now = _time.GetUtcNow();
        var interval = started.Interval is > 0
            ? TimeSpan.FromSeconds(started.Interval.Value)
            : _options.DefaultInterval;
        var expiresIn = started.ExpiresIn > 0 ? TimeSpan.FromSeconds(started.ExpiresIn) : _options.Timeout;
        OAuthLog.ApprovalRequested(_logger, request.ToolName, request.Principal.Subject, interval, expiresIn);

        // A new request per poll, so a private_key_jwt assertion is never sent twice.
        var authRequestId = started.AuthenticationRequestId;
        BackchannelAuthenticationTokenRequest NextPoll() => new BackchannelAuthenticationTokenRequest
        {
            Address = endpoints.TokenEndpoint,
            AuthenticationRequestId = authRequestId,
        }.Authenticate(_options, endpoints.Issuer, _time);

        return await PollAsync(request.ToolName, NextPoll, interval, now + expiresIn, polls, cancellationToken)
            .ConfigureAwait(false);
    }

    private BackchannelAuthenticationRequest BuildRequest(ApprovalRequest request, ProviderEndpoints endpoints)
    {
        var message = BindingMessage.Sanitize(request.BindingMessage ?? "", _options.BindingMessageMaxLength);
        if (message.Length == 0)
            message = BindingMessage.Sanitize("Approve " + request.ToolName, _options.BindingMessageMaxLength);

        var backchannel = new BackchannelAuthenticationRequest
        {
            Address = endpoints.BackchannelAuthenticationEndpoint!,
            Scope = string.Join(' ', _options.Scopes),
            LoginHint = LoginHintFor(request.Principal, endpoints.Issuer),
            BindingMessage = message,
            RequestedExpiry = _options.RequestedExpiry is { } expiry ? (int)Math.Ceiling(expiry.TotalSeconds) : null,
        };
        backchannel.Parameters.AddOptional("audience", _options.Audience);
        return backchannel.Authenticate(_options, endpoints.Issuer, _time);
    }

    private string LoginHintFor(ToolPrincipal principal, string providerIssuer)
    {
        if (_options.LoginHint is { } custom)
            return custom(principal);
        if (_options.LoginHintFormat == LoginHintFormat.Subject)
            return principal.Subject;

        var hint = new Dictionary<string, string>
        {
            ["format"] = "iss_sub",
            ["iss"] = principal.Issuer ?? providerIssuer,
            ["sub"] = principal.Subject,
        };
        return JsonSerializer.Serialize(hint);
    }

    private async Task<ApprovalDecision> PollAsync(
        string tool,
        Func<BackchannelAuthenticationTokenRequest> nextPoll,
        TimeSpan interval,
        DateTimeOffset expiresAt,
        PollCounter polls,
        CancellationToken cancellationToken)
    {
        var http = _httpClients.CreateClient(HttpClientName);
        var wait = interval;
        var failures = 0;
        while (true)
        {
            var left = expiresAt - _time.GetUtcNow();
            await Task.Delay(wait < left ? wait : left > TimeSpan.Zero ? left : TimeSpan.Zero, _time, cancellationToken)
                .ConfigureAwait(false);
            if (_time.GetUtcNow() >= expiresAt)
                return ApprovalDecision.Expired();

            polls.Count++;
            using var response = await ProviderCall.SendAsync(
                token => http.RequestBackchannelAuthenticationTokenAsync(nextPoll(), token),
                _options.RequestTimeout,
                cancellationToken).ConfigureAwait(false);
            if (!response.IsError)
            {
                return string.IsNullOrEmpty(response.AccessToken) && string.IsNullOrEmpty(response.IdentityToken)
                    ? Reasons.Unavailable
                    : ApprovalDecision.Approved();
            }

            var error = ProtocolErrors.Code(response);
            switch (error)
            {
                case OidcConstants.TokenErrors.AuthorizationPending:
                    failures = 0;
                    wait = interval;
                    break;
                case OidcConstants.TokenErrors.SlowDown:
                    failures = 0;
                    interval += _options.SlowDownIncrement;
                    wait = interval;
                    OAuthLog.ApprovalSlowDown(_logger, tool, interval);
                    break;
                case OidcConstants.TokenErrors.AccessDenied:
                    return ApprovalDecision.Denied();
                case OidcConstants.TokenErrors.ExpiredToken:
                    return ApprovalDecision.Expired();
                case OidcConstants.TokenErrors.InvalidGrant:
                    Refused(tool, response, error, ApprovalOutcome.Failed);
                    return Reasons.NoLongerValid;
                case null or "temporarily_unavailable" or "server_error":
                    OAuthLog.ApprovalProviderFailed(_logger, tool, response.ErrorType.ToString(),
                        (int)response.HttpStatusCode, response.Exception?.GetType().Name ?? "none");
                    if (++failures >= _options.MaxConsecutivePollFailures)
                        return Reasons.Unavailable;
                    wait = interval;
                    break;
                default:
                    Refused(tool, response, error, ApprovalOutcome.Failed);
                    return Reasons.ForError(error);
            }

            if (ProtocolErrors.RetryAfter(response, _time.GetUtcNow()) is { } retryAfter && retryAfter > wait)
                wait = retryAfter;
        }
    }

    private ApprovalDecision RefusedAtStart(ApprovalRequest request, BackchannelAuthenticationResponse response)
    {
        var error = ProtocolErrors.Code(response);
        if (error is null)
        {
            OAuthLog.ApprovalProviderFailed(_logger, request.ToolName, response.ErrorType.ToString(),
                (int)response.HttpStatusCode, response.Exception?.GetType().Name ?? "none");
            return Reasons.Unavailable;
        }

        var decision = error == OidcConstants.TokenErrors.AccessDenied
            ? ApprovalDecision.Denied()
            : Reasons.ForError(error);
        Refused(request.ToolName, response, error, decision.Outcome);
        return decision;
    }

    private void Refused(string tool, ProtocolResponse response, string error, ApprovalOutcome outcome) =>
        OAuthLog.ApprovalRequestRefused(_logger, tool, error, (int)response.HttpStatusCode, outcome);

    private sealed class PollCounter
    {
        public int Count { get; set; }
    }

    private static class Reasons
    {
        public static readonly ApprovalDecision Unavailable =
            ApprovalDecision.Failed("the approval service is unavailable; try again later");

        public static readonly ApprovalDecision NotSetUp =
            ApprovalDecision.Failed("approval is not set up correctly for this app");

        public static readonly ApprovalDecision NoLongerValid =
            ApprovalDecision.Failed("the approval request is no longer valid");

        public static ApprovalDecision ForError(string error) => error switch
        {
            "unknown_user_id" or "expired_login_hint_token" =>
                ApprovalDecision.Failed(
                    "the user cannot be asked for approval: the identity provider does not know them"),
            "invalid_binding_message" =>
                ApprovalDecision.Failed("the identity provider did not accept the approval message"),
            "temporarily_unavailable" or "server_error" => Unavailable,
            _ => NotSetUp,
        };
    }
}
