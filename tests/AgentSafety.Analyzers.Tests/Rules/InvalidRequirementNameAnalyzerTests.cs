using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.InvalidRequirementNameAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class InvalidRequirementNameAnalyzerTests
{
    [Fact]
    public Task EmptyAndSpacedPermissions_Trigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresPermission({|#0:""|})]
            [RequiresPermission({|#1:"trade buy"|})]
            public string Buy(string ticker) => ticker;
        }
        """,
        Verify.Diagnostic("AS4004").WithLocation(0).WithArguments("permission", "", "it is empty"),
        Verify.Diagnostic("AS4004").WithLocation(1)
            .WithArguments("permission", "trade buy", "it contains white space"));

    [Fact]
    public Task PermissionOnType_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;

        [RequiresPermission({|#0:" "|})]
        public sealed partial class Tools
        {
        }
        """,
        Verify.Diagnostic("AS4004").WithLocation(0).WithArguments("permission", " ", "it contains white space"));

    [Fact]
    public Task InvalidRelationAndType_Trigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresRelation({|#0:"can buy"|}, {|#1:"_asset"|}, nameof(ticker))]
            public string Buy(string ticker) => ticker;
        }
        """,
        Verify.Diagnostic("AS4004").WithLocation(0).WithArguments("relation", "can buy",
            "OpenFGA names start with a letter or digit and hold only letters, digits and '_ - . /'"),
        Verify.Diagnostic("AS4004").WithLocation(1).WithArguments("object type", "_asset",
            "OpenFGA names start with a letter or digit and hold only letters, digits and '_ - . /'"));

    [Fact]
    public Task OverlongRelation_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresRelation({|#0:"a23456789012345678901234567890123456789012345678901"|}, "asset", nameof(ticker))]
            public string Buy(string ticker) => ticker;
        }
        """,
        Verify.Diagnostic("AS4004").WithLocation(0).WithArguments("relation",
            "a23456789012345678901234567890123456789012345678901", "it is longer than 50 characters"));

    [Fact]
    public Task ValidNames_DoNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;

        [RequiresPermission("https://www.googleapis.com/auth/calendar")]
        public sealed partial class Tools
        {
            [RequiresPermission("trade:buy")]
            [RequiresRelation("can_buy", "asset.v2/stock", nameof(ticker))]
            public string Buy(string ticker) => ticker;
        }
        """);
}
