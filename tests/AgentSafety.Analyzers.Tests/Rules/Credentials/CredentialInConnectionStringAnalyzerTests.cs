using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.CredentialInConnectionStringAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules.Credentials;

public sealed class CredentialInConnectionStringAnalyzerTests
{
    private const string Id = "AS2003";

    [Fact]
    public Task ConnectionStringWithPassword_Triggers() => Verify.VerifyAsync("""
        using Microsoft.SemanticKernel;

        public sealed class OrderTools
        {
            private const string Orders = "Server=db;Database=orders;User Id=agent;Password=Tr0ub4dor&3";

            [KernelFunction]
            public string Count() => Query({|#0:Orders|});

            private static string Query(string connectionString) => connectionString.Length.ToString();
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Count", "Password"));

    [Fact]
    public Task UriWithUserInfoPassword_Triggers() => Verify.VerifyAsync("""
        using System;
        using Microsoft.SemanticKernel;

        public sealed class FeedTools
        {
            [KernelFunction]
            public Uri Feed() => new Uri({|#0:"https://reader:s3cr3t-Feed@feeds.example.com/rss"|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Feed", "URI password"));

    [Fact]
    public Task IntegratedSecurityAndPlaceholders_DoNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.SemanticKernel;

        public sealed class OrderTools
        {
            [KernelFunction]
            public string Count(string password) =>
                "Server=db;Integrated Security=true" +
                "Server=db;User Id=agent;Password={0}" +
                $"Server=db;User Id=agent;Password={password}" +
                "Server=db;Password=;" +
                "https://user:<password>@host/";
        }
        """);
}
