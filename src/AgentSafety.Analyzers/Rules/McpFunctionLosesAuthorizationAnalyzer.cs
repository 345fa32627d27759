using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS1006: <c>McpServerTool.Create(AIFunction)</c> given a function made from a method with <c>[Authorize]</c>,
/// without options that carry the attribute as metadata.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class McpFunctionLosesAuthorizationAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.McpFunctionLosesAuthorization,
        title: "MCP tool created from an AIFunction loses its [Authorize]",
        messageFormat: "McpServerTool.Create(AIFunction) drops the ASP.NET authorization attributes of '{0}'; " +
            "create the tool from the method, or pass them in McpServerToolCreateOptions.Metadata",
        RuleCategories.Authorization,
        DiagnosticSeverity.Warning,
        description: "MCP's authorization filters read [Authorize] and [AllowAnonymous] from a tool's metadata. " +
            "McpServerTool.Create copies them from a method or delegate, but an AIFunction carries no attributes, " +
            "so a tool built from AIFunctionFactory.Create(method) reaches the filters with no authorization at all.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(ToolAnalysisExtensions.GeneratedCodeFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { McpServerTool: not null } tools ||
                tools.AIFunction is null)
            {
                return;
            }

            start.RegisterTreeToolsAction(tools, context =>
            {
                foreach (var call in context.Found.FactoryCalls)
                    Analyze(context, call, tools);
            });
        });
    }

    private static void Analyze(
        TreeToolsAnalysisContext context,
        IInvocationOperation invocation,
        ToolCompilationContext tools)
    {
        if (ToolRecognizer.GetFactory(invocation.TargetMethod, tools) != ToolFactory.McpServerTool)
            return;

        IArgumentOperation? function = null;
        var optionsCarryMetadata = false;
        foreach (var argument in invocation.Arguments)
        {
            if (ToolCompilationContext.DerivesFrom(argument.Parameter?.Type, tools.AIFunction))
                function = argument;
            else if (argument.Parameter?.Type.Name == "McpServerToolCreateOptions")
                optionsCarryMetadata = MayCarryMetadata(argument.Value);
        }

        if (function is null || optionsCarryMetadata ||
            FactoryCall(function.Value, context.CancellationToken) is not { } factoryCall ||
            ToolRecognizer.FromFactoryCall(factoryCall, tools) is not { Method: { } method } tool ||
            !tool.Declaration.HasAspNetAuthorization)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, function.Value.Syntax.GetLocation(), method.Name));
    }

    // The function argument itself, or a local initialised with it, when it is an AIFunctionFactory call.
    private static IInvocationOperation? FactoryCall(IOperation value, System.Threading.CancellationToken token)
    {
        var unwrapped = ToolRecognizer.Unwrap(value);
        if (unwrapped is ILocalReferenceOperation { Local: var local } reference &&
            local.DeclaringSyntaxReferences.Length == 1 &&
            local.DeclaringSyntaxReferences[0].GetSyntax(token) is
                VariableDeclaratorSyntax { Initializer.Value: { } initializer } &&
            reference.SemanticModel is { } model &&
            initializer.SyntaxTree == model.SyntaxTree)
        {
            unwrapped = ToolRecognizer.Unwrap(model.GetOperation(initializer, token));
        }

        return unwrapped as IInvocationOperation;
    }

    // Options built elsewhere may carry metadata; only options absent, null, or created here without Metadata
    // are known not to.
    private static bool MayCarryMetadata(IOperation options)
    {
        var unwrapped = ToolRecognizer.Unwrap(options);
        if (unwrapped is null || unwrapped.ConstantValue is { HasValue: true, Value: null } || unwrapped.IsImplicit)
            return false;

        if (unwrapped is not IObjectCreationOperation creation)
            return true;

        if (creation.Initializer is null)
            return false;

        foreach (var initializer in creation.Initializer.Initializers)
        {
            var member = initializer switch
            {
                ISimpleAssignmentOperation assignment => assignment.Target,
                IMemberInitializerOperation nested => nested.InitializedMember,
                _ => null,
            };
            if (member is IPropertyReferenceOperation { Property.Name: "Metadata" })
                return true;
        }

        return false;
    }
}
