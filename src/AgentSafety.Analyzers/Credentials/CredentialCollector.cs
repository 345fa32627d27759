using System.Collections.Generic;
using System.Collections.Immutable;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// Records the credential evidence and the calls into source of one member body (a method, accessor, constructor,
/// initializer or the top-level statements), keyed by the method, lambda or local function each sits in. Evidence of
/// all four rules is recorded in the one walk; which tool reaches it is decided by <see cref="CredentialAnalysis"/>.
/// </summary>
internal sealed class CredentialCollector
{
    // Most bodies read no secret, so these are made on the first read that feeds a sink.
    private HashSet<SyntaxKey>? _readsFeedingPasswords;
    private HashSet<SyntaxKey>? _readsFeedingSinks;

    private CredentialCollector()
    {
    }

    /// <summary>The facts found, per method, lambda and local function.</summary>
    public Dictionary<MethodKey, MethodFacts> Facts { get; } = new();

    /// <summary>
    /// Walks the operation blocks of one body, which belong to <paramref name="member"/> (null for a field or
    /// property initializer, where only lambdas own what they hold).
    /// </summary>
    public static IReadOnlyDictionary<MethodKey, MethodFacts> Collect(
        IReadOnlyList<IOperation> blocks, IMethodSymbol? member)
    {
        var collector = new CollectorWalk(new CredentialCollector());
        var owner = MethodKey.From(member);
        if (owner is { } key)
            collector.Collector.FactsOf(key).Name = member!.Name;

        foreach (var block in blocks)
            collector.Walk(block, owner);

        collector.Collector.DropUnreportableReads();
        return collector.Collector.Facts;
    }

    private void Inspect(IOperation operation, MethodKey owner, bool inNameOf)
    {
        switch (operation)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } when !inNameOf:
                CheckText(text, operation, owner);
                break;
            case IFieldReferenceOperation field
                when field.Field.Type.SpecialType == SpecialType.System_String && !IsAssignmentTarget(field):
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

    // An environment or configuration read is reported when its name says it is a secret or it feeds a credential
    // sink, and not when it feeds a password sink, which AS2004 reports instead. Both sinks sit in the same body.
    private void DropUnreportableReads()
    {
        foreach (var facts in Facts.Values)
        {
            facts.RemoveFindings(finding =>
            {
                if (finding.Kind != CredentialFindingKind.SecretFromEnvironment)
                    return false;

                var key = SyntaxKey.Of(finding.Location);
                return _readsFeedingPasswords?.Contains(key) == true ||
                    (!finding.IsNamedSecret && _readsFeedingSinks?.Contains(key) != true);
            });
        }
    }

    private void AddNested(IMethodSymbol symbol, MethodKey? owner)
    {
        if (MethodKey.From(symbol) is not { } key)
            return;

        FactsOf(key).Name = symbol.MethodKind == MethodKind.LocalFunction ? symbol.Name : "lambda";
        if (owner is { } parent)
            AddEdge(parent, key);
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

    private void CheckArguments(ImmutableArray<IArgumentOperation> arguments, IMethodSymbol method, MethodKey owner)
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
        var origin = ValueClassifier.ForOperation(value).Classify(value);
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
                (_readsFeedingPasswords ??= new HashSet<SyntaxKey>()).Add(SyntaxKey.Of(origin.Read!.Syntax));
                Add(owner, new CredentialFinding(
                    CredentialFindingKind.PasswordAuthentication, value.Syntax.GetLocation(), sink.Description,
                    origin.SourceDescription, null, false));
                break;
            case ValueOriginKind.Environment or ValueOriginKind.Configuration:
                (_readsFeedingSinks ??= new HashSet<SyntaxKey>()).Add(SyntaxKey.Of(origin.Read!.Syntax));
                break;
        }
    }

    private void AddRead(IOperation operation, MethodKey owner)
    {
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

    private void AddEdge(MethodKey owner, MethodKey callee) => FactsOf(owner).Callees.Add(callee);

    private void Add(MethodKey owner, CredentialFinding finding) => FactsOf(owner).Add(finding);

    private MethodFacts FactsOf(MethodKey key)
    {
        if (!Facts.TryGetValue(key, out var facts))
            Facts[key] = facts = new MethodFacts();

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

    /// <summary>
    /// Visits every operation once, knowing for each the function that owns it. Attribute arguments such as
    /// <c>[Description("...")]</c> are text, never a credential in use, and are skipped. Recursive, which is the
    /// fastest way through an operation tree; past <see cref="MaxRecursion"/> levels (a long string concatenation
    /// nests deeply) it continues with an explicit stack so that no input can exhaust the thread's stack.
    /// </summary>
    private sealed class CollectorWalk
    {
        private const int MaxRecursion = 200;

        public CollectorWalk(CredentialCollector collector) => Collector = collector;

        public CredentialCollector Collector { get; }

        public void Walk(IOperation root, MethodKey? rootOwner) => Visit(root, rootOwner, false, 0);

        private void Visit(IOperation operation, MethodKey? owner, bool inNameOf, int depth)
        {
            if (depth > MaxRecursion)
            {
                WalkWithStack(operation, owner, inNameOf);
                return;
            }

            if (!Enter(operation, ref owner, ref inNameOf))
                return;

            foreach (var child in operation.ChildOperations)
                Visit(child, owner, inNameOf, depth + 1);
        }

        private void WalkWithStack(IOperation root, MethodKey? rootOwner, bool rootInNameOf)
        {
            var pending = new Stack<(IOperation Operation, MethodKey? Owner, bool InNameOf)>();
            pending.Push((root, rootOwner, rootInNameOf));
            while (pending.Count > 0)
            {
                var (operation, owner, inNameOf) = pending.Pop();
                if (!Enter(operation, ref owner, ref inNameOf))
                    continue;

                foreach (var child in operation.ChildOperations.Reverse())
                    pending.Push((child, owner, inNameOf));
            }
        }

        // Inspects one operation and says whether to go into its children, with the owner they belong to.
        private bool Enter(IOperation operation, ref MethodKey? owner, ref bool inNameOf)
        {
            switch (operation.Kind)
            {
                case OperationKind.Attribute:
                    return false;
                case OperationKind.AnonymousFunction:
                    var lambda = ((IAnonymousFunctionOperation)operation).Symbol;
                    Collector.AddNested(lambda, owner);
                    owner = MethodKey.From(lambda);
                    return true;
                case OperationKind.LocalFunction:
                    var local = ((ILocalFunctionOperation)operation).Symbol;
                    Collector.AddNested(local, owner);
                    owner = MethodKey.From(local);
                    return true;
                case OperationKind.NameOf:
                    inNameOf = true;
                    return true;
                case OperationKind.Literal:
                case OperationKind.FieldReference:
                case OperationKind.Invocation:
                case OperationKind.ObjectCreation:
                case OperationKind.PropertyReference:
                case OperationKind.SimpleAssignment:
                    if (owner is { } key)
                        Collector.Inspect(operation, key, inNameOf);
                    return true;
                default:
                    return true;
            }
        }
    }
}
