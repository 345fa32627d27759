using System.Collections.Generic;
using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS3002: a delegated <c>AccessToken</c> leaves the call it was issued for: returned to the model, logged, stored
/// in a field or put in an exception message.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class DelegatedTokenEscapeAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.DelegatedTokenEscape,
        title: "Delegated token escapes the tool call",
        messageFormat: "The delegated token is {0}; use it only for the outgoing request it was issued for",
        RuleCategories.Credentials,
        DiagnosticSeverity.Error,
        description: "A delegated token acts as the signed-in user. Returned to the model it enters the " +
            "conversation (and any prompt injection can exfiltrate it); logged or put in an exception it lands in " +
            "log stores; kept in a field it outlives the call and serves the next user.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { AccessToken: not null } tools)
                return;

            var settings = new TracerSettings(tools, start.Compilation);

            // One callback per body, on the operation tree the compiler builds for every analyzer anyway; most bodies
            // hold no token and the walk finds nothing to follow.
            start.RegisterOperationBlockAction(block =>
            {
                HashSet<TextSpan>? reported = null;
                var tracer = new TokenTracer(settings, block.OwningSymbol, (value, how) =>
                {
                    if ((reported ??= new HashSet<TextSpan>()).Add(value.Syntax.Span))
                        block.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), how));
                });
                foreach (var root in block.OperationBlocks)
                    tracer.VisitTree(root);
            });
        });
    }
}
