using System.Collections.Generic;
using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS3002: a delegated <c>AccessToken</c> leaves the call it was issued for: returned to the model, logged, stored
/// in a field or put in an exception message.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DelegatedTokenEscapeAnalyzer : DiagnosticAnalyzer
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

            var exception = start.Compilation.GetTypeByMetadataName("System.Exception");
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is IMethodSymbol method)
                    new Walker(tools, exception, block.ReportDiagnostic).Walk(method, block.OperationBlocks);
            });
        });
    }

    private sealed class Walker
    {
        private readonly ToolCompilationContext _tools;
        private readonly INamedTypeSymbol? _exception;
        private readonly System.Action<Diagnostic> _report;
        private readonly HashSet<ILocalSymbol> _rawLocals = new(SymbolEqualityComparer.Default);

        public Walker(ToolCompilationContext tools, INamedTypeSymbol? exception, System.Action<Diagnostic> report)
        {
            _tools = tools;
            _exception = exception;
            _report = report;
        }

        public void Walk(IMethodSymbol method, ImmutableArray<IOperation> blocks)
        {
            // Two passes find locals that hold a raw token copied through another local.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var block in blocks)
                    CollectRawLocals(block);
            }

            foreach (var block in blocks)
                Visit(block, IsTool(method));
        }

        private void CollectRawLocals(IOperation block)
        {
            foreach (var operation in block.Descendants())
            {
                var (local, value) = operation switch
                {
                    IVariableDeclaratorOperation { Initializer: { } initializer } declarator =>
                        (declarator.Symbol, initializer.Value),
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment =>
                        (target.Local, assignment.Value),
                    _ => (null, null),
                };
                if (local is not null && value is not null && ContainsRawToken(value))
                    _rawLocals.Add(local);
            }
        }

        private void Visit(IOperation operation, bool inTool)
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation lambda:
                    var lambdaIsTool = IsTool(lambda.Symbol) || IsFactoryArgument(lambda);
                    foreach (var child in lambda.ChildOperations)
                        Visit(child, lambdaIsTool);
                    return;
                case ILocalFunctionOperation local:
                    foreach (var child in local.ChildOperations)
                        Visit(child, IsTool(local.Symbol));
                    return;
                case IReturnOperation { ReturnedValue: { } returned } when inTool &&
                    (ContainsRawToken(returned) || IsTokenObject(returned)):
                    Report(returned, "returned to the model");
                    break;
                case IInvocationOperation invocation when IsLogging(invocation.TargetMethod):
                    ReportArguments(invocation.Arguments, "logged");
                    break;
                case IObjectCreationOperation creation when ToolCompilationContext.DerivesFrom(creation.Type, _exception):
                    ReportArguments(creation.Arguments, "put in an exception message");
                    break;
                case ISimpleAssignmentOperation assignment when StoredMember(assignment.Target) is { } member &&
                    (ContainsRawToken(assignment.Value) || IsTokenObject(assignment.Value)):
                    Report(assignment.Value, $"stored in '{member}', where it outlives the call");
                    break;
            }

            foreach (var child in operation.ChildOperations)
                Visit(child, inTool);
        }

        private void ReportArguments(ImmutableArray<IArgumentOperation> arguments, string how)
        {
            foreach (var argument in arguments)
            {
                // A params array has no syntax of its own: report at the element that holds the token.
                var values = argument.ArgumentKind == ArgumentKind.ParamArray &&
                    argument.Value is IArrayCreationOperation { Initializer: { } initializer }
                    ? initializer.ElementValues
                    : ImmutableArray.Create(argument.Value);
                foreach (var value in values)
                {
                    if (ContainsRawToken(value))
                    {
                        Report(value, how);
                        return;
                    }
                }
            }
        }

        private void Report(IOperation value, string how) =>
            _report(Diagnostic.Create(Rule, value.Syntax.GetLocation(), how));

        private bool ContainsRawToken(IOperation operation)
        {
            if (IsRawToken(operation))
                return true;

            foreach (var descendant in operation.Descendants())
            {
                if (IsRawToken(descendant))
                    return true;
            }

            return false;
        }

        // The token's text: AccessToken.Value, or a local that holds it.
        private bool IsRawToken(IOperation operation) => operation switch
        {
            IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } =>
                ToolCompilationContext.Is(instance.Type, _tools.AccessToken),
            ILocalReferenceOperation local => _rawLocals.Contains(local.Local),
            _ => false,
        };

        private bool IsTokenObject(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
                operation = conversion.Operand;

            return ToolCompilationContext.Is(operation.Type, _tools.AccessToken);
        }

        // A tool the generator or a framework calls: attributed, or taking a [DelegatedToken] parameter.
        private bool IsTool(IMethodSymbol method)
        {
            if (ToolRecognizer.GetAttributedShape(method, _tools) is not null)
                return true;

            foreach (var parameter in method.Parameters)
            {
                foreach (var attribute in parameter.GetAttributes())
                {
                    if (ToolCompilationContext.Is(attribute.AttributeClass, _tools.DelegatedTokenAttribute))
                        return true;
                }
            }

            return false;
        }

        private bool IsFactoryArgument(IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation or IArgumentOperation)
                parent = parent.Parent;

            return parent is IInvocationOperation invocation &&
                ToolRecognizer.GetFactory(invocation.TargetMethod, _tools) != ToolFactory.None;
        }

        private static string? StoredMember(IOperation target) => target switch
        {
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property when property.Property.Locations.Length > 0 &&
                property.Property.Locations[0].IsInSource => property.Property.Name,
            _ => null,
        };

        private static bool IsLogging(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null)
                return false;

            var ns = type.ContainingNamespace?.ToDisplayString();
            if (ns == "Microsoft.Extensions.Logging")
                return true;

            if (ns == "System" && type.Name == "Console" && method.Name.StartsWith("Write", System.StringComparison.Ordinal))
                return true;

            if (ns == "System.Diagnostics" && type.Name is "Debug" or "Trace")
                return true;

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "LoggerMessageAttribute")
                    return true;
            }

            return false;
        }
    }
}
