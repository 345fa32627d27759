using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.RequirementsCannotBeGeneratedAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class RequirementsCannotBeGeneratedAnalyzerTests
{
    [Fact]
    public Task UngeneratableMethods_Trigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresPermission("a")]
            private string {|#0:Hidden|}(string x) => x;

            [RequiresPermission("b")]
            public T {|#1:Echo|}<T>(T value) => value;

            [RequiresPermission("c")]
            public void {|#2:Fill|}(ref string buffer) { }

            [RequiresPermission("d")]
            public string {|#3:Call|}(AccessToken token) => "";
        }
        """,
        Verify.Diagnostic("AS4008").WithLocation(0).WithArguments("Hidden", "it is private"),
        Verify.Diagnostic("AS4008").WithLocation(1).WithArguments("Echo", "it is generic"),
        Verify.Diagnostic("AS4008").WithLocation(2).WithArguments("Fill", "parameter 'buffer' is passed by reference"),
        Verify.Diagnostic("AS4008").WithLocation(3).WithArguments(
            "Call", "AccessToken parameter 'token' has no [DelegatedToken] saying which token to get"));

    [Fact]
    public Task GeneratableMethod_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Threading;
        using AgentSafety;

        public sealed partial class Tools
        {
            [RequiresPermission("calendar:read")]
            internal string Read(
                string day,
                [DelegatedToken("google-oauth2", "calendar")] AccessToken google,
                ToolPrincipal user,
                CancellationToken cancellationToken) => day;
        }
        """);
}
