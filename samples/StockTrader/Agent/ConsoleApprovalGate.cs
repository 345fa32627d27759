using AgentSafety;

namespace StockTrader.Agent;

/// <summary>How the console approver answers.</summary>
public enum ApprovalMode
{
    /// <summary>Ask on the terminal.</summary>
    Ask,

    /// <summary>Approve every request (for non-interactive demo runs).</summary>
    All,

    /// <summary>Refuse every request.</summary>
    None,
}

/// <summary>
/// Asks the person at the terminal to approve critical calls: the local stand-in for a CIBA push to the user's
/// phone. The answer comes from the terminal, never from the model.
/// </summary>
public sealed class ConsoleApprovalGate(ApprovalMode mode, TextReader input, TextWriter output) : IApprovalGate
{
    public Task<ApprovalDecision> RequestApprovalAsync(
        ApprovalRequest request,
        CancellationToken cancellationToken = default)
    {
        output.Write($"  [approval] {request.Principal.Subject}, approve \"{request.BindingMessage}\"? (y/n) ");
        var answer = mode switch
        {
            ApprovalMode.All => Echo("y (--approve all)"),
            ApprovalMode.None => Echo("n (--approve none)"),
            _ => input.ReadLine(),
        };
        if (mode == ApprovalMode.Ask && answer is null)
            output.WriteLine("(no answer: input closed)");

        var approved = answer?.Trim().StartsWith('y') == true;
        return Task.FromResult(approved ? ApprovalDecision.Approved() : ApprovalDecision.Denied());
    }

    private string Echo(string text)
    {
        output.WriteLine(text);
        return text;
    }
}
