using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgentSafety.Analyzers.Common;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.Generator;

/// <summary>
/// Generates, for every method that carries AgentSafety requirement attributes, an <c>AIFunction</c> that runs the
/// guard before the method, and a <c>CreateGuardedTools(ToolGuard)</c> factory on the method's type.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GuardedToolGenerator : IIncrementalGenerator
{
    private static readonly string[] s_triggers =
    [
        WellKnownNames.RequiresPermissionAttribute,
        WellKnownNames.RequiresRelationAttribute,
        WellKnownNames.RequiresApprovalAttribute,
    ];

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var perTrigger = s_triggers.Select(trigger => context.SyntaxProvider
            .ForAttributeWithMetadataName(
                trigger,
                static (node, _) => node is MethodDeclarationSyntax,
                static (attributed, token) => GuardedToolParser.Parse(
                    (IMethodSymbol)attributed.TargetSymbol, attributed.SemanticModel.Compilation, token))
            .Where(static model => model is not null)
            .WithTrackingName(GeneratorInfo.ToolModelStep)
            .Collect());

        var all = perTrigger.Aggregate((left, right) => left.Combine(right)
            .Select(static (pair, _) => pair.Left.AddRange(pair.Right)));

        var types = all
            .SelectMany(static (tools, _) => GroupByType(tools!))
            .WithTrackingName(GeneratorInfo.TypeModelStep);

        context.RegisterSourceOutput(types, static (output, model) =>
            output.AddSource(model.Type.HintName, GuardedToolEmitter.Emit(model)));
    }

    // A method with several requirement attributes arrives once per attribute kind; keep one model per method and
    // give overloads distinct class names, so the output is the same whatever order the triggers fire in.
    private static ImmutableArray<GuardedTypeModel> GroupByType(ImmutableArray<GuardedToolModel?> tools)
    {
        return tools
            .Where(tool => tool is not null)
            .Select(tool => tool!)
            .Distinct()
            .GroupBy(tool => tool.ContainingType)
            .OrderBy(group => group.Key.FullyQualifiedName, System.StringComparer.Ordinal)
            .Select(group => new GuardedTypeModel(group.Key, NameClasses(group).ToEquatableArray()))
            .ToImmutableArray();
    }

    private static IEnumerable<GuardedToolModel> NameClasses(IEnumerable<GuardedToolModel> tools)
    {
        var ordered = tools
            .OrderBy(tool => tool.MethodName, System.StringComparer.Ordinal)
            .ThenBy(tool => tool.JsonSchema, System.StringComparer.Ordinal)
            .ToList();
        var seen = new Dictionary<string, int>();
        foreach (var tool in ordered)
        {
            seen.TryGetValue(tool.MethodName, out var count);
            seen[tool.MethodName] = count + 1;
            yield return count == 0
                ? tool
                : tool with { FunctionClassName = tool.MethodName + (count + 1) + "GuardedFunction" };
        }
    }
}
