using AgentSafety;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace UnsafeTools;

/// <summary>A tool with requirements, registered so that nothing enforces them.</summary>
public sealed partial class RefundTools
{
    [RequiresPermission("payments:refund")]
    public string Refund(string orderId) => $"refunded {orderId}";

    public AIFunction Register() => AIFunctionFactory.Create(Refund);                                 // AS1005
}

/// <summary>Requirements on a method the generator cannot guard.</summary>
public sealed partial class UngeneratableTools
{
    [RequiresPermission("audit:purge")]
    private string PurgeAudit(string before) => $"purged before {before}";                            // AS4008

    public string Run() => PurgeAudit("2020-01-01");
}

/// <summary>A plugin Semantic Kernel finds by type and then calls without the guard its requirement needs.</summary>
public sealed partial class LedgerPlugin
{
    [KernelFunction, RequiresPermission("ledger:read")]
    public string ReadLedger(string account) => $"balance of {account}";

    public static Kernel Build()
    {
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddFromType<LedgerPlugin>();                                                  // AS1005
        return builder.Build();
    }
}
