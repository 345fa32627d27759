using AgentSafety.Analyzers.CodeFixes.Fixes;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.CodeFixVerifier<
    AgentSafety.Analyzers.Rules.CriticalActionWithoutApprovalAnalyzer,
    AgentSafety.Analyzers.CodeFixes.Fixes.CriticalActionWithoutApprovalFixer>;

namespace AgentSafety.Analyzers.Tests.Fixes;

public sealed class CriticalActionWithoutApprovalFixerTests
{
    [Fact]
    public Task TwoCriticalTools_BothGetRequiresApproval() => Verify.VerifyAsync("""
        using Microsoft.SemanticKernel;

        public sealed class BankTools
        {
            [KernelFunction]
            public string {|AS3001:TransferFunds|}(string toIban, decimal amount, bool confirm) => toIban;

            public string DeleteAccount(string accountId) => accountId;

            public Microsoft.Extensions.AI.AIFunction Create() =>
                Microsoft.Extensions.AI.AIFunctionFactory.Create({|AS3001:DeleteAccount|});
        }
        """, """
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class BankTools
        {
            [KernelFunction]
            [RequiresApproval("TransferFunds {toIban} {amount}")]
            public string TransferFunds(string toIban, decimal amount, bool confirm) => toIban;

            [RequiresApproval("DeleteAccount {accountId}")]
            public string DeleteAccount(string accountId) => accountId;

            public Microsoft.Extensions.AI.AIFunction Create() =>
                Microsoft.Extensions.AI.AIFunctionFactory.Create(DeleteAccount);
        }
        """,
        CriticalActionWithoutApprovalFixer.Key_RequireApproval);
}
