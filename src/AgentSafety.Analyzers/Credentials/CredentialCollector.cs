using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// Records credential evidence and calls into source, one operation at a time, keyed by the method, lambda or local
/// function each sits in. It runs on operation actions, which the compiler dispatches by kind over operation trees
/// it builds anyway, rather than walking every method body itself. Evidence is recorded whether or not a tool
/// reaches it; reachability is decided at compilation end.
/// </summary>
internal sealed class CredentialCollector
{
    // Calls, constructors and nested functions give the call graph every rule needs; each rule adds only the kinds
    // its evidence comes from, because every kind costs a callback per operation in every compilation.
    private static readonly ImmutableArray<OperationKind> CallGraphKinds = ImmutableArray.Create(
        OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.AnonymousFunction,
        OperationKind.LocalFunction);

    /// <summary>The operation kinds the collector for <paramref name="kind"/> looks at.</summary>
    public static ImmutableArray<OperationKind> KindsFor(CredentialFindingKind kind) => kind switch
    {
        CredentialFindingKind.HardcodedCredential => CallGraphKinds.AddRange(
            new[] { OperationKind.Literal, OperationKind.FieldReference, OperationKind.SimpleAssignment }),
        CredentialFindingKind.EmbeddedCredential => CallGraphKinds.AddRange(
            new[] { OperationKind.Literal, OperationKind.FieldReference }),
        CredentialFindingKind.SecretFromEnvironment => CallGraphKinds.AddRange(
            new[] { OperationKind.PropertyReference, OperationKind.SimpleAssignment }),
        _ => CallGraphKinds.Add(OperationKind.SimpleAssignment),
    };

    private readonly CredentialFindingKind _kind;
    private readonly ConcurrentDictionary<(SyntaxTree, TextSpan), byte> _readsFeedingPasswords = new();
    private readonly ConcurrentDictionary<(SyntaxTree, TextSpan), byte> _readsFeedingSinks = new();

    public CredentialCollector(CredentialFindingKind kind) => _kind = kind;

    /// <summary>The facts found, per method, lambda and local function.</summary>
    public ConcurrentDictionary<MethodKey, MethodFacts> Facts { get; } = new();

