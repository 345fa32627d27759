using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// Parameters whose names say they stand for the acting user or their rights, and the uses of them that decide
/// what the user may do or see.
/// </summary>
internal static class IdentityParameters
{
    // Compared ignoring case and '_', so userId, user_id and UserID all match.
    private static readonly HashSet<string> IdentityNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "user", "userid", "username", "useremail", "email", "emailaddress", "userprincipalname", "upn",
        "tenant", "tenantid", "organizationid", "orgid", "role", "roles", "userrole", "isadmin", "admin",
        "issuperuser", "isowner", "ownerid", "actorid", "callerid", "subjectid", "principalid", "permissions",
        "scopes", "groups",
    };

    private static readonly HashSet<string> DecisionMethods = new(StringComparer.Ordinal)
    {
        "IsInRole", "HasClaim", "Authorize", "AuthorizeAsync", "IsAuthorized", "IsAuthorizedAsync",
        "HasPermission", "HasPermissionAsync",
    };

    private static readonly HashSet<string> RelationshipMethods = new(StringComparer.Ordinal)
    {
        "Check", "CheckAsync", "BatchCheck", "BatchCheckAsync", "ListObjects", "ListObjectsAsync",
    };

    private static readonly HashSet<string> QueryMethods = new(StringComparer.Ordinal)
    {
        "Where", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Any", "All",
        "Count", "LongCount", "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync",
        "AnyAsync", "AllAsync", "CountAsync", "Find", "FindAll", "Exists", "RemoveAll", "ExecuteDeleteAsync",
        "ExecuteUpdateAsync",
    };

    private static readonly HashSet<string> EmptinessChecks = new(StringComparer.Ordinal)
    {
        "IsNullOrEmpty", "IsNullOrWhiteSpace",
    };

    public const string AuthorizationDecision = "an authorization decision";
    public const string RelationshipCheck = "a relationship check";
    public const string QueryFilter = "a query filter";

    /// <summary>True when the parameter's name says it identifies the acting user or their rights.</summary>
    public static bool IsIdentityName(string name) =>
        IdentityNames.Contains(name.IndexOf('_') >= 0 ? name.Replace("_", "") : name);

    /// <summary>
    /// What the referenced value decides, or <see langword="null"/> when this use decides nothing (it is logged,
    /// validated for emptiness, passed on, returned). The walk stops at the enclosing method, local function or
    /// lambda, except that a lambda passed to a query operator such as <c>Where</c> is itself the use.
    /// <paramref name="passedTo"/>, when given, says what a call decides with a value passed as this argument (a
    /// helper of the same compilation that filters a query by it, say), or null to go on.
    /// </summary>
    public static string? ClassifyUse(
        IParameterReferenceOperation reference, Func<IArgumentOperation, string?>? passedTo = null)
    {
        IOperation child = reference;
        for (var current = reference.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case IArgumentOperation argument when passedTo?.Invoke(argument) is { } decidedThere:
                    return decidedThere;
                case IInvocationOperation invocation when EmptinessChecks.Contains(invocation.TargetMethod.Name):
                    return null;
                case IBinaryOperation binary when ComparesWithNull(binary):
                    return null;
                case IPropertyReferenceOperation { Property.Name: "Length" or "Count" } property
                    when property.Instance == child:
                    return null;
                case IInvocationOperation invocation when DecisionMethods.Contains(invocation.TargetMethod.Name):
                    return AuthorizationDecision;
                case IInvocationOperation invocation when RelationshipMethods.Contains(invocation.TargetMethod.Name):
                    return RelationshipCheck;
                case IObjectCreationOperation creation when creation.Type?.Name == "RelationshipCheck":
                    return RelationshipCheck;
                case IAnonymousFunctionOperation lambda when IsQueryPredicate(lambda):
                    return QueryFilter;
                case IInterpolatedStringOperation interpolated when LooksLikeSqlFilter(interpolated):
                    return QueryFilter;
                case IConditionalOperation conditional when child == conditional.Condition:
                    return AuthorizationDecision;
                case ISwitchOperation switchOperation when child == switchOperation.Value:
                    return AuthorizationDecision;
                case ISwitchExpressionOperation switchExpression when child == switchExpression.Value:
                    return AuthorizationDecision;
                case IWhileLoopOperation loop when child == loop.Condition:
                    return AuthorizationDecision;
                case IAnonymousFunctionOperation or IMethodBodyOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    private static bool ComparesWithNull(IBinaryOperation binary) =>
        IsNullConstant(binary.LeftOperand) || IsNullConstant(binary.RightOperand);

    private static bool IsNullConstant(IOperation operand) =>
        operand.ConstantValue is { HasValue: true, Value: null } ||
        operand is IConversionOperation { Operand.ConstantValue: { HasValue: true, Value: null } };

    private static bool IsQueryPredicate(IAnonymousFunctionOperation lambda)
    {
        var argument = lambda.Parent;
        while (argument is IConversionOperation or IDelegateCreationOperation)
            argument = argument.Parent;

        return argument is IArgumentOperation { Parent: IInvocationOperation invocation } &&
            QueryMethods.Contains(invocation.TargetMethod.Name);
    }

    private static bool LooksLikeSqlFilter(IInterpolatedStringOperation interpolated) =>
        interpolated.Parts.OfType<IInterpolatedStringTextOperation>().Any(part =>
            part.Text.ConstantValue.Value is string text &&
            text.IndexOf("WHERE ", StringComparison.OrdinalIgnoreCase) >= 0);
}
