using System.Collections.Generic;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Rules;

/// <content>How AS3002 follows a token's text from where it is read to where it ends.</content>
public sealed partial class DelegatedTokenEscapeAnalyzer
{
    /// <summary>
    /// Follows one method's token values upward, through concatenation, interpolation and locals, to the place they
    /// end: a return from a tool, a logging call, an exception, a field.
    /// </summary>
    private sealed class TokenTracer
    {
        private const int MaxLocalHops = 3;
        private const int MaxHelperDepth = 3;

        private static readonly System.Collections.Immutable.ImmutableHashSet<string> CollectionWrites =
            System.Collections.Immutable.ImmutableHashSet.Create(
                "Add", "TryAdd", "AddOrUpdate", "GetOrAdd", "TryUpdate", "Enqueue", "Push", "Insert", "Set");
        private const string SharedHeaders =
            "put in the default headers of a shared HttpClient, where it goes with later requests";
        private const int MaxRecursion = 200;

        private readonly TracerSettings _settings;
        private readonly ISymbol _owner;
        private readonly System.Action<IOperation, string> _escape;
        private readonly int _helperDepth;

        /// <param name="settings">What every tracer of the compilation shares.</param>
        /// <param name="owner">The member whose body is traced.</param>
        /// <param name="escape">Told each place a token value escapes, and how.</param>
        /// <param name="helperDepth">How many helper calls led here (0 for a body the compiler handed us).</param>
        public TokenTracer(
            TracerSettings settings, ISymbol owner, System.Action<IOperation, string> escape, int helperDepth = 0)
        {
            _settings = settings;
            _owner = owner;
            _escape = escape;
            _helperDepth = helperDepth;
        }

        /// <summary>True when a traced value reached a <c>return</c> of the traced member itself.</summary>
        public bool ReachedReturn { get; private set; }

        /// <summary>
        /// Traces the value of a helper's parameter through the helper's body: its text when it is an
        /// <c>AccessToken</c>, else the value itself. Returns from the helper hand the value back to the caller.
        /// </summary>
        public void TraceParameter(HelperParameter helper)
        {
            var isToken = IsTokenType(helper.Parameter.Type);
            foreach (var reference in helper.References())
            {
                if (IsAssignmentTarget(reference))
                    continue;

                if (!isToken)
                    Trace(reference, 0);
                else if (reference.Parent is IPropertyReferenceOperation { Property.Name: "Value" } value)
                    Trace(value, 0);
            }
        }

        // Every operation of a body, by kind: most are none of the three that can start an escape. Recursive, the
        // fastest way through an operation tree, until a deep nesting (a long concatenation) calls for a stack.
        public void VisitTree(IOperation root) => Visit(root, 0);

        private void Visit(IOperation operation, int depth)
        {
            if (depth > MaxRecursion)
            {
                VisitWithStack(operation);
                return;
            }

            Inspect(operation);
            foreach (var child in operation.ChildOperations)
                Visit(child, depth + 1);
        }