    public void Collect(OperationAnalysisContext context)
    {
        var operation = context.Operation;
        switch (operation)
        {
            case IAnonymousFunctionOperation lambda:
                AddNested(lambda.Symbol, lambda, context.ContainingSymbol);
                return;
            case ILocalFunctionOperation local:
                AddNested(local.Symbol, local, context.ContainingSymbol);
                return;
        }

        if (Owner(operation, context.ContainingSymbol) is not { } owner)
            return;

        switch (operation)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }
                when _kind is CredentialFindingKind.HardcodedCredential or CredentialFindingKind.EmbeddedCredential &&
                    !IsInNameOf(operation):
                CheckText(text, operation, owner);
                break;
            case IFieldReferenceOperation field
                when _kind is CredentialFindingKind.HardcodedCredential or CredentialFindingKind.EmbeddedCredential &&
                    field.Field.Type.SpecialType == SpecialType.System_String && !IsAssignmentTarget(field):
                if (ValueClassifier.ReadonlyFieldLiteral(field.Field) is { } fieldText)
                    CheckText(fieldText, operation, owner);
                break;
            case IInvocationOperation invocation:
                AddCallee(invocation.TargetMethod, owner);
                CheckArguments(invocation.Arguments, invocation.TargetMethod, owner);
                AddRead(invocation, owner);
                break;
            case IObjectCreationOperation creation when creation.Constructor is { } constructor:
                AddCallee(constructor, owner);
                CheckArguments(creation.Arguments, constructor, owner);
                break;
            case IPropertyReferenceOperation property:
                AddRead(property, owner);
                break;
            case ISimpleAssignmentOperation assignment:
                CheckAssignment(assignment, owner);
                break;
        }
    }

    /// <summary>True when the environment or configuration <paramref name="read"/> should be reported.</summary>
    public bool IsReportableRead(CredentialFinding read)
    {
        var key = (read.Location.SourceTree!, read.Location.SourceSpan);
        return !_readsFeedingPasswords.ContainsKey(key) && (read.IsNamedSecret || _readsFeedingSinks.ContainsKey(key));
    }

    private void AddNested(IMethodSymbol symbol, IOperation nested, ISymbol containing)
    {
        if (MethodKey.From(symbol) is not { } key || Owner(nested, containing) is not { } owner)
            return;

        FactsOf(key).Name = symbol.MethodKind == MethodKind.LocalFunction ? symbol.Name : "lambda";
        AddEdge(owner, key);
    }

    private void CheckText(string text, IOperation operation, MethodKey owner)
    {
        if (SecretFormats.Find(text) is { } format)
        {
            if (_kind != CredentialFindingKind.HardcodedCredential)
                return;

            var whole = format.Pattern.Match(text).Length == text.Length;
            Add(owner, new CredentialFinding(
                CredentialFindingKind.HardcodedCredential, operation.Syntax.GetLocation(), format.Description, null,
                format.Connection, whole));
            return;
        }

        if (_kind == CredentialFindingKind.EmbeddedCredential && EmbeddedCredentials.Find(text) is { } part)
        {
            Add(owner, new CredentialFinding(
                CredentialFindingKind.EmbeddedCredential, operation.Syntax.GetLocation(), part, null, null, false));
        }
    }

    private void CheckArguments(ImmutableArray<IArgumentOperation> arguments, IMethodSymbol method, MethodKey owner)
    {
        if (_kind == CredentialFindingKind.EmbeddedCredential)
            return;

        foreach (var argument in arguments)
        {
            var sink = CredentialSinks.ForArgument(argument, method);
            if (sink.Kind != SinkKind.None)
                CheckSinkValue(sink, argument.Value, owner);
        }
    }

    private void CheckAssignment(ISimpleAssignmentOperation assignment, MethodKey owner)
    {
        if (_kind == CredentialFindingKind.EmbeddedCredential)
            return;

        var sink = assignment.Target switch
        {
            IPropertyReferenceOperation property => CredentialSinks.ForMember(property.Property, property.Type!),
            IFieldReferenceOperation field => CredentialSinks.ForMember(field.Field, field.Type!),
            _ => default,
        };
        if (sink.Kind != SinkKind.None)
            CheckSinkValue(sink, assignment.Value, owner);
    }

    private void CheckSinkValue(CredentialSink sink, IOperation value, MethodKey owner)
    {
        var origin = ValueClassifier.ForOperation(value).Classify(value);
        switch (origin.Kind)
        {
            case ValueOriginKind.Literal when _kind == CredentialFindingKind.HardcodedCredential &&
                !BenignValues.IsBenign(origin.Text) && SecretFormats.Find(origin.Text!) is null &&
                EmbeddedCredentials.Find(origin.Text!) is null:
                var replaceable = sink.Kind == SinkKind.Secret && IsPlainConstant(value);
                Add(owner, new CredentialFinding(
                    CredentialFindingKind.HardcodedCredential, value.Syntax.GetLocation(),
                    "credential in " + sink.Description, null, null, replaceable));
                break;
            case ValueOriginKind.Environment or ValueOriginKind.Configuration when sink.Kind == SinkKind.Password:
                _readsFeedingPasswords.TryAdd(Key(origin.Read!), 0);
                if (_kind == CredentialFindingKind.PasswordAuthentication)
                {
                    Add(owner, new CredentialFinding(
                        CredentialFindingKind.PasswordAuthentication, value.Syntax.GetLocation(), sink.Description,
                        origin.SourceDescription, null, false));
                }

                break;
            case ValueOriginKind.Environment or ValueOriginKind.Configuration:
                _readsFeedingSinks.TryAdd(Key(origin.Read!), 0);
                break;
        }
    }

    private void AddRead(IOperation operation, MethodKey owner)
    {
        if (_kind != CredentialFindingKind.SecretFromEnvironment)
            return;

        var origin = SecretReads.Recognize(operation);
        if (!origin.IsAmbientSecret || IsPresenceCheck(operation))
            return;

        var named = origin.Kind == ValueOriginKind.Environment
            ? CredentialWords.IsSecretVariable(origin.Text!)
            : CredentialWords.Classify(origin.Text) != CredentialNameKind.None;
        Add(owner, new CredentialFinding(
            CredentialFindingKind.SecretFromEnvironment, operation.Syntax.GetLocation(), origin.Text!,
            origin.SourceDescription, null, false, isNamedSecret: named));
    }

    private void AddCallee(IMethodSymbol? method, MethodKey owner)
    {
        if (MethodKey.From(method) is { } key && !key.Equals(owner))
            AddEdge(owner, key);
    }

    private void AddEdge(MethodKey owner, MethodKey callee)
    {
        var facts = FactsOf(owner);
        lock (facts)
            facts.Callees.Add(callee);
    }

    private void Add(MethodKey owner, CredentialFinding finding)
    {
        var facts = FactsOf(owner);
        lock (facts)
            facts.Findings.Add(finding);
    }

    private MethodFacts FactsOf(MethodKey key) => Facts.GetOrAdd(key, static _ => new MethodFacts());

    // The lambda or local function an operation sits in, or else the member being analyzed. Attribute arguments
    // such as [Description("...")] are text, never a credential in use, so they have no owner.
    private MethodKey? Owner(IOperation operation, ISymbol containing)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Kind == OperationKind.Attribute)
                return null;

            switch (parent)
            {
                case IAnonymousFunctionOperation lambda:
                    return MethodKey.From(lambda.Symbol);
                case ILocalFunctionOperation local:
                    return MethodKey.From(local.Symbol);
            }
        }

        if (containing is not IMethodSymbol method || MethodKey.From(method) is not { } key)
            return null;

        var facts = FactsOf(key);
        facts.Name ??= method.Name;
        return key;
    }

    private static (SyntaxTree, TextSpan) Key(IOperation operation) =>
        (operation.Syntax.SyntaxTree, operation.Syntax.Span);

    // Checking whether a secret is configured is not using it.
    private static bool IsPresenceCheck(IOperation read)
    {
        var parent = read.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
            parent = parent.Parent;

        return parent switch
        {
            IBinaryOperation binary => binary.LeftOperand.ConstantValue is { HasValue: true, Value: null } ||
                binary.RightOperand.ConstantValue is { HasValue: true, Value: null },
            IIsPatternOperation => true,
            IArgumentOperation { Parent: IInvocationOperation call } =>
                call.TargetMethod.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace",
            _ => false,
        };
    }

    private static bool IsInNameOf(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is INameOfOperation)
                return true;
        }

        return false;
    }

    private static bool IsPlainConstant(IOperation value)
    {
        while (value is IConversionOperation conversion)
            value = conversion.Operand;

        return value is ILiteralOperation or IFieldReferenceOperation;
    }

    private static bool IsAssignmentTarget(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;
}
