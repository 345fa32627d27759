namespace StockTrader.Agent;

/// <summary>The sample's command line.</summary>
/// <param name="Approval">How the console approver answers, when no identity provider is used.</param>
/// <param name="IdentityProvider">An OpenID provider to send approvals to through CIBA, if any.</param>
/// <param name="Error">Why the command line was refused, if it was.</param>
public sealed record SampleOptions(ApprovalMode Approval, Uri? IdentityProvider, string? Error)
{
    public const string Usage = "usage: StockTrader [--approve ask|all|none] [--idp <issuer url>]";

    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var approval = ApprovalMode.Ask;
        Uri? identityProvider = null;
        for (var index = 0; index < args.Count; index += 2)
        {
            var value = index + 1 < args.Count ? args[index + 1] : null;
            if (args[index] == "--approve" && Enum.TryParse<ApprovalMode>(value, ignoreCase: true, out var mode))
                approval = mode;
            else if (args[index] == "--idp" && Uri.TryCreate(value, UriKind.Absolute, out var issuer))
                identityProvider = issuer;
            else
                return new SampleOptions(approval, identityProvider, $"unknown or incomplete option '{args[index]}'");
        }

        return new SampleOptions(approval, identityProvider, null);
    }
}
