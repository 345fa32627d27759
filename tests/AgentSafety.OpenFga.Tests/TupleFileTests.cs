using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga.Tests;

public sealed class TupleFileTests
{
    [Fact]
    public void TopLevelList_IsRead()
    {
        var tuples = TupleFile.Parse("""
            - user: user:anne
              relation: trader
              object: asset:OKTA
            - user: group:eng#member
              relation: trader
              object: asset:MSFT
            """);

        Assert.Equal(
            [
                new("user:anne", "trader", "asset:OKTA"),
                new RelationshipTuple("group:eng#member", "trader", "asset:MSFT"),
            ],
            tuples);
    }

    [Fact]
    public void StoreFileWithTuplesKey_IsReadWithConditions()
    {
        var tuples = TupleFile.Parse("""
            name: trading
            model_file: ./model.fga
            tuples:
              - user: user:anne
                relation: trader
                object: asset:OKTA
                condition:
                  name: in_hours
                  context:
                    start: 9
                    zone: "UTC"
                    strict: true
            """);

        var tuple = Assert.Single(tuples);
        Assert.Equal("in_hours", tuple.Condition?.Name);
        Assert.Equal(9L, tuple.Condition?.Context?["start"]);
        Assert.Equal("UTC", tuple.Condition?.Context?["zone"]);
        Assert.Equal(true, tuple.Condition?.Context?["strict"]);
    }

    [Fact]
    public void TupleWithoutObject_FailsWithClearError()
    {
        var error = Assert.Throws<FormatException>(() => TupleFile.Parse("""
            - user: user:anne
              relation: trader
            """));

        Assert.Contains("'object'", error.Message);
    }
}
