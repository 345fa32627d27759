using AgentSafety.Analyzers.CodeFixes.Fixes;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.CodeFixVerifier<
    AgentSafety.Analyzers.Rules.RelationParameterNotFoundAnalyzer,
    AgentSafety.Analyzers.CodeFixes.Fixes.UseExistingParameterFixer>;

namespace AgentSafety.Analyzers.Tests.Fixes;

public sealed class UseExistingParameterFixerTests
{
    [Fact]
    public Task ChosenParameter_ReplacesEveryMissingNameWithNameof() => Verify.VerifyAsync("""
        using System;
        using System.Threading;
        using AgentSafety;

        public sealed partial class TradingTools
        {
            [RequiresRelation("can_buy", "asset", [|"symbol"|])]
            public string Buy(string ticker, int quantity, CancellationToken cancellationToken) => ticker;

            [RequiresRelation("can_sell", "asset", [|"Ticker"|])]
            public string Sell(string ticker, DateTimeOffset at) => ticker;
        }
        """, """
        using System;
        using System.Threading;
        using AgentSafety;

        public sealed partial class TradingTools
        {
            [RequiresRelation("can_buy", "asset", nameof(ticker))]
            public string Buy(string ticker, int quantity, CancellationToken cancellationToken) => ticker;

            [RequiresRelation("can_sell", "asset", nameof(ticker))]
            public string Sell(string ticker, DateTimeOffset at) => ticker;
        }
        """, UseExistingParameterFixer.EquivalenceKeyPrefix + "ticker");

    [Fact]
    public Task SecondCandidate_IsOfferedToo() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed partial class TradingTools
        {
            [RequiresRelation("can_buy", "asset", [|"symbol"|])]
            public string Buy(string ticker, int quantity) => ticker;
        }
        """, """
        using AgentSafety;

        public sealed partial class TradingTools
        {
            [RequiresRelation("can_buy", "asset", nameof(quantity))]
            public string Buy(string ticker, int quantity) => ticker;
        }
        """, UseExistingParameterFixer.EquivalenceKeyPrefix + "quantity");

    [Fact]
    public Task NoParameterCanFormAnId_OffersNoFix() => Verify.VerifyNoFixAsync("""
        using System;
        using AgentSafety;

        public sealed partial class CalendarTools
        {
            [RequiresRelation("can_edit", "meeting", [|"meetingId"|])]
            public string Move(DateTimeOffset at) => "moved";
        }
        """, UseExistingParameterFixer.EquivalenceKeyPrefix + "at");
}
