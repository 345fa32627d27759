using System;
using System.Collections.Immutable;
using System.Linq;
using AgentSafety.Analyzers.Approvals;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS3001: a tool whose MCP hints say destructive, or whose name or description says it deletes, pays, trades,
/// sends to many or runs shell commands, requires no human approval.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CriticalActionWithoutApprovalAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property carrying the binding message the code fix puts in <c>[RequiresApproval]</c>.</summary>
    public const string BindingMessageProperty = "BindingMessage";


    private static readonly ImmutableHashSet<string> ConfirmationNames = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "confirm", "confirmed", "approve", "approved", "force", "iAmSure", "sure");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.CriticalActionWithoutApproval,
        title: "Critical agent tool runs without approval",
        messageFormat: "Agent tool '{0}' {1} but requires no approval{2}; add [RequiresApproval] so the user " +
            "confirms each call",
        RuleCategories.Approval,
        DiagnosticSeverity.Warning,
        description: "A tool that deletes data, moves money, trades, messages many people or runs commands should " +
            "not run on the model's word alone: a prompt injection can trigger it. Human approval through " +
            "[RequiresApproval] (OpenID CIBA) puts a person between the model and the action.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(ToolAnalysisExtensions.GeneratedCodeFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { } tools)
                return;

            var approvalWrapper = tools.ApprovalRequiredAIFunction;
            start.RegisterToolAction(tools, context => AnalyzeTool(context, approvalWrapper));
        });
    }

    private static void AnalyzeTool(ToolAnalysisContext context, INamedTypeSymbol? approvalWrapper)
    {
        var tool = context.Tool;
        if (tool.Declaration.Approval is not null || IsWrappedForApproval(tool.Registration, approvalWrapper))
            return;

        // An attributed method handed to a factory is reported once, where it is declared.
        if (tool.Shape == ToolShape.FactoryTarget && tool.Method is { } target &&
            ToolRecognizer.GetAttributedShape(target, context.Tools) is not null)
        {
            return;
        }

        var (destructive, readOnly) = McpHints(tool, context.Tools);
        string reason;
        if (destructive)
        {
            reason = "is marked destructive by its MCP hints";
        }
        else if (readOnly)
        {
            return;
        }
        else
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tool.Location.SourceTree!);
            var words = CriticalActionWords.From(options);
            var nameMatch = words.Match(tool.Name ?? (tool.Symbol as IMethodSymbol)?.Name);
            var descriptionMatch = nameMatch is null ? words.Match(Description(tool)) : null;
            if (nameMatch is null && descriptionMatch is null)
                return;

            reason = nameMatch is not null
                ? $"mentions '{nameMatch}' in its name"
                : $"mentions '{descriptionMatch}' in its description";
        }

        var confirmation = tool.Method?.Parameters.FirstOrDefault(static p =>
            p.Type.SpecialType == SpecialType.System_Boolean && ConfirmationNames.Contains(p.Name));
        var note = confirmation is null
            ? ""
            : $" (parameter '{confirmation.Name}' is set by the model, so it is not an approval)";
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (tool.Method is { MethodKind: MethodKind.Ordinary } method && tool.IsInSource)
            properties = properties.Add(BindingMessageProperty, BindingMessage(tool.Name ?? method.Name, method));

        var name = tool.Name ?? "lambda";
        context.ReportDiagnostic(Diagnostic.Create(Rule, tool.Location, properties, name, reason, note));
    }

    private static (bool Destructive, bool ReadOnly) McpHints(AgentTool tool, ToolCompilationContext tools)
    {
        if (tool.Method is null || tools.McpServerToolAttribute is null)
            return (false, false);

        foreach (var attribute in tool.Method.GetAttributes())
        {
            if (!ToolCompilationContext.DerivesFrom(attribute.AttributeClass, tools.McpServerToolAttribute))
                continue;

            var destructive = false;
            var readOnly = false;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Destructive" && named.Value.Value is true)
                    destructive = true;
                else if (named.Key == "ReadOnly" && named.Value.Value is true)
                    readOnly = true;
            }

            return (destructive, readOnly);
        }

        return (false, false);
    }

    private static string? Description(AgentTool tool)
    {
        if (tool.Registration is { } registration)
        {
            foreach (var argument in registration.Arguments)
            {
                if (argument.Parameter?.Name == "description" &&
                    argument.Value.ConstantValue is { HasValue: true, Value: string text })
                {
                    return text;
                }
            }
        }

        foreach (var attribute in tool.Symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DescriptionAttribute" } type &&
                type.ToDisplayString() == WellKnownNames.DescriptionAttribute &&
                attribute.ConstructorArguments.Length == 1 &&
                attribute.ConstructorArguments[0].Value is string description)
            {
                return description;
            }
        }

        return null;
    }

    private static bool IsWrappedForApproval(IInvocationOperation? registration, INamedTypeSymbol? approvalWrapper)
    {
        if (registration is null || approvalWrapper is null)
            return false;

        var parent = registration.Parent;
        while (parent is IConversionOperation or IArgumentOperation)
            parent = parent.Parent;

        return parent is IObjectCreationOperation creation &&
            ToolCompilationContext.DerivesFrom(creation.Type, approvalWrapper);
    }

    // "DeleteRepository {owner} {name}": the approval request shows the user what the model asked for.
    private static string BindingMessage(string toolName, IMethodSymbol method)
    {
        var shown = method.Parameters
            .Where(static p => p.Type.SpecialType is not SpecialType.None || p.Type.TypeKind == TypeKind.Enum)
            .Where(static p => p.Type.SpecialType != SpecialType.System_Boolean)
            .Select(static p => "{" + p.Name + "}");
        return string.Join(" ", new[] { toolName }.Concat(shown));
    }
}
