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
            switch (args[index])
            {
                case "--approve" when index + 1 < args.Count && Enum.TryParse<ApprovalMode>(args[index + 1], true, out var mode):
                    approval = mode;
                    index++;
                    break;
                default:
                    return new SampleOptions(approval, $"unknown or incomplete option '{args[index]}'");
            }
        }

        return new SampleOptions(approval, null);
    }
}
