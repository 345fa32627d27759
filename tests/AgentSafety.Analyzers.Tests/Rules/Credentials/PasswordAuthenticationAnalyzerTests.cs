using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.PasswordAuthenticationAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules.Credentials;

public sealed class PasswordAuthenticationAnalyzerTests
{
    private const string Id = "AS2004";

    [Fact]
    public Task EnvironmentPasswordInNetworkCredential_Triggers() => Verify.VerifyAsync("""
        using System;
        using System.Net;
        using Microsoft.SemanticKernel;

        public sealed class MailTools
        {
            [KernelFunction]
            public string Send(string to)
            {
                var credential = new NetworkCredential(
                    "mailer", {|#0:Environment.GetEnvironmentVariable("SMTP_PASSWORD")|});
                return to + credential.UserName;
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0)
            .WithArguments("Send", "the NetworkCredential password", "the environment"));

    [Fact]
    public Task ConfiguredPasswordInBasicHeader_Triggers() => Verify.VerifyAsync("""
        using System;
        using System.Net.Http.Headers;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.SemanticKernel;

        public sealed class JiraTools(IConfiguration configuration)
        {
            [KernelFunction]
            public string Issue(string key)
            {
                var password = configuration["Jira:Password"];
                var raw = Encoding.UTF8.GetBytes("bot:" + password);
                return new AuthenticationHeaderValue("Basic", {|#0:Convert.ToBase64String(raw)|}) + key;
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0)
            .WithArguments("Issue", "the Basic Authorization header", "configuration"));

    [Fact]
    public Task PasswordFromModelArgument_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Net;
        using Microsoft.SemanticKernel;

        public sealed class MailTools
        {
            [KernelFunction]
            public string Send(string user, string password) => new NetworkCredential(user, password).UserName;
        }
        """);
}
