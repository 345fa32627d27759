using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.SecretFromEnvironmentAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules.Credentials;

public sealed class SecretFromEnvironmentAnalyzerTests
{
    private const string Id = "AS2002";

    [Fact]
    public Task KnownSecretVariableUsedInTool_Triggers() => Verify.VerifyAsync("""
        using System;
        using System.Net.Http.Headers;
        using Microsoft.SemanticKernel;

        public sealed class IssueTools
        {
            [KernelFunction]
            public string Search(string query)
            {
                var token = {|#0:Environment.GetEnvironmentVariable("GITHUB_TOKEN")|};
                return new AuthenticationHeaderValue("Bearer", token) + query;
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Search", "GITHUB_TOKEN", "the environment"));

    [Fact]
    public Task ConfigurationKeyReadInHelper_Triggers() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;

        public sealed class Weather(IConfiguration configuration)
        {
            public string Forecast(string city) => city + Key();

            private string Key() => {|#0:configuration["OpenWeather:ApiKey"]|} ?? "";

            public AIFunction Create() => AIFunctionFactory.Create(Forecast);
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0)
            .WithArguments("Forecast' through 'Key", "OpenWeather:ApiKey", "configuration"));

    [Fact]
    public Task PresenceCheckAndNonSecretVariables_DoNotTrigger() => Verify.VerifyAsync("""
        using System;
        using Microsoft.SemanticKernel;

        public sealed class Tools
        {
            [KernelFunction]
            public string Status()
            {
                var configured = Environment.GetEnvironmentVariable("OPENAI_API_KEY") is not null;
                var region = Environment.GetEnvironmentVariable("AZURE_REGION");
                var maxTokens = Environment.GetEnvironmentVariable("MAX_TOKENS");
                var endpoint = Environment.GetEnvironmentVariable("TOKEN_ENDPOINT");
                return configured + region + maxTokens + endpoint;
            }
        }
        """);

    [Fact]
    public Task SecretReadOutsideAnyTool_DoesNotTrigger() => Verify.VerifyAsync("""
        using System;

        public static class Startup
        {
            public static string Key() => Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "";
        }
        """);
}
