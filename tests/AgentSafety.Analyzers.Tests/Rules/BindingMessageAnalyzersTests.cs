using Limits = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.BindingMessageExceedsProviderLimitsAnalyzer>;
using Unknown = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.BindingMessageUnknownParameterAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class BindingMessageAnalyzersTests
{
    [Fact]
    public Task UnknownPlaceholder_Triggers() => Unknown.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresApproval({|#0:"Buy {qty} {symbol}"|})]
            public string Buy(string ticker, int qty) => ticker;
        }
        """,
        Unknown.Diagnostic("AS4005").WithLocation(0).WithArguments("symbol", "Buy"));

    [Fact]
    public Task KnownPlaceholders_DoNotTrigger() => Unknown.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresApproval("Buy {qty} {ticker}")]
            public string Buy(string ticker, int qty) => ticker;
        }
        """);

    [Fact]
    public Task UnclosedBrace_IsLiteralText() => Unknown.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresApproval("Buy {ticker} {qty")]
            public string Buy(string ticker, int qty) => ticker;
        }
        """);

    [Fact]
    public Task LongMessage_Triggers() => Limits.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresApproval({|#0:"Please approve the purchase of {qty} shares of {ticker} at the market price now"|})]
            public string Buy(string ticker, int qty) => ticker;
        }
        """,
        Limits.Diagnostic("AS4006").WithLocation(0).WithArguments(
            "is 66 characters long without its placeholders; providers accept 64"));

    [Fact]
    public Task DisallowedCharacter_Triggers() => Limits.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresApproval({|#0:"Transfer {amount} EUR to {iban}?"|})]
            public string Transfer(decimal amount, string iban) => iban;
        }
        """,
        Limits.Diagnostic("AS4006").WithLocation(0).WithArguments(
            "contains '?', which providers do not accept and AgentSafety removes"));

    [Fact]
    public Task PlaceholdersOnly_Triggers() => Limits.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresApproval({|#0:"{ticker}"|})]
            public string Buy(string ticker) => ticker;
        }
        """,
        Limits.Diagnostic("AS4006").WithLocation(0).WithArguments(
            "has no text of its own, so the person approving is not told what the action is"));

    [Fact]
    public Task ShortPlainMessage_DoesNotTrigger() => Limits.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresApproval("Transfer {amount} EUR to {iban}: ref #1, fee +0.5_x-y")]
            public string Transfer(decimal amount, string iban) => iban;
        }
        """);
}
