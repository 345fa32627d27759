using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.HardcodedCredentialAnalyzer>;

using AgentSafety.Analyzers.Rules;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.Tests.Rules.Credentials;

public sealed class HardcodedCredentialAnalyzerTests
{
    private const string Id = "AS2001";

    [Fact]
    public Task GitHubTokenInKernelFunction_Triggers() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;
        using Microsoft.SemanticKernel;

        public sealed class IssueTools
        {
            [KernelFunction]
            public string Search(string query)
            {
                var client = new HttpClient();
                client.DefaultRequestHeaders.Authorization =
                    new AuthenticationHeaderValue("Bearer", {|#0:"ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i"|});
                return query;
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Search", "GitHub token"));

    [Fact]
    public Task LiteralIntoAuthorizationHeaderOfFactoryLambda_Triggers() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() => AIFunctionFactory.Create((string city) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "https://weather.example/" + city);
                request.Headers.Add("x-api-key", {|#0:"wk-7f3a9c2e41b8d605"|});
                return city;
            }, "Weather");
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Weather", "credential in the x-api-key header"));

    // A helper in another file is reached only once every tool is known: reported at the end of the compilation,
    // once, naming the first tool by name that reaches it.
    [Fact]
    public async Task KeyInHelperOfAnotherFile_ReportedOnceAtCompilationEnd()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Tools.cs", """
                        using ModelContextProtocol.Server;

                        [McpServerToolType]
                        public static class MailTools
                        {
                            [McpServerTool]
                            public static string Send(string to) => Transport.Connect(to);

                            [McpServerTool]
                            public static string Archive(string to) => Transport.Connect(to);
                        }
                        """),
                    ("Transport.cs", """
                        using System.Net;

                        internal static class Transport
                        {
                            public static string Connect(string to)
                            {
                                var credential = new NetworkCredential("mailer", {|#0:"S3cure-Mail!2024"|});
                                return to + credential.UserName;
                            }
                        }
                        """),
                },
            },
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Id).WithLocation(0)
            .WithArguments("Archive' through 'Connect", "credential in the NetworkCredential password"));

        await test.RunAsync();

        Assert.Contains(
            HardcodedCredentialAnalyzer.ReachedRule.CustomTags, tag => tag == WellKnownDiagnosticTags.CompilationEnd);
        Assert.DoesNotContain(
            HardcodedCredentialAnalyzer.Rule.CustomTags, tag => tag == WellKnownDiagnosticTags.CompilationEnd);
    }

    [Fact]
    public Task ConstantKeyInHelperCalledByTool_TriggersAtHelper() => Verify.VerifyAsync("""
        using System.Net;
        using ModelContextProtocol.Server;

        public static class Secrets
        {
            public const string SmtpPassword = "S3cure-Mail!2024";
        }

        [McpServerToolType]
        public static class MailTools
        {
            [McpServerTool]
            public static string Send(string to) => Transport.Connect(to);
        }

        internal static class Transport
        {
            public static string Connect(string to)
            {
                var credential = new NetworkCredential("mailer", {|#0:Secrets.SmtpPassword|});
                return to + credential.UserName;
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0)
            .WithArguments("Send' through 'Connect", "credential in the NetworkCredential password"));

    [Fact]
    public Task BasicHeaderBuiltFromLiterals_Triggers() => Verify.VerifyAsync("""
        using System;
        using System.Net.Http.Headers;
        using System.Text;
        using Microsoft.SemanticKernel;

        public sealed class Reports
        {
            [KernelFunction]
            public string Fetch()
            {
                var header = new AuthenticationHeaderValue(
                    "Basic", {|#0:Convert.ToBase64String(Encoding.UTF8.GetBytes("reporter:Winter-2024!"))|});
                return header.ToString();
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Fetch", "credential in the Basic Authorization header"));

    [Fact]
    public Task DelegatedTokenIntoAuthorizationHeader_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Net.Http.Headers;
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class CalendarTools
        {
            [KernelFunction]
            public string Busy(
                [DelegatedToken("google", "calendar.readonly")] AccessToken token)
            {
                var header = new AuthenticationHeaderValue("Bearer", token.Value);
                return header.Scheme;
            }
        }
        """);

    [Fact]
    public Task PlaceholdersAndTemplates_DoNotTrigger() => Verify.VerifyAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using Microsoft.SemanticKernel;

        public sealed class Tools
        {
            [KernelFunction]
            public string Call()
            {
                var request = new HttpRequestMessage();
                request.Headers.Add("Authorization", "Bearer <your-token>");
                request.Headers.Add("x-api-key", "YOUR_API_KEY");
                request.Headers.Add("api-key", "${API_KEY}");
                request.Headers.Add("apikey", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
                var empty = new NetworkCredential("user", "");
                var masked = new NetworkCredential("user", "********");
                return request.ToString() + empty.UserName + masked.UserName;
            }
        }
        """);

    [Fact]
    public Task NamesThatDescribeCredentials_DoNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.SemanticKernel;

        public sealed class AccountTools
        {
            public string PasswordQuestion { get; set; } = "";
            public string TokenEndpoint { get; set; } = "";

            [KernelFunction]
            public string Reset()
            {
                PasswordQuestion = "What is your favourite colour?";
                TokenEndpoint = "https://login.example.com/oauth/token";
                var passwordSettingName = "Password";
                return PasswordQuestion + TokenEndpoint + passwordSettingName;
            }
        }
        """);

    [Fact]
    public Task KnownFormatOutsideAnyTool_DoesNotTrigger() => Verify.VerifyAsync("""
        public static class LegacyJob
        {
            public static string Token() => "ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i";
        }
        """);

    [Fact]
    public Task KnownFormatInTestFixture_DoesNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.SemanticKernel;

        namespace Contoso.Tests;

        public sealed class GitHubToolFixture
        {
            [KernelFunction]
            public string Token() => "ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i";
        }
        """);

    [Fact]
    public Task KnownFormatInDescriptionAttribute_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.ComponentModel;
        using Microsoft.SemanticKernel;

        public sealed class Docs
        {
            [KernelFunction, Description("Tokens look like ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i")]
            public string Explain() => "see the description";
        }
        """);
}
