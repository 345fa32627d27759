using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// Walks the operation blocks of one method once and records its credential evidence and its calls into source,
/// keyed by the method, lambda or local function each piece sits in. Evidence is recorded whether or not a tool
/// reaches it; reachability is decided at compilation end.
/// </summary>
internal sealed class CredentialWalker
{
    private readonly ValueClassifier _values = new();
    private readonly Dictionary<MethodKey, MethodFacts> _facts = new();
    private readonly List<(ValueOrigin Origin, MethodKey Owner)> _reads = new();
    private readonly HashSet<IOperation> _readsFeedingPasswords = new();
    private readonly HashSet<IOperation> _readsFeedingSinks = new();

    /// <summary>The facts found, per method, lambda and local function.</summary>
    public IReadOnlyDictionary<MethodKey, MethodFacts> Facts => _facts;

    public void Walk(IEnumerable<IOperation> blocks, MethodKey owner, string name)
    {
        FactsOf(owner).Name = name;
        var bodies = new List<IOperation>();
        foreach (var block in blocks)
        {
            // Attribute arguments such as [Description("...")] are text, never a credential in use.
            if (block.Kind == OperationKind.Attribute)
                continue;

            _values.AddBlock(block);
            bodies.Add(block);
        }

        foreach (var body in bodies)
            Visit(body, owner);

        FinishReads();
    }

    private void Visit(IOperation operation, MethodKey owner)
    {
        switch (operation)
        {
            case IAnonymousFunctionOperation lambda:
                VisitNested(lambda.Symbol, lambda, owner);
                return;
            case ILocalFunctionOperation local:
                VisitNested(local.Symbol, local, owner);
                return;
            case INameOfOperation:
                return;
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }:
                CheckText(text, operation, owner);
                break;
            case IFieldReferenceOperation field when field.Field.Type.SpecialType == SpecialType.System_String &&
                !IsAssignmentTarget(field):
                if (ValueClassifier.ReadonlyFieldLiteral(field.Field) is { } fieldText)
                    CheckText(fieldText, operation, owner);
                break;
            case IInvocationOperation invocation:
                CheckArguments(invocation.Arguments, invocation.TargetMethod, owner);
                AddRead(invocation, owner);
                AddCallee(invocation.TargetMethod, owner);
                break;
            case IObjectCreationOperation creation when creation.Constructor is { } constructor:
                CheckArguments(creation.Arguments, constructor, owner);
                AddCallee(constructor, owner);
                break;
            case IPropertyReferenceOperation property:
                AddRead(property, owner);
                if (!IsAssignmentTarget(property))
                    AddCallee(property.Property.GetMethod, owner);
                break;
            case ISimpleAssignmentOperation assignment:
                CheckAssignment(assignment, owner);
                break;
        }

        foreach (var child in operation.ChildOperations)
            Visit(child, owner);
    }

    private void VisitNested(IMethodSymbol symbol, IOperation nested, MethodKey owner)
    {
        if (MethodKey.From(symbol) is not { } key)
            return;

        FactsOf(owner).Callees.Add(key);
        FactsOf(key).Name = symbol.MethodKind == MethodKind.LocalFunction ? symbol.Name : "lambda";
        foreach (var child in nested.ChildOperations)
            Visit(child, key);
    }

    private void CheckText(string text, IOperation operation, MethodKey owner)
    {
        if (SecretFormats.Find(text) is { } format)
        {
            var whole = format.Pattern.Match(text).Length == text.Length;
            Add(owner, new CredentialFinding(
                CredentialFindingKind.HardcodedCredential, operation.Syntax.GetLocation(), format.Description, null,
                format.Connection, whole));
            return;
        }

        if (EmbeddedCredentials.Find(text) is { } part)
        {
            Add(owner, new CredentialFinding(
                CredentialFindingKind.EmbeddedCredential, operation.Syntax.GetLocation(), part, null, null, false));
        }
    }

    private void CheckArguments(
        System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, IMethodSymbol method, MethodKey owner)
    {
        foreach (var argument in arguments)
        {
            var sink = CredentialSinks.ForArgument(argument, method);
            if (sink.Kind != SinkKind.None)
                CheckSinkValue(sink, argument.Value, owner);
        }
    }

    private void CheckAssignment(ISimpleAssignmentOperation assignment, MethodKey owner)
    {
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
        var origin = _values.Classify(value);
        switch (origin.Kind)
        {
            case ValueOriginKind.Literal when !BenignValues.IsBenign(origin.Text) &&
                SecretFormats.Find(origin.Text!) is null && EmbeddedCredentials.Find(origin.Text!) is null:
                var replaceable = sink.Kind == SinkKind.Secret && IsPlainConstant(value);
                Add(owner, new CredentialFinding(
                    CredentialFindingKind.HardcodedCredential, value.Syntax.GetLocation(),
                    "credential in " + sink.Description, null, null, replaceable));
                break;
            case ValueOriginKind.Environment or ValueOriginKind.Configuration when sink.Kind == SinkKind.Password:
                _readsFeedingPasswords.Add(origin.Read!);
                Add(owner, new CredentialFinding(
                    CredentialFindingKind.PasswordAuthentication, value.Syntax.GetLocation(), sink.Description,
                    origin.SourceDescription, null, false));
                break;
            case ValueOriginKind.Environment or ValueOriginKind.Configuration:
                _readsFeedingSinks.Add(origin.Read!);
                break;
        }
    }

    private void AddRead(IOperation operation, MethodKey owner)
    {
        var origin = SecretReads.Recognize(operation);
        if (origin.IsAmbientSecret)
            _reads.Add((origin, owner));
    }

    private void FinishReads()
    {
        foreach (var (origin, owner) in _reads)
        {
            var read = origin.Read!;
            if (_readsFeedingPasswords.Contains(read) || IsPresenceCheck(read))
                continue;

            var named = origin.Kind == ValueOriginKind.Environment
                ? CredentialWords.IsSecretVariable(origin.Text!)
                : CredentialWords.Classify(origin.Text) != CredentialNameKind.None;
            if (named || _readsFeedingSinks.Contains(read))
            {
                Add(owner, new CredentialFinding(
                    CredentialFindingKind.SecretFromEnvironment, read.Syntax.GetLocation(), origin.Text!,
                    origin.SourceDescription, null, false));
            }
        }
    }

    private void AddCallee(IMethodSymbol? method, MethodKey owner)
    {
        if (MethodKey.From(method) is { } key && !key.Equals(owner))
            FactsOf(owner).Callees.Add(key);
    }

    private void Add(MethodKey owner, CredentialFinding finding) => FactsOf(owner).Findings.Add(finding);

    private MethodFacts FactsOf(MethodKey key)
    {
        if (!_facts.TryGetValue(key, out var facts))
        {
            facts = new MethodFacts();
            _facts.Add(key, facts);
        }

        return facts;
    }

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

    private static bool IsPlainConstant(IOperation value)
    {
        while (value is IConversionOperation conversion)
            value = conversion.Operand;

        return value is ILiteralOperation or IFieldReferenceOperation;
    }

    private static bool IsAssignmentTarget(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;
}
