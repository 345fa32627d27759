using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// Follows a value back to a literal, an environment variable or a configuration key, through the cheap steps the
/// design allows: conversions, single-assignment locals, readonly fields with a literal initializer, concatenation,
/// interpolation, <c>string.Concat/Format/Join</c> and Base64/encoding calls. Anything it cannot prove is unknown.
/// </summary>
internal sealed class ValueClassifier
{
    private const int MaxDepth = 8;

    private readonly List<IOperation> _blocks = new();
    private Dictionary<ILocalSymbol, IOperation?>? _localValues;

    /// <summary>Adds a block whose locals may be classified; it is scanned only if a local is classified.</summary>
    public void AddBlock(IOperation block) => _blocks.Add(block);

    // Records the writes of every local; a local written twice is unknown.
    private Dictionary<ILocalSymbol, IOperation?> LocalValues()
    {
        if (_localValues is not null)
            return _localValues;

        _localValues = new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);
        foreach (var block in _blocks)
            ScanLocals(block);

        return _localValues;
    }

    private void ScanLocals(IOperation block)
    {
        foreach (var operation in block.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    AddWrite(declarator.Symbol, initializer.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                    AddWrite(local.Local, assignment.Value);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation local }:
                    AddWrite(local.Local, null);
                    AddWrite(local.Local, null);
                    break;
                case IArgumentOperation { Value: ILocalReferenceOperation local } argument
                    when argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref:
                    AddWrite(local.Local, null);
                    AddWrite(local.Local, null);
                    break;
            }
        }
    }

    /// <summary>A classifier that knows the locals of the operation tree <paramref name="operation"/> is in.</summary>
    public static ValueClassifier ForOperation(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
            root = root.Parent;

        var classifier = new ValueClassifier();
        classifier.AddBlock(root);
        return classifier;
    }

    public ValueOrigin Classify(IOperation? operation) => Classify(operation, 0);

    private ValueOrigin Classify(IOperation? operation, int depth)
    {
        if (operation is null || depth > MaxDepth)
            return ValueOrigin.Unknown;

        if (operation.ConstantValue is { HasValue: true, Value: string constant })
            return new ValueOrigin(ValueOriginKind.Literal, constant, null);

        switch (operation)
        {
            case IConversionOperation conversion:
                return Classify(conversion.Operand, depth + 1);
            case IParenthesizedOperation parenthesized:
                return Classify(parenthesized.Operand, depth + 1);
            case ILocalReferenceOperation local:
                return LocalValues().TryGetValue(local.Local, out var value) && value is not null
                    ? Classify(value, depth + 1)
                    : ValueOrigin.Unknown;
            case IFieldReferenceOperation field:
                return ReadonlyFieldLiteral(field.Field) is { } text
                    ? new ValueOrigin(ValueOriginKind.Literal, text, null)
                    : ValueOrigin.Unknown;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return Combine(new[] { binary.LeftOperand, binary.RightOperand }, depth);
            case IInterpolatedStringOperation interpolated:
                return Combine(InterpolationParts(interpolated), depth);
            case IInvocationOperation invocation:
                return ClassifyInvocation(invocation, depth);
            case IArrayCreationOperation { Initializer: { } initializer } when initializer.ElementValues.Length == 1:
                return Classify(initializer.ElementValues[0], depth + 1);
            default:
                return SecretReads.Recognize(operation);
        }
    }

    /// <summary>The literal a <c>static readonly</c> string field is initialised with, read from its syntax.</summary>
    public static string? ReadonlyFieldLiteral(IFieldSymbol field)
    {
        if (field.IsConst && field.ConstantValue is string constant)
            return constant;

        if (!field.IsReadOnly || field.DeclaringSyntaxReferences.Length != 1 ||
            field.Type.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        return field.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax
            {
                Initializer.Value: LiteralExpressionSyntax literal
            } && literal.Token.Value is string text
            ? text
            : null;
    }

    private ValueOrigin ClassifyInvocation(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is { Name: "Convert", ContainingNamespace.Name: "System" } &&
            method.Name is "ToBase64String" or "FromBase64String" && invocation.Arguments.Length > 0)
        {
            return Classify(invocation.Arguments[0].Value, depth + 1);
        }

        if (type is { Name: "Encoding", ContainingNamespace.Name: "Text" } &&
            method.Name == "GetBytes" && invocation.Arguments.Length > 0)
        {
            return Classify(invocation.Arguments[0].Value, depth + 1);
        }

        if (type?.SpecialType == SpecialType.System_String && method.Name is "Concat" or "Format" or "Join")
        {
            var parts = new List<IOperation>();
            foreach (var argument in invocation.Arguments)
                parts.Add(argument.Value);

            return Combine(parts, depth);
        }

        return SecretReads.Recognize(invocation);
    }

    // An ambient secret anywhere in the parts taints the whole; otherwise the parts must all be constant.
    private ValueOrigin Combine(IEnumerable<IOperation> parts, int depth)
    {
        var text = new StringBuilder();
        var allLiteral = true;
        foreach (var part in parts)
        {
            var origin = Classify(part, depth + 1);
            if (origin.IsAmbientSecret)
                return origin;

            if (origin.Kind == ValueOriginKind.Literal)
                text.Append(origin.Text);
            else
                allLiteral = false;
        }

        return allLiteral ? new ValueOrigin(ValueOriginKind.Literal, text.ToString(), null) : ValueOrigin.Unknown;
    }

    private static IEnumerable<IOperation> InterpolationParts(IInterpolatedStringOperation interpolated)
    {
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation text:
                    yield return text.Text;
                    break;
                case IInterpolationOperation hole:
                    yield return hole.Expression;
                    break;
            }
        }
    }

    private void AddWrite(ILocalSymbol local, IOperation? value)
    {
        var values = _localValues!;
        if (values.ContainsKey(local))
            values[local] = null;
        else
            values[local] = value;
    }
}
