using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentSafety.Analyzers.Tests.Generator;

/// <summary>
/// The generator computes each tool's JSON schema at compile time. These tests compile a set of tools, then ask
/// AIFunctionFactory for the schema of the same methods (minus the parameters the model never fills) and require
/// the two to be the same JSON.
/// </summary>
public sealed class JsonSchemaParityTests
{
    private const string Tools = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Security.Claims;
        using System.Threading;
        using System.Threading.Tasks;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        namespace Parity;

        public enum Side { Buy, Sell }

        public sealed record Order(string Ticker, int Quantity, Side Side);

        public static partial class Tools
        {
            [RequiresPermission("p")]
            public static Task<string> Primitives(
                string text, bool flag, byte b, short s, int i, long l, uint ui, ulong ul, float f, double d,
                decimal m, char c) => Task.FromResult("");

            [RequiresPermission("p")]
            public static void Optionals(
                [Description("the count")] int count = 5, string? name = null, bool flag = true, double ratio = 1.5,
                Side side = Side.Sell, string quoted = "say \"hi\" <b>", long negative = -3, char letter = 'x',
                float single = 1.25f, decimal money = 2.5m, Side? maybeSide = null, int? maybe = 7) { }

            [RequiresPermission("p")]
            public static void Nullables(string? a, Side? b, int? c, string d, DateTimeOffset? e) { }

            [RequiresPermission("p")]
            public static void Dates(
                DateTime a, DateTimeOffset b, TimeSpan c, Guid d, Uri e, DateOnly f, TimeOnly g) { }

            [RequiresPermission("p")]
            public static void Collections(
                string[] a, List<int> b, IEnumerable<string> c, IReadOnlyList<Side> d, Dictionary<string, int> e,
                int[]? f, object g, IDictionary<string, string[]> h) { }

            [RequiresPermission("p")]
            public static void Injected(
                [Description("the ticker")] string ticker, CancellationToken ct, AIFunctionArguments args,
                IServiceProvider services, ToolPrincipal user, ClaimsPrincipal claims,
                [DelegatedToken("github", "repo")] AccessToken token) { }

            [RequiresPermission("p")]
            [Description("Places an order")]
            public static ValueTask<int> PlaceOrderAsync(Order order, [Description("a note")] string note = "none") =>
                new(0);
        }
        """;

    public static TheoryData<string> MethodNames() =>
        ["Primitives", "Optionals", "Nullables", "Dates", "Collections", "Injected", "PlaceOrderAsync"];

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        var run = GeneratorHarness.Run(Tools);
        Assert.Empty(run.Errors);
        return GeneratorHarness.Load(run.Output);
    });

    [Theory]
    [MemberData(nameof(MethodNames))]
    public void GeneratedSchema_MatchesAIFunctionFactory(string methodName)
    {
        var type = s_assembly.Value.GetType("Parity.Tools", throwOnError: true)!;
        var method = type.GetMethod(methodName)!;
        var guard = new ToolGuard(new DefaultToolPrincipalAccessor(), Options.Create(new AgentSafetyOptions()));
        var tools = (IList<AITool>)type.GetMethod("CreateGuardedTools")!.Invoke(null, [guard])!;

        var expected = AIFunctionFactory.Create(method, target: null, new AIFunctionFactoryOptions
        {
            ConfigureParameterBinding = parameter => IsInjected(parameter)
                ? new AIFunctionFactoryOptions.ParameterBindingOptions { ExcludeFromSchema = true }
                : default,
        });
        var generated = tools.Cast<AIFunction>().Single(tool => tool.Name == expected.Name);

        Assert.Equal(expected.Description, generated.Description);
        var same = JsonNode.DeepEquals(
            JsonNode.Parse(expected.JsonSchema.GetRawText()),
            JsonNode.Parse(generated.JsonSchema.GetRawText()));
        Assert.True(same, $"expected {expected.JsonSchema}{Environment.NewLine}but got  {generated.JsonSchema}");
    }

    private static bool IsInjected(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(ToolPrincipal)
        || parameter.ParameterType == typeof(AccessToken)
        || parameter.ParameterType == typeof(System.Security.Claims.ClaimsPrincipal);
}
