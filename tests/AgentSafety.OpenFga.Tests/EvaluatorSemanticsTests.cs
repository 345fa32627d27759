using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga.Tests;

public sealed class EvaluatorSemanticsTests
{
    [Fact]
    public void ChainDeeperThanTheLimit_FailsWithResolutionTooComplex()
    {
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type group
              relations
                define member: [user, group#member]
            """);
        var tuples = Enumerable.Range(0, 30)
            .Select(i => new RelationshipTuple($"group:g{i + 1}#member", "member", $"group:g{i}"))
            .Append(new RelationshipTuple("user:deep", "member", "group:g30"))
            .Append(new RelationshipTuple("user:shallow", "member", "group:g3"));
        var fga = new EmbeddedFgaEvaluator(model, tuples);

        var error = Assert.Throws<FgaException>(() =>
            fga.Check(new FgaCheckRequest("user:deep", "member", "group:g0")));

        Assert.Equal(FgaErrorCode.AuthorizationModelResolutionTooComplex, error.Code);
        Assert.True(fga.Check(new FgaCheckRequest("user:shallow", "member", "group:g0")));
    }

    [Fact]
    public void CycleOfUsersets_DeniesInsteadOfLooping()
    {
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type group
              relations
                define member: [user, group#member]
            """);
        var fga = new EmbeddedFgaEvaluator(model, [
            new RelationshipTuple("group:b#member", "member", "group:a"),
            new RelationshipTuple("group:a#member", "member", "group:b"),
        ]);

        Assert.False(fga.Check(new FgaCheckRequest("user:anne", "member", "group:a")));
    }

    [Fact]
    public void WildcardIntersectionAndExclusion_FollowOpenFgaSemantics()
    {
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type asset
              relations
                define listed: [user:*]
                define approved: [user]
                define blocked: [user]
                define can_buy: (listed and approved) but not blocked
            """);
        var fga = new EmbeddedFgaEvaluator(model, [
            new RelationshipTuple("user:*", "listed", "asset:OKTA"),
            new RelationshipTuple("user:anne", "approved", "asset:OKTA"),
            new RelationshipTuple("user:bob", "approved", "asset:OKTA"),
            new RelationshipTuple("user:bob", "blocked", "asset:OKTA"),
        ]);

        Assert.True(fga.Check(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
        Assert.False(fga.Check(new FgaCheckRequest("user:bob", "can_buy", "asset:OKTA")));
        Assert.False(fga.Check(new FgaCheckRequest("user:carl", "can_buy", "asset:OKTA")));
        Assert.True(fga.Check(new FgaCheckRequest("user:carl", "listed", "asset:OKTA")));
        Assert.Equal(["asset:OKTA"], fga.ListObjects(new FgaListObjectsRequest("user:anne", "can_buy", "asset")));
    }

    [Fact]
    public void MissingConditionParameter_FailsWithValidationError()
    {
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type asset
              relations
                define trader: [user with in_hours]
            condition in_hours(hour: int) {
              hour >= 9 && hour < 17
            }
            """);
        var fga = new EmbeddedFgaEvaluator(model,
            [new RelationshipTuple("user:anne", "trader", "asset:OKTA", new TupleCondition("in_hours"))]);

        var error = Assert.Throws<FgaException>(() =>
            fga.Check(new FgaCheckRequest("user:anne", "trader", "asset:OKTA")));

        Assert.Equal(FgaErrorCode.ValidationError, error.Code);
        Assert.Contains("missing context parameters [hour]", error.Message);
    }

    [Fact]
    public void TemporalGrant_AddsTheDurationToTheTimestamp()
    {
        // The temporal-access model of OpenFGA's language samples.
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type document
              relations
                define viewer: [user, user with non_expired_grant]
            condition non_expired_grant(current_time: timestamp, grant_duration: duration, grant_time: timestamp) {
              current_time < grant_time + grant_duration
            }
            """);
        var fga = new EmbeddedFgaEvaluator(model, [new RelationshipTuple("user:anne", "viewer", "document:1",
            new TupleCondition("non_expired_grant", new Dictionary<string, object?>
            {
                ["grant_time"] = "2026-01-01T09:00:00Z",
                ["grant_duration"] = "1h30m",
            }))]);

        bool At(string time) => fga.Check(new FgaCheckRequest("user:anne", "viewer", "document:1",
            Context: new Dictionary<string, object?> { ["current_time"] = time }));

        Assert.True(At("2026-01-01T10:29:59Z"));
        Assert.False(At("2026-01-01T10:30:00Z"));
    }

    [Fact]
    public void IpAddressConditions_CompareAndMatchRanges()
    {
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type asset
              relations
                define trader: [user with office]
            condition office(ip: ipaddress) {
              ip != ipaddress("10.0.0.13") && ip.in_cidr("10.0.0.0/24")
            }
            """);
        var fga = new EmbeddedFgaEvaluator(model,
            [new RelationshipTuple("user:anne", "trader", "asset:OKTA", new TupleCondition("office"))]);

        bool From(string ip) => fga.Check(new FgaCheckRequest("user:anne", "trader", "asset:OKTA",
            Context: new Dictionary<string, object?> { ["ip"] = ip }));

        Assert.True(From("10.0.0.7"));
        Assert.False(From("10.0.0.13"));
        Assert.False(From("10.0.1.7"));
        Assert.Throws<FgaException>(() => From("not-an-ip"));
    }

    [Fact]
    public void ConditionThatDoesNotCompile_FailsAtLoad()
    {
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type asset
              relations
                define trader: [user with broken]
            condition broken(hour: int) {
              hour >= && 9
            }
            """);

        var error = Assert.Throws<FgaException>(() => new EmbeddedFgaEvaluator(model, []));

        Assert.Equal(FgaErrorCode.InvalidAuthorizationModel, error.Code);
        Assert.Contains("'broken' does not compile", error.Message);
    }

    [Fact]
    public void ConcurrentChecksWithConditions_AllAnswerCorrectly()
    {
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type asset
              relations
                define trader: [user with in_hours]
            condition in_hours(hour: int) {
              hour >= 9 && hour < 17
            }
            """);
        var fga = new EmbeddedFgaEvaluator(model, Enumerable.Range(0, 100).Select(i =>
            new RelationshipTuple($"user:u{i}", "trader", $"asset:a{i}", new TupleCondition("in_hours"))));
        var wrong = 0;

        Parallel.For(0, 8_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var hour = i % 24;
            var allowed = fga.Check(new FgaCheckRequest($"user:u{i % 100}", "trader", $"asset:a{i % 100}",
                Context: new Dictionary<string, object?> { ["hour"] = hour }));
            if (allowed != hour is >= 9 and < 17)
                Interlocked.Increment(ref wrong);
        });

        Assert.Equal(0, wrong);
    }
}
