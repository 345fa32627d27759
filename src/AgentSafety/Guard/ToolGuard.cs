using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentSafety;

/// <summary>
/// The checkpoint every guarded tool call passes: signed-in principal, permissions, relationships, approval and
/// delegated tokens, in that order. Any failure denies the call.
/// </summary>
/// <remarks>
/// A step the tool requires but the host has not configured (no relationship checker, no approval gate, no token
/// vault) denies rather than skips, so a missing registration can never open a tool.
/// </remarks>
public sealed class ToolGuard
{
    private const string GenericFailure = "the authorization check could not be completed; the call was not made";

    private readonly IToolPrincipalAccessor _principals;
    private readonly AgentSafetyOptions _options;
    private readonly ILogger _logger;
    private readonly IRelationshipChecker? _relationships;
    private readonly IApprovalGate? _approvals;
    private readonly ITokenVault? _tokens;

    /// <summary>Creates the guard.</summary>
    public ToolGuard(
        IToolPrincipalAccessor principals,
        IOptions<AgentSafetyOptions>? options = null,
        ILogger<ToolGuard>? logger = null,
        IRelationshipChecker? relationships = null,
        IApprovalGate? approvals = null,
        ITokenVault? tokens = null)
    {
        _principals = principals ?? throw new ArgumentNullException(nameof(principals));
        _options = options?.Value ?? new AgentSafetyOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _relationships = relationships;
        _approvals = approvals;
        _tokens = tokens;
    }

    /// <summary>Runs the pipeline for one call and returns the verdict. It never throws for a failed check.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<GuardDecision> AuthorizeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var tool = invocation.Requirements.ToolName;
        using var activity = AgentSafetyTelemetry.ActivitySource.StartActivity("agentsafety.guard " + tool);
        activity?.SetTag("agentsafety.tool", tool);
        var started = Stopwatch.GetTimestamp();

        var principal = _principals.GetPrincipal(invocation.Arguments);
        var decision = principal is null
            ? GuardDecision.Deny(GuardStage.Principal, "no signed-in user; tools run only on behalf of a user")
            : await DecideAsync(invocation, principal, cancellationToken).ConfigureAwait(false);

