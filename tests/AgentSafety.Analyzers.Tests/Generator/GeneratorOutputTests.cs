using System.Reflection;
using AgentSafety.Analyzers.Common;
using AgentSafety.Analyzers.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentSafety.Analyzers.Tests.Generator;

public sealed class GeneratorOutputTests
{
    private const string Trading = """
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using AgentSafety;

        namespace Shop;

        public sealed partial class TradingTools
        {
            [Description("Buy shares of a listed company for the signed-in user")]
            [RequiresRelation("can_buy", "asset", nameof(ticker))]
            [RequiresApproval("Buy {qty} {ticker}")]
            public Task<string> BuyStock(string ticker, int qty, CancellationToken ct) => Task.FromResult("ok");

            [RequiresPermission("calendar:read")]
            public bool IsFree(
                System.DateTimeOffset at,
                [DelegatedToken("google-oauth2", "https://www.googleapis.com/auth/calendar")] AccessToken google)
                => true;
        }
        """;

    /// <summary>
    /// Compares the generated file with the checked-in baseline. Set AGENTSAFETY_UPDATE_BASELINES=1 to rewrite the
    /// baseline after an intended change, then review the diff.
    /// </summary>
    [Fact]
    public void TradingTools_MatchesBaseline()
    {
        var run = GeneratorHarness.Run(Trading);
        var generated = Assert.Single(run.GeneratedSources)
            .Replace($"\"{GeneratorInfo.Version}\"", "\"%VERSION%\"", StringComparison.Ordinal);
        var baseline = Path.Combine(SourceDirectory(), "Baselines", "TradingTools.GuardedTools.g.cs.txt");

        if (Environment.GetEnvironmentVariable("AGENTSAFETY_UPDATE_BASELINES") == "1")
            File.WriteAllText(baseline, generated);

        Assert.Empty(run.Errors);
        Assert.Equal(File.ReadAllText(baseline), generated);
    }

    [Fact]
    public void NonPartialType_GeneratesNothingAndDoesNotCrash()
    {
        var run = GeneratorHarness.Run("""
            using AgentSafety;
            public class Tools
            {
                [RequiresPermission("x")] public string Run(string input) => input;
            }
            """);

        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Errors);
    }

    [Fact]
    public void RelationOnMissingParameter_GeneratesNothingAndDoesNotCrash()
    {
        var run = GeneratorHarness.Run("""
            using AgentSafety;
            public partial class Tools
            {
                [RequiresRelation("viewer", "doc", "documentId")] public string Read(string id) => id;
            }
            """);

        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("public partial class Tools { [AgentSafety.RequiresPermission(\"x\")] public string Run(string a) => ")]
    [InlineData("public partial class Tools { [AgentSafety.RequiresRelation(\"v\", \"doc\", ] public void Run(")]
    [InlineData("public partial class { [AgentSafety.RequiresPermission(null)] public int Run(UnknownType t) => 1; }")]
    [InlineData("partial class T<X> { [AgentSafety.RequiresApproval(\"R {a}\")] public X Run(X a, ref int b) => a; }")]
    public void MalformedSource_NeverCrashesTheGenerator(string source)
    {
        var run = GeneratorHarness.Run(source);

        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "CS8785");
        Assert.All(run.Driver.GetRunResult().Results, result => Assert.Null(result.Exception));
    }

    [Fact]
    public void GenericContainingType_GeneratesCompilableTools()
    {
        var run = GeneratorHarness.Run("""
            using AgentSafety;
            namespace Outer;
            public static partial class Holder
            {
                public partial class Tools<T>
                {
                    [RequiresPermission("x")] public string Run(string input) => input;
                    [RequiresPermission("x")] public string Run(string input, int times) => input;
                }
            }
            """);

        Assert.Single(run.GeneratedSources);
        Assert.Empty(run.Errors);
    }

    [Fact]
    public void UnrelatedEdit_LeavesToolModelsCached()
    {
        var first = GeneratorHarness.Run(Trading);
        var edited = first.Output.SyntaxTrees.First();
        var compilation = GeneratorHarness.Compile(Trading)
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions));

        var second = first.Driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var steps = second.TrackedSteps[GeneratorInfo.TypeModelStep];
        Assert.All(
            steps.SelectMany(step => step.Outputs),
            output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step output was {output.Reason}"));
        Assert.NotNull(edited);
    }

    [Fact]
    public void MeaningfulEdit_ModifiesOutput()
    {
        var first = GeneratorHarness.Run(Trading);
        var compilation = GeneratorHarness.Compile(Trading.Replace("can_buy", "can_trade", StringComparison.Ordinal));

        var second = first.Driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps[GeneratorInfo.TypeModelStep].SelectMany(step => step.Outputs)
            .Select(output => output.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
    }

    [Fact]
    public void Models_HoldNoSymbolsOrSyntax()
    {
        var forbidden = new[]
        {
            typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(Location), typeof(SyntaxTree),
        };
        var visited = new HashSet<Type>();

        Walk(typeof(GuardedTypeModel));

        void Walk(Type type)
        {
            if (!visited.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
                return;

            Assert.DoesNotContain(forbidden, bad => bad.IsAssignableFrom(type));
            var members = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(field => field.FieldType);
            foreach (var member in members.Concat(type.IsGenericType ? type.GetGenericArguments() : []))
                Walk(member);
        }
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;
}
