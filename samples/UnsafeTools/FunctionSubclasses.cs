using System.Threading;
using System.Threading.Tasks;
using AgentSafety;
using Microsoft.Extensions.AI;

namespace UnsafeTools;

/// <summary>A tool written as an <c>AIFunction</c> subclass, with no declaration.</summary>
public sealed class ShellFunction : AIFunction                                          // AS1001
{
    public override string Name => "run_shell";

    protected override ValueTask<object?> InvokeCoreAsync(
        AIFunctionArguments arguments,
        CancellationToken cancellationToken) => new("ran");
}

/// <summary>The same kind of tool, declared.</summary>
[RequiresPermission("reports:read")]
public sealed class ReportFunction : AIFunction
{
    public override string Name => "read_report";

    protected override ValueTask<object?> InvokeCoreAsync(
        AIFunctionArguments arguments,
        CancellationToken cancellationToken) => new("report");
}

/// <summary>A tool made public by the code fix, whose placeholder nobody replaced.</summary>
[PublicTool("Explain why any caller may use this tool")]
public sealed class ExportFunction : AIFunction
{
    public override string Name => "export_customers";

    protected override ValueTask<object?> InvokeCoreAsync(
        AIFunctionArguments arguments,
        CancellationToken cancellationToken) => new("all customers");
}