        Record(decision, tool, Stopwatch.GetElapsedTime(started), activity);
        return decision;
    }

    private async Task<GuardDecision> DecideAsync(
        ToolInvocation invocation,
        ToolPrincipal principal,
        CancellationToken cancellationToken)
    {
        var stage = GuardStage.Permission;
        try
        {
            var denial = CheckPermissions(invocation.Requirements, principal);

            stage = GuardStage.Relationship;
            denial ??= await CheckRelationshipsAsync(invocation, principal, cancellationToken).ConfigureAwait(false);

            stage = GuardStage.Approval;
            denial ??= await RequestApprovalAsync(invocation, principal, cancellationToken).ConfigureAwait(false);
            if (denial is not null)
                return denial;

            stage = GuardStage.DelegatedToken;
            return await ObtainTokensAsync(invocation.Requirements, principal, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            GuardLog.StageFailed(_logger, exception, invocation.Requirements.ToolName, principal.Subject, stage);
            return GuardDecision.Deny(stage, GenericFailure, principal);
        }
    }

    private GuardDecision? CheckPermissions(ToolRequirements requirements, ToolPrincipal principal)
    {
        var missing = requirements.Permissions.Where(permission => !HasPermission(principal, permission)).ToList();
        if (missing.Count == 0)
            return null;

        var reason = $"{_options.UserType}:{principal.Subject} lacks the permission {string.Join(", ", missing)}";
        return GuardDecision.Deny(GuardStage.Permission, reason, principal);
    }

    private bool HasPermission(ToolPrincipal principal, string permission)
    {
        if (principal.Permissions.Contains(permission))
            return true;

        if (principal.Claims is null || _options.RolePermissions.Count == 0)
            return false;

        return principal.Claims.Claims
            .Where(claim => _options.RoleClaimTypes.Contains(claim.Type))
            .Any(claim => _options.RolePermissions.TryGetValue(claim.Value, out var granted)
                && granted.Contains(permission, StringComparer.Ordinal));
    }

    private async Task<GuardDecision?> CheckRelationshipsAsync(
        ToolInvocation invocation,
        ToolPrincipal principal,
        CancellationToken cancellationToken)
    {
        var relations = invocation.Requirements.Relations;
        if (relations.Count == 0)
            return null;

        if (_relationships is null)
            return GuardDecision.Deny(GuardStage.Relationship, "relationship checks are not configured", principal);

        var user = $"{_options.UserType}:{principal.Subject}";
        var checks = new List<RelationshipCheck>(relations.Count);
        foreach (var relation in relations)
        {
            var id = FormatObjectId(invocation.BoundArguments.GetValueOrDefault(relation.ParameterName));
            if (!ObjectIdentifier.IsValidId(id, out var problem))
            {
                var reason =
                    $"the argument '{relation.ParameterName}' is not a valid {relation.ObjectType} id: {problem}";
                return GuardDecision.Deny(GuardStage.Relationship, reason, principal);
            }

            checks.Add(new RelationshipCheck(user, relation.Relation, $"{relation.ObjectType}:{id}"));
        }

        var results = await _relationships.CheckAsync(checks, cancellationToken).ConfigureAwait(false);
        if (results.Count != checks.Count)
            throw new InvalidOperationException("The relationship checker answered a different number of checks.");

        var refused = results.FirstOrDefault(result => !result.Allowed || result.Error is not null);
        if (refused is null)
            return null;

        var text = refused.Error is null
            ? $"{user} may not {refused.Check.Relation} {refused.Check.Object}"
            : GenericFailure;
        return GuardDecision.Deny(GuardStage.Relationship, text, principal);
    }

    private async Task<GuardDecision?> RequestApprovalAsync(
        ToolInvocation invocation,
        ToolPrincipal principal,
        CancellationToken cancellationToken)
    {
        var template = invocation.Requirements.ApprovalMessage;
        if (template is null)
            return null;

        if (_approvals is null)
            return GuardDecision.Deny(GuardStage.Approval, "approvals are not configured", principal);

        var message = BindingMessage.Render(
            template,
            name => invocation.BoundArguments.GetValueOrDefault(name),
            _options.BindingMessageMaxLength);
        var request = new ApprovalRequest(principal, invocation.Requirements.ToolName, message);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ApprovalTimeout);
        ApprovalDecision answer;
        try
        {
            answer = await _approvals.RequestApprovalAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            answer = ApprovalDecision.Expired();
        }

        return answer.IsApproved ? null : GuardDecision.Deny(GuardStage.Approval, answer.Reason, principal);
    }

    private async Task<GuardDecision> ObtainTokensAsync(
        ToolRequirements requirements,
        ToolPrincipal principal,
        CancellationToken cancellationToken)
    {
        var tokens = new Dictionary<string, AccessToken>(StringComparer.Ordinal);
        if (requirements.Tokens.Count > 0 && _tokens is null)
            return GuardDecision.Deny(GuardStage.DelegatedToken, "delegated tokens are not configured", principal);

        foreach (var requirement in requirements.Tokens)
        {
            var request = new DelegatedTokenRequest(principal, requirement.Connection, requirement.Scopes);
            var result = await _tokens!.GetTokenAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.Token is null)
            {
                var reason = result.DenialReason ?? $"no token could be obtained for {requirement.Connection}";
                return GuardDecision.Deny(GuardStage.DelegatedToken, reason, principal);
            }

            tokens[requirement.ParameterName] = result.Token;
        }

        return GuardDecision.Allow(principal, tokens);
    }

    private void Record(GuardDecision decision, string tool, TimeSpan elapsed, Activity? activity)
    {
        var subject = decision.Principal?.Subject ?? "(none)";
        var outcome = decision.IsAllowed ? "allowed" : "denied";
        if (decision.IsAllowed)
            GuardLog.Allowed(_logger, tool, subject, elapsed.TotalMilliseconds);
        else
            GuardLog.Denied(_logger, tool, subject, decision.Stage, decision.DenialReason ?? GenericFailure);

        var tags = new TagList
        {
            { "agentsafety.tool", tool },
            { "agentsafety.outcome", outcome },
            { "agentsafety.stage", decision.Stage.ToString() },
        };
        AgentSafetyTelemetry.Decisions.Add(1, tags);
        AgentSafetyTelemetry.Duration.Record(elapsed.TotalMilliseconds, tags);

        activity?.SetTag("agentsafety.subject", subject);
        activity?.SetTag("agentsafety.outcome", outcome);
        activity?.SetTag("agentsafety.stage", decision.Stage.ToString());
        if (!decision.IsAllowed)
            activity?.SetStatus(ActivityStatusCode.Error, decision.DenialReason);
    }

    private static string? FormatObjectId(object? value) => value switch
    {
        null => null,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
