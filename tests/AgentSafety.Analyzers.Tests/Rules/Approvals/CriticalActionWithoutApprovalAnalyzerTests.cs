using Microsoft.CodeAnalysis.Testing;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.CriticalActionWithoutApprovalAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules.Approvals;

public sealed class CriticalActionWithoutApprovalAnalyzerTests
{
    private const string Id = "AS3001";

    [Fact]
    public Task DestructiveMcpHint_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class RepoTools
        {
            [McpServerTool(Destructive = true), RequiresPermission("repo:admin")]
            public static string {|#0:Archive|}(string repo) => repo;
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Archive", "is marked destructive by its MCP hints", ""));

    [Fact]
    public Task NameSaysDeleteWithModelSetConfirm_TriggersAndNamesTheParameter() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class FileTools
        {
            [KernelFunction, RequiresPermission("files:write")]
            public string {|#0:DeleteFolder|}(string path, bool confirm) => path;
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments(
            "DeleteFolder", "mentions 'delete' in its name",
            " (parameter 'confirm' is set by the model, so it is not an approval)"));

    [Fact]
    public Task DescriptionSaysSendToAllCustomersOnFactoryTool_Triggers() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Marketing
        {
            public static string Announce(string text) => text;

            public static AIFunction Create() =>
                AIFunctionFactory.Create({|#0:Announce|}, "Announce", "Emails the text to all customers");
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0)
            .WithArguments("Announce", "mentions 'all customers' in its description", ""));

    [Theory]
    [InlineData("SendNewsletter", "newsletter")]
    [InlineData("NotifyEveryone", "notify everyone")]
    [InlineData("BulkSmsCampaign", "bulk sms")]
    [InlineData("AnnounceToAllSubscribers", "all subscribers")]
    public Task NameSaysItSendsToMany_Triggers(string name, string phrase) => Verify.VerifyAsync($$"""
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class Outreach
        {
            [KernelFunction, RequiresPermission("mail:send")]
            public string {|#0:{{name}}|}(string subject, bool confirm) => subject;
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments(
            name, $"mentions '{phrase}' in its name",
            " (parameter 'confirm' is set by the model, so it is not an approval)"));

    [Fact]
    public Task ShellToolWithApproval_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class OpsTools
        {
            [KernelFunction, RequiresApproval("Run {command}")]
            public string RunShell(string command) => command;
        }
        """);

    [Fact]
    public Task FactoryToolWrappedInApprovalRequiredFunction_DoesNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Bank
        {
            public static string TransferFunds(string to, decimal amount) => to;

            #pragma warning disable MEAI001
            public static AIFunction Create() =>
                new ApprovalRequiredAIFunction(AIFunctionFactory.Create(TransferFunds));
            #pragma warning restore MEAI001
        }
        """);

    [Fact]
    public Task ReadingToolsAndLookAlikeWords_DoNotTrigger() => Verify.VerifyAsync("""
        using System.ComponentModel;
        using Microsoft.SemanticKernel;

        public sealed class ShopTools
        {
            [KernelFunction] public string GetPaymentStatus(string id) => id;
            [KernelFunction] public string ListDeletedFiles() => "";
            [KernelFunction] public string DropdownOptions() => "";
            [KernelFunction, Description("Returns the orders a user bought last month")]
            public string OrderHistory() => "";
        }
        """);

    [Fact]
    public Task ReadOnlyMcpHint_DoesNotTrigger() => Verify.VerifyAsync("""
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class Tools
        {
            [McpServerTool(ReadOnly = true)]
            public static string PurgePreview(string folder) => folder;
        }
        """);

    [Fact]
    public async Task ConfiguredWordList_ReplacesDefaults()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.SemanticKernel;

                public sealed class Tools
                {
                    [KernelFunction] public string DeleteDraft(string id) => id;
                    [KernelFunction] public string {|#0:PublishRelease|}(string tag) => tag;
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            agentsafety.critical_action.words = publish, deploy
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Id).WithLocation(0)
            .WithArguments("PublishRelease", "mentions 'publish' in its name", ""));
        await test.RunAsync();
    }
}
