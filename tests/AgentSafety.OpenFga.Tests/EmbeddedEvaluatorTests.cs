using AgentSafety.OpenFga;
using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga.Tests;

public sealed class EmbeddedEvaluatorTests
{
    private const string TradingModel = """
        model
          schema 1.1

        type user

        type group
          relations
            define member: [user, group#member]

        type portfolio
          relations
            define owner: [user]
            define viewer: [user, group#member]

        type asset
          relations
            define parent: [portfolio]
            define trader: [user, group#member]
            define auditor: [user]
            define can_buy: trader
            define can_view: trader or auditor or viewer from parent
        """;

    private static EmbeddedFgaEvaluator CreateEvaluator(params RelationshipTuple[] tuples) =>
        new(DslParser.Parse(TradingModel), tuples);

    [Fact]
    public void DirectTuple_IsAllowed()
    {
        var fga = CreateEvaluator(new RelationshipTuple("user:anne", "trader", "asset:OKTA"));

        Assert.True(fga.Check(new FgaCheckRequest("user:anne", "trader", "asset:OKTA")));
        Assert.False(fga.Check(new FgaCheckRequest("user:bob", "trader", "asset:OKTA")));
        Assert.False(fga.Check(new FgaCheckRequest("user:anne", "trader", "asset:MSFT")));
    }

    [Fact]
    public void ComputedRelation_FollowsItsSource()
    {
        var fga = CreateEvaluator(new RelationshipTuple("user:anne", "trader", "asset:OKTA"));

        Assert.True(fga.Check(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
        Assert.False(fga.Check(new FgaCheckRequest("user:anne", "auditor", "asset:OKTA")));
    }

    [Fact]
    public void Union_AllowsAnyBranch()
    {
        var fga = CreateEvaluator(
            new RelationshipTuple("user:anne", "trader", "asset:OKTA"),
            new RelationshipTuple("user:bob", "auditor", "asset:OKTA"));

        Assert.True(fga.Check(new FgaCheckRequest("user:anne", "can_view", "asset:OKTA")));
        Assert.True(fga.Check(new FgaCheckRequest("user:bob", "can_view", "asset:OKTA")));
        Assert.False(fga.Check(new FgaCheckRequest("user:carl", "can_view", "asset:OKTA")));
    }

    [Fact]
    public void TupleToUserset_FollowsParent()
    {
        var fga = CreateEvaluator(
            new RelationshipTuple("portfolio:growth", "parent", "asset:OKTA"),
            new RelationshipTuple("user:dana", "viewer", "portfolio:growth"));

        Assert.True(fga.Check(new FgaCheckRequest("user:dana", "can_view", "asset:OKTA")));
        Assert.False(fga.Check(new FgaCheckRequest("user:dana", "can_buy", "asset:OKTA")));
    }

    [Fact]
    public void UsersetTuple_GrantsNestedGroupMembers()
    {
        var fga = CreateEvaluator(
            new RelationshipTuple("group:eng#member", "trader", "asset:OKTA"),
            new RelationshipTuple("group:platform#member", "member", "group:eng"),
            new RelationshipTuple("user:erin", "member", "group:platform"));

        Assert.True(fga.Check(new FgaCheckRequest("user:erin", "can_buy", "asset:OKTA")));
        Assert.True(fga.Check(new FgaCheckRequest("group:eng#member", "trader", "asset:OKTA")));
        Assert.False(fga.Check(new FgaCheckRequest("user:frank", "can_buy", "asset:OKTA")));
    }

    [Fact]
    public void TupleOutsideTypeRestrictions_IsRejectedAsInvalidTuple()
    {
        var error = Assert.Throws<FgaException>(() =>
            CreateEvaluator(new RelationshipTuple("group:eng", "trader", "asset:OKTA")));

        Assert.Equal(FgaErrorCode.InvalidTuple, error.Code);
    }

    [Fact]
    public void UnknownRelationInCheck_FailsWithValidationError()
    {
        var fga = CreateEvaluator();

        var error = Assert.Throws<FgaException>(() => fga.Check(new FgaCheckRequest("user:anne", "sell", "asset:X")));

        Assert.Equal(FgaErrorCode.ValidationError, error.Code);
    }

    [Fact]
    public async Task CheckAsync_AnswersEveryCheckInOrderAndTurnsErrorsIntoDenials()
    {
        var fga = CreateEvaluator(new RelationshipTuple("user:anne", "trader", "asset:OKTA"));
        RelationshipCheck[] checks =
        [
            new("user:anne", "can_buy", "asset:OKTA"),
            new("user:anne", "can_buy", "asset:MSFT"),
            new("user:anne", "no_such_relation", "asset:OKTA"),
        ];

        var results = await fga.CheckAsync(checks);

        Assert.Equal([true, false, false], results.Select(r => r.Allowed));
        Assert.Equal(checks, results.Select(r => r.Check));
        Assert.Null(results[1].Error);
        Assert.StartsWith("validation_error", results[2].Error);
    }
}
