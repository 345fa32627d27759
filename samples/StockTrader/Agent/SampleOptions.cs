namespace StockTrader.Agent;

/// <summary>The sample's command line.</summary>
public sealed record SampleOptions(ApprovalMode Approval, string? Error)
{
    public const string Usage = "usage: StockTrader [--approve ask|all|none]";

    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var approval = ApprovalMode.Ask;
        for (var index = 0; index < args.Count; index++)
        {
            var value = index + 1 < args.Count ? args[index + 1] : null;
            if (args[index] != "--approve" || !Enum.TryParse<ApprovalMode>(value, ignoreCase: true, out var mode))
                return new SampleOptions(approval, $"unknown or incomplete option '{args[index]}'");

            approval = mode;
            index++;
        }

        return new SampleOptions(approval, null);
    }
}
