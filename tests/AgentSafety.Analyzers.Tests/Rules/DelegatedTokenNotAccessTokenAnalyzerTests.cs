using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.DelegatedTokenNotAccessTokenAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class DelegatedTokenNotAccessTokenAnalyzerTests
{
    [Fact]
    public Task StringParameter_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed partial class CalendarTools
        {
            [RequiresPermission("calendar:read")]
            public bool IsFree(
                string at,
                [{|#0:DelegatedToken("google-oauth2", "calendar.freebusy")|}] string google) => true;
        }
        """,
        Verify.Diagnostic("AS4007").WithLocation(0).WithArguments("google", "string"));

    [Fact]
    public Task AccessTokenParameter_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed partial class CalendarTools
        {
            [RequiresPermission("calendar:read")]
            public bool IsFree(
                string at,
                [DelegatedToken("google-oauth2", "calendar.freebusy")] AccessToken google) => true;
        }
        """);

    [Fact]
    public Task UnknownParameterType_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed partial class CalendarTools
        {
            public bool IsFree([DelegatedToken("google-oauth2")] {|CS0246:Missing|} google) => true;
        }
        """);
}
