using System.Collections.Immutable;
using System.Reflection;
using AgentSafety.Analyzers.Rules;
using AgentSafety.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Tests.Rules;

/// <summary>
/// Runs every analyzer of this assembly over code that does not compile, the state code is in while it is typed,
/// and checks that none of them throws (which the compiler would report as AD0001).
/// </summary>
public sealed class BrokenInputTests
{
    private const string BrokenSource = """
        using System;
        using System.Security.Claims;
        using AgentSafety;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using ModelContextProtocol.Server;

        public class Tools
        {
            [RequiresPermission(Missing)]
            [RequiresRelation("can_buy", null, nameof(nothing))]
            [RequiresRelation("can_buy")]
            [RequiresApproval(null)]
            [RequiresApproval("{")]
            public string Buy(string ticker, [DelegatedToken] UnknownType token, ref int count) => ticker;

            [KernelFunction(]
            public string Broken(string userId { if (userId == ) return; }

            [McpServerTool(Name = 42), Authorize(Roles = )]
            public static string Drop(ClaimsPrincipal user, [FromKeyedServices] string role) => role is "admin" ? "" :

            public AIFunction[] Create() =>
            [
                AIFunctionFactory.Create(),
                AIFunctionFactory.Create(Buy, name: 42),
                AIFunctionFactory.Create(typeof(Tools).GetMethod(null)),
                AIFunctionFactory.Create(typeof(Missing).GetMethod("Buy")),
                AIFunctionFactory.Create((x) => x),
                AIFunctionFactory.Create(delegate { }),
                McpServerTool.Create(AIFunctionFactory.Create(Drop), new McpServerToolCreateOptions { Metadata = }),
            ];
        }

        public sealed class Half : AIFunction
        {
            protected override
        }

        [PublicTool]
        public partial class Partial<T> where T : Missing
        {
            [RequiresPermission("")]
            public T Echo<TOther>(T value, [DelegatedToken("c", null)] AccessToken token) => value;
        }
        """;

    [Fact]
    public async Task EveryAnalyzerOnBrokenCode_NeverThrows()
    {
        var analyzers = typeof(ToolWithoutAuthorizationAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Where(type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        var compilation = CSharpCompilation.Create(
            "Broken",
            [CSharpSyntaxTree.ParseText(BrokenSource)],
            TestReferences.Assemblies,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.True(analyzers.Length >= 15, $"only {analyzers.Length} analyzers were found");
        Assert.Empty(failures);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
        Assert.Contains(diagnostics, diagnostic => diagnostic.Id.StartsWith("AS", StringComparison.Ordinal));
    }
}
