using AgentSafety;
using Microsoft.SemanticKernel;

namespace UnsafeTools;

/// <summary>A Semantic Kernel plugin.</summary>
public sealed partial class MailPlugin
{
    [KernelFunction]
    public string SendMailAsync(string to, string body) => $"sent to {to}";          // AS1001

    [KernelFunction("list_folders")]
    [RequiresPermission("mail:read")]
    public string ListFolders() => "Inbox, Sent";

    [KernelFunction]
    [PublicTool("Lists the public holidays, which are published")]
    public string Holidays() => "1 Jan, 25 Dec";
}
