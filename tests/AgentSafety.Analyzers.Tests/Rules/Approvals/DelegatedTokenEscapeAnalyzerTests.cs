using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.DelegatedTokenEscapeAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules.Approvals;

public sealed class DelegatedTokenEscapeAnalyzerTests
{
    private const string Id = "AS3002";

    [Fact]
    public Task TokenValueReturnedFromTool_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed class Tools
        {
            [RequiresPermission("debug")]
            public string WhoAmI([DelegatedToken("github", "read:user")] AccessToken token) =>
                {|#0:$"token={token.Value}"|};
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("returned to the model"));

    [Fact]
    public Task TokenLoggedThroughLocal_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.Logging;

        public sealed class Tools(ILogger<Tools> logger)
        {
            public void Sync([DelegatedToken("drive")] AccessToken token)
            {
                var raw = token.Value;
                logger.LogInformation("Syncing with {Token}", {|#0:raw|});
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task TokenStoredInFieldAndExceptionMessage_Triggers() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;

        public sealed class Tools
        {
            private static AccessToken? _last;

            public void Upload([DelegatedToken("drive")] AccessToken token)
            {
                _last = {|#0:token|};
                throw new InvalidOperationException({|#1:"upload failed for " + token.Value|});
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("stored in '_last', where it outlives the call"),
        Verify.Diagnostic(Id).WithLocation(1).WithArguments("put in an exception message"));

    [Fact]
    public Task TokenUsedForOutgoingRequest_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;
        using AgentSafety;
        using Microsoft.Extensions.Logging;

        public sealed class Tools(HttpClient http, ILogger<Tools> logger)
        {
            public async Task<string> Repos([DelegatedToken("github", "repo")] AccessToken token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.github.com/user/repos");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                logger.LogInformation("Calling GitHub with {Token}", token);
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task HelperReturningHeaderValue_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public static class Headers
        {
            public static string Bearer(AccessToken token) => "Bearer " + token.Value;
        }
        """);
}
