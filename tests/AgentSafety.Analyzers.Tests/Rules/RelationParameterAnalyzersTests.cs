using NotFound = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.RelationParameterNotFoundAnalyzer>;
using ObjectId = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.RelationParameterCannotFormObjectIdAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class RelationParameterAnalyzersTests
{
    [Fact]
    public Task MissingParameter_Triggers() => NotFound.VerifyAsync("""
        using AgentSafety;

        public sealed partial class TradingTools
        {
            [RequiresRelation("can_buy", "asset", {|#0:"symbol"|})]
            public string Buy(string ticker) => ticker;
        }
        """,
        NotFound.Diagnostic("AS4002").WithLocation(0).WithArguments("symbol", "Buy"));

    [Fact]
    public Task ParameterNameDiffersOnlyInCase_Triggers() => NotFound.VerifyAsync("""
        using AgentSafety;

        public sealed partial class TradingTools
        {
            [RequiresRelation("can_buy", "asset", {|#0:"Ticker"|})]
            public string Buy(string ticker) => ticker;
        }
        """,
        NotFound.Diagnostic("AS4002").WithLocation(0).WithArguments("Ticker", "Buy"));

    [Fact]
    public Task NameofParameter_DoesNotTrigger() => NotFound.VerifyAsync("""
        using AgentSafety;

        public sealed partial class TradingTools
        {
            [RequiresRelation("can_buy", "asset", nameof(ticker))]
            public string Buy(string ticker) => ticker;
        }
        """);

    [Fact]
    public Task NonConstantArgument_DoesNotCrashOrTrigger() => NotFound.VerifyAsync("""
        using AgentSafety;

        public sealed partial class TradingTools
        {
            [RequiresRelation("can_buy", "asset", {|CS0103:missing|})]
            public string Buy(string ticker) => ticker;
        }
        """);

    [Fact]
    public Task DateTimeOffsetParameter_Triggers() => ObjectId.VerifyAsync("""
        using System;
        using AgentSafety;

        public sealed partial class CalendarTools
        {
            [RequiresRelation("can_edit", "meeting", {|#0:nameof(start)|})]
            public string Move(DateTimeOffset start) => "moved";
        }
        """,
        ObjectId.Diagnostic("AS4003").WithLocation(0).WithArguments("start", "DateTimeOffset"));

    [Fact]
    public Task ComplexParameter_Triggers() => ObjectId.VerifyAsync("""
        using System.Collections.Generic;
        using AgentSafety;

        public sealed partial class FileTools
        {
            [RequiresRelation("can_delete", "file", {|#0:"paths"|})]
            public string Delete(List<string> paths) => "deleted";
        }
        """,
        ObjectId.Diagnostic("AS4003").WithLocation(0).WithArguments("paths", "List<string>"));

    [Fact]
    public Task IdLikeParameterTypes_DoNotTrigger() => ObjectId.VerifyAsync("""
        using System;
        using AgentSafety;

        public enum Region { North, South }

        public sealed partial class Tools
        {
            [RequiresRelation("viewer", "doc", nameof(id))]
            [RequiresRelation("viewer", "folder", nameof(folder))]
            [RequiresRelation("viewer", "order", nameof(order))]
            [RequiresRelation("viewer", "region", nameof(region))]
            [RequiresRelation("viewer", "account", nameof(account))]
            public string Read(string id, Guid folder, long order, Region region, int? account) => id;
        }
        """);
}