        private void VisitWithStack(IOperation root)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                Inspect(operation);
                foreach (var child in operation.ChildOperations)
                    pending.Push(child);
            }
        }

        private void Inspect(IOperation operation)
        {
            switch (operation.Kind)
            {
                case OperationKind.PropertyReference:
                    OnTokenValue(operation);
                    OnTokenObject(operation);
                    break;
                case OperationKind.ParameterReference or OperationKind.LocalReference:
                    OnTokenObject(operation);
                    break;
                case OperationKind.SimpleAssignment:
                    OnAssignment((ISimpleAssignmentOperation)operation);
                    break;
                case OperationKind.Return:
                    OnReturn((IReturnOperation)operation);
                    break;

            }
        }

        // The token object handed on whole: into a collection a field holds, or into an object that may be kept.
        // (Handed to a logger or an exception it shows only its redacted form.)
        private void OnTokenObject(IOperation reference)
        {
            if (!IsTokenType(reference.Type))
                return;

            var value = reference;
            while (value.Parent is IConversionOperation conversion)
                value = conversion;

            if (value.Parent is not IArgumentOperation argument)
                return;

            switch (argument.Parent)
            {
                case IInvocationOperation invocation when HeldCollection(invocation) is { } holder:
                    Report(value, Stored(holder));
                    break;
                case IObjectCreationOperation creation
                    when !ToolCompilationContext.DerivesFrom(creation.Type, _settings.Tools.Exception):
                    Trace(creation, 0);
                    break;
                case IInvocationOperation helper when FollowHelper(argument) is { ReturnsValue: true }:
                    // The helper reports what it does with the token itself; what it returns is the caller's.
                    Trace(helper, 0);
                    break;
            }
        }

        private void OnTokenValue(IOperation? operation)
        {
            if (operation is not IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } value ||
                !ToolCompilationContext.Is(instance.Type, _settings.Tools.AccessToken))
            {
                return;
            }

            Trace(value, 0);
        }

        private void OnAssignment(ISimpleAssignmentOperation? assignment)
        {
            if (assignment is null || !IsTokenObject(assignment.Value))
                return;

            if (CreationInitialized(assignment) is { } created)
                Trace(created, 0);
            else if ((HeldIndexer(assignment.Target) ?? StoredMember(assignment.Target)) is { } member)
                Report(assignment.Value, Stored(member));
        }

        private void OnReturn(IReturnOperation? operation)
        {
            if (operation?.ReturnedValue is not { } returned || !IsTokenObject(returned) || !IsInTool(returned))
                return;

            Report(returned, "returned to the model");
        }

        private void Trace(IOperation start, int hops)
        {
            var current = start;
            IOperation? element = null;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation or IInterpolationOperation
                        or IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                        current = parent;
                        continue;
                    case IArrayInitializerOperation:
                        element ??= current;
                        current = parent;
                        continue;
                    case IArrayCreationOperation or ITupleOperation or ICoalesceOperation:
                        current = parent;
                        continue;
                    case IConditionalOperation conditional when conditional.Condition != current:
                        current = parent;
                        continue;
                    case ISwitchExpressionArmOperation arm when arm.Value == current:
                        current = parent;
                        continue;
                    case ISwitchExpressionOperation when current is ISwitchExpressionArmOperation:
                        current = parent;
                        continue;
                    case ISimpleAssignmentOperation assignment
                        when assignment.Value == current && CreationInitialized(assignment) is { } created:
                        // A member of an object being created: the object now carries the token.
                        current = created;
                        continue;
                    case IArgumentOperation argument:
                        EndAtArgument(argument, element ?? argument.Value, hops);
                        return;
                    case IReturnOperation when _helperDepth > 0 && ReturnsFromOwner(parent):
                        ReachedReturn = true;
                        return;
                    case IReturnOperation when IsInTool(parent):
                        Report(current, "returned to the model");
                        return;
                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                        if (assignment.Target is ILocalReferenceOperation target)
                            TraceLocal(target.Local, assignment, hops);
                        else if (assignment.Target is IPropertyReferenceOperation { Instance: { } headers } &&
                            IsSharedClientHeaders(headers))
                            Report(current, SharedHeaders);
                        else if ((HeldIndexer(assignment.Target) ?? StoredMember(assignment.Target)) is { } member)
                            Report(current, Stored(member));
                        return;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        TraceLocal(declarator.Symbol, declarator, hops);
                        return;
                    default:
                        return;
                }
            }
        }

        private void EndAtArgument(IArgumentOperation argument, IOperation reportAt, int hops)
        {
            switch (argument.Parent)
            {
                case IInvocationOperation invocation when IsLogging(invocation.TargetMethod):
                    Report(reportAt, "logged");
                    break;
                case IObjectCreationOperation creation
                    when ToolCompilationContext.DerivesFrom(creation.Type, _settings.Tools.Exception):
                    Report(reportAt, "put in an exception message");
                    break;
                case IObjectCreationOperation creation:
                    // A value built around the token (a result record, a client) carries it wherever it goes.
                    Trace(creation, hops);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation" } header
                    when header.Instance is { } headers && IsSharedClientHeaders(headers):
                    Report(reportAt, SharedHeaders);
                    break;
                case IInvocationOperation write when HeldCollection(write) is { } holder:
                    Report(reportAt, Stored(holder));
                    break;
                case IInvocationOperation { IsImplicit: true } add
                    when CreationInitialized(add) is { } collection:
                    Trace(collection, hops);
                    break;
                case IInvocationOperation invocation when PassesArgumentOn(invocation.TargetMethod):
                    Trace(invocation, hops);
                    break;
                case IInvocationOperation helper when FollowHelper(argument) is { } use:
                    if (use.Escape is { } how)
                        Report(reportAt, $"passed to '{helper.TargetMethod.Name}', where it is {how}");
                    else if (use.ReturnsValue)
                        Trace(helper, hops);
                    break;
            }
        }

        // What a method of this compilation does with the value passed as this argument, followed a few calls deep.
        private HelperUse? FollowHelper(IArgumentOperation argument) =>
            argument.Parameter is { } parameter && _helperDepth < MaxHelperDepth
                ? _settings.Helpers.Use(parameter, _helperDepth + 1, _settings)
                : null;

        // A return of the traced member itself, not of a lambda or local function inside it.
        private bool ReturnsFromOwner(IOperation returned)
        {
            for (var parent = returned.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ILocalFunctionOperation local)
                    return SymbolEqualityComparer.Default.Equals(local.Symbol, _owner);

                if (parent is IAnonymousFunctionOperation)
                    return false;
            }

            return true;
        }

        private static bool IsAssignmentTarget(IOperation operation) =>
            operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;

        private static string Stored(string member) => $"stored in '{member}', where it outlives the call";

        // `_cache[key] = ...` on a collection a field (or a property of your own) holds.
        private static string? HeldIndexer(IOperation target) =>
            target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection }
                ? StoredMember(ToolRecognizer.Unwrap(collection) ?? collection)
                : null;

        // `_tokens.Add(...)`, `_cache.TryAdd(...)`, `_memoryCache.Set(...)` on a collection or cache a field (or a
        // property of your own) holds.
        private static string? HeldCollection(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!CollectionWrites.Contains(method.Name))
                return null;

            var receiver = invocation.Instance ??
                (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            return receiver is null ? null : StoredMember(ToolRecognizer.Unwrap(receiver) ?? receiver);
        }

        // The default headers of an HttpClient this call did not create: an injected or kept client serves other
        // calls, and other users, after this one.
        private static bool IsSharedClientHeaders(IOperation headers) =>
            headers is IPropertyReferenceOperation
            {
                Property: { Name: "DefaultRequestHeaders", ContainingType.Name: "HttpClient" },
                Instance: { } client,
            } &&
            client is not (ILocalReferenceOperation or IObjectCreationOperation);

        // The object whose initializer holds this member assignment or collection Add: `new Dto { Token = ... }`,
        // `new { token.Value }`, `new() { ["token"] = ... }`, `record with { ... }`, nested member initializers.
        private static IOperation? CreationInitialized(IOperation member)
        {
            var parent = member.Parent;
            while (parent is IObjectOrCollectionInitializerOperation or IMemberInitializerOperation)
                parent = parent.Parent;

            return parent is IObjectCreationOperation or IAnonymousObjectCreationOperation or
                ITypeParameterObjectCreationOperation or IWithOperation
                ? parent
                : null;
        }

        // Calls whose result is the argument in another form: text built from it, a completed task holding it, its
        // JSON.
        private static bool PassesArgumentOn(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null)
                return false;

            if (type.SpecialType == SpecialType.System_String)
                return method.Name is "Concat" or "Format" or "Join";

            var ns = type.ContainingNamespace?.ToDisplayString();
            return (method.Name == "FromResult" && type.Name is "Task" or "ValueTask" &&
                    ns == "System.Threading.Tasks") ||
                (method.Name == "Serialize" && type.Name == "JsonSerializer" && ns == "System.Text.Json");
        }

        // A local holding the token's text: follow each place it is read.
        private void TraceLocal(ILocalSymbol local, IOperation write, int hops)
        {
            if (hops >= MaxLocalHops)
                return;

            var root = write;
            while (root.Parent is not null)
                root = root.Parent;

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference &&
                    SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                    !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference))
                {
                    Trace(reference, hops + 1);
                }
            }
        }

        private void Report(IOperation value, string how) => _escape(value, how);

        private bool IsTokenObject(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
                operation = conversion.Operand;

            return IsTokenType(operation.Type);
        }

        // Asked of every parameter, local and property read: the name rules out nearly all before the symbol compare.
        private bool IsTokenType(ITypeSymbol? type) =>
            type is { Name: "AccessToken" } && ToolCompilationContext.Is(type, _settings.Tools.AccessToken);

        // The function a return belongs to: a lambda handed to a tool factory, or a method the framework calls.
        private bool IsInTool(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        return IsTool(lambda.Symbol) || IsFactoryArgument(lambda);
                    case ILocalFunctionOperation local:
                        return IsTool(local.Symbol);
                }
            }

            return _owner is IMethodSymbol method && IsTool(method);
        }

        // A tool the generator or a framework calls: attributed, or taking a [DelegatedToken] parameter.
        private bool IsTool(IMethodSymbol method)
        {
            if (ToolRecognizer.GetAttributedShape(method, _settings.Tools) is not null)
                return true;

            foreach (var parameter in method.Parameters)
            {
                foreach (var attribute in parameter.GetAttributes())
                {
                    if (ToolCompilationContext.Is(attribute.AttributeClass, _settings.Tools.DelegatedTokenAttribute))
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
                ToolRecognizer.GetFactory(invocation.TargetMethod, _settings.Tools) != ToolFactory.None;
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

            if (type.Name is "Console" or "Debug" or "Trace" or "LoggerExtensions" or "ILogger" or "Logger")
            {
                var ns = type.ContainingNamespace?.ToDisplayString();
                if (ns is "System" or "System.Diagnostics" or "Microsoft.Extensions.Logging")
                    return true;
            }

            // Tags and baggage of a trace span go to the tracing backend, and baggage to every service called next.
            if (type.Name == "Activity" && method.Name is "SetTag" or "AddTag" or "SetBaggage" or "AddBaggage" &&
                type.ContainingNamespace?.ToDisplayString() == "System.Diagnostics")
            {
                return true;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "LoggerMessageAttribute")
                    return true;
            }

            return false;
        }
    }
}
