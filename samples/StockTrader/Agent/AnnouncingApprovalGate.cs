using AgentSafety;

namespace StockTrader.Agent;

/// <summary>
/// Shows in the transcript that an approval went to the user's own device and how it was answered, around a real
/// approval gate such as CIBA.
/// </summary>
public sealed class AnnouncingApprovalGate(IApprovalGate inner, TextWriter output, string channel) : IApprovalGate
{
    public async Task<ApprovalDecision> RequestApprovalAsync(
        ApprovalRequest request,
        CancellationToken cancellationToken = default)
    {
        output.WriteLine(
            $"  [approval] asked {request.Principal.Subject} to approve \"{request.BindingMessage}\" on their device"
            + $" ({channel}); waiting");
        var decision = await inner.RequestApprovalAsync(request, cancellationToken);
        output.WriteLine($"  [approval] {decision.Outcome}: {decision.Reason}");
        return decision;
    }
}
