using System.ComponentModel;
using AgentSafety;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Server;

namespace UnsafeTools;

/// <summary>Tools that act irreversibly or at scale without asking the user (AS3001).</summary>
[McpServerToolType]
public static partial class RepositoryTools
{
    [McpServerTool(Destructive = true), RequiresPermission("repo:admin")]
    public static string ArchiveRepository(string owner, string name) => owner + "/" + name;
}

public sealed partial class BankingTools
{
    // A flag the model sets is not an approval.
    [KernelFunction, RequiresPermission("payments:write")]
    public string TransferFunds(string toIban, decimal amount, bool confirm) => toIban + amount;

    [KernelFunction, RequiresPermission("newsletter:send")]
    [Description("Emails the announcement to all customers")]
    public string Announce(string text) => text;
}

public static partial class ShellTools
{
    [RequiresPermission("ops:run")]
    public static string RunShellCommand(string command) => command;

    public static AIFunction Create() => AIFunctionFactory.Create(RunShellCommand);
}
