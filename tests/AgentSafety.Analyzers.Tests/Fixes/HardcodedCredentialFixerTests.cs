using AgentSafety.Analyzers.CodeFixes.Fixes;
using Microsoft.CodeAnalysis.Testing;
using Verifier = AgentSafety.Analyzers.Tests.Verifiers.CodeFixVerifier<
    AgentSafety.Analyzers.Rules.HardcodedCredentialAnalyzer,
    AgentSafety.Analyzers.CodeFixes.Fixes.HardcodedCredentialFixer>;

namespace AgentSafety.Analyzers.Tests.Fixes;

/// <remarks>
/// AS2001 is reported at compilation end, so its diagnostics are not local to a document; the testing library's
/// local-diagnostic check is skipped for this fixer (see rules.md, AS2001 configuration).
/// </remarks>
public sealed class HardcodedCredentialFixerTests
{
    private static class Verify
    {
        public static Task VerifyAsync(string source, string fixedSource, string equivalenceKey) => new Verifier.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();

        public static Task VerifyNoFixAsync(string source, string equivalenceKey) =>
            VerifyAsync(source, source, equivalenceKey);
    }

    [Fact]
    public Task TwoGitHubTokensInOneTool_ShareOneDelegatedTokenParameter() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading;
        using Microsoft.SemanticKernel;

        public sealed class IssueTools
        {
            [KernelFunction]
            public string Find(string q, CancellationToken cancel)
            {
                var first = new AuthenticationHeaderValue(
                    "Bearer", {|AS2001:"ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i"|});
                var second = new AuthenticationHeaderValue(
                    "token", {|AS2001:"ghp_Q7w1eRt5yUi9oPa3sDf6gHj2kLz8xCv4bNm0"|});
                return q + first + second;
            }
        }
        """, """
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading;
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class IssueTools
        {
            [KernelFunction]
            public string Find(string q, [DelegatedToken("github")] AccessToken githubToken, CancellationToken cancel)
            {
                var first = new AuthenticationHeaderValue(
                    "Bearer", githubToken.Value);
                var second = new AuthenticationHeaderValue(
                    "token", githubToken.Value);
                return q + first + second;
            }
        }
        """,
        HardcodedCredentialFixer.Key_UseDelegatedToken);

    [Fact]
    public Task LiteralInApiKeyHeaderOfParameterlessTool_GetsApiTokenParameter() => Verify.VerifyAsync("""
        using AgentSafety;
        using System.Net.Http;
        using Microsoft.SemanticKernel;

        public sealed class Weather
        {
            [KernelFunction]
            public string Today()
            {
                var request = new HttpRequestMessage();
                request.Headers.Add("x-api-key", {|AS2001:"wk-7f3a9c2e41b8d605"|});
                return request.ToString();
            }
        }
        """, """
        using AgentSafety;
        using System.Net.Http;
        using Microsoft.SemanticKernel;

        public sealed class Weather
        {
            [KernelFunction]
            public string Today([DelegatedToken("api")] AccessToken apiToken)
            {
                var request = new HttpRequestMessage();
                request.Headers.Add("x-api-key", apiToken.Value);
                return request.ToString();
            }
        }
        """,
        HardcodedCredentialFixer.Key_UseDelegatedToken);

    [Fact]
    public Task CredentialInCalledHelper_OffersNoFix() => Verify.VerifyNoFixAsync("""
        using System.Net.Http.Headers;
        using Microsoft.SemanticKernel;

        public sealed class Tools
        {
            [KernelFunction]
            public string Call() => Header().ToString();

            private static AuthenticationHeaderValue Header() =>
                new("Bearer", {|AS2001:"ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i"|});
        }
        """,
        HardcodedCredentialFixer.Key_UseDelegatedToken);
}
