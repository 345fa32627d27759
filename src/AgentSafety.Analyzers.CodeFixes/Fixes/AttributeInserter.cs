using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// Adds an attribute to a declaration the way a person would type it: on its own line above a member or class,
/// inline before a lambda, keeping comments and indentation where they were.
/// </summary>
internal static class AttributeInserter
{
    /// <summary><c>[Name("argument")]</c>.</summary>
    public static AttributeListSyntax StringAttribute(string name, string argument) =>
        SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(
                SyntaxFactory.IdentifierName(name),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(
                        SyntaxKind.StringLiteralExpression,
                        SyntaxFactory.Literal(argument))))))));

    public static SyntaxNode Add(SyntaxNode declaration, AttributeListSyntax attribute, SyntaxTrivia endOfLine) =>
        declaration switch
        {
            MethodDeclarationSyntax method => AddAbove(
                method, method.AttributeLists, attribute, endOfLine, static (m, l) => m.WithAttributeLists(l)),
            LocalFunctionStatementSyntax local => AddAbove(
                local, local.AttributeLists, attribute, endOfLine, static (m, l) => m.WithAttributeLists(l)),
            ClassDeclarationSyntax type => AddAbove(
                type, type.AttributeLists, attribute, endOfLine, static (m, l) => m.WithAttributeLists(l)),
            ParenthesizedLambdaExpressionSyntax lambda => AddInline(lambda, attribute),
            SimpleLambdaExpressionSyntax lambda => AddInline(Parenthesize(lambda), attribute),
            _ => declaration,
        };

    private static SyntaxNode AddAbove<T>(
        T declaration,
        SyntaxList<AttributeListSyntax> existing,
        AttributeListSyntax attribute,
        SyntaxTrivia endOfLine,
        System.Func<T, SyntaxList<AttributeListSyntax>, T> withAttributes)
        where T : SyntaxNode
    {
        var leading = declaration.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading.Last())
            : SyntaxFactory.TriviaList();
        if (existing.Count > 0)
        {
            var appended = attribute.WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine);
            return withAttributes(declaration, existing.Add(appended));
        }

        var reindented = declaration.WithoutLeadingTrivia().WithLeadingTrivia(indentation);
        var first = attribute.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine);
        return withAttributes(reindented, SyntaxFactory.SingletonList(first));
    }

    private static SyntaxNode AddInline(ParenthesizedLambdaExpressionSyntax lambda, AttributeListSyntax attribute)
    {
        var leading = lambda.GetLeadingTrivia();
        var inline = attribute.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.Space);
        return lambda.WithoutLeadingTrivia().WithAttributeLists(lambda.AttributeLists.Insert(0, inline));
    }

    private static ParenthesizedLambdaExpressionSyntax Parenthesize(SimpleLambdaExpressionSyntax lambda)
    {
        var parameter = lambda.Parameter.WithoutTrivia();
        var parameters = SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(parameter))
            .WithLeadingTrivia(lambda.Parameter.GetLeadingTrivia())
            .WithTrailingTrivia(lambda.Parameter.GetTrailingTrivia());
        return SyntaxFactory.ParenthesizedLambdaExpression(
            lambda.AttributeLists,
            lambda.Modifiers,
            returnType: null,
            parameters,
            lambda.ArrowToken,
            lambda.Block,
            lambda.ExpressionBody);
    }
}
