using AgentSafety.OpenFga.Tuples;
using Microsoft.Extensions.DependencyInjection;

namespace AgentSafety.OpenFga.Tests;

public sealed class StoreFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentsafety-store-").FullName;

    public StoreFileTests()
    {
        File.WriteAllText(Path.Combine(_folder, "model.fga"), """
            model
              schema 1.1
            type user
            type group
              relations
                define member: [user]
            type asset
              relations
                define trader: [user, group#member, user with in_hours]
                define can_buy: trader
            condition in_hours(hour: int) {
              hour >= 9 && hour < 17
            }
            """);
        File.WriteAllText(Path.Combine(_folder, "tuples.yaml"), """
            - user: group:desk#member
              relation: trader
              object: asset:MSFT
            """);
        File.WriteAllText(Path.Combine(_folder, "store.fga.yaml"), """
            name: trading
            model_file: ./model.fga
            tuple_file: ./tuples.yaml
            tuples:
              - user: user:anne
                relation: trader
                object: asset:OKTA
              - user: user:carl
                relation: trader
                object: asset:NVDA
                condition:
                  name: in_hours
            tests:
              - name: traders
                tuples:
                  - user: user:bob
                    relation: member
                    object: group:desk
                check:
                  - user: user:anne
                    object: asset:OKTA
                    assertions:
                      can_buy: true
                      trader: true
                  - users: [user:bob, user:anne]
                    object: asset:MSFT
                    assertions:
                      can_buy: true
                  - user: user:carl
                    object: asset:NVDA
                    context:
                      hour: 10
                    assertions:
                      can_buy: true
                list_objects:
                  - user: user:bob
                    type: asset
                    assertions:
                      can_buy:
                        - asset:MSFT
                list_users:
                  - object: asset:OKTA
                    user_filter:
                      - type: user
                    assertions:
                      can_buy:
                        users:
                          - user:anne
            """);
    }

    [Fact]
    public void Load_ReadsModelTuplesAndTests()
    {
        var store = StoreFile.Load(Path.Combine(_folder, "store.fga.yaml"));

        Assert.Equal("trading", store.Name);
        Assert.Equal(3, store.Tuples.Count);
        var test = Assert.Single(store.Tests);
        Assert.Equal(5, test.Checks.Count);
        Assert.Single(test.ListObjects);
        Assert.Equal(1, test.ListUsersCount);
    }

    [Fact]
    public void RunTests_ReportsEachAssertionAndSkipsListUsers()
    {
        var store = StoreFile.Load(Path.Combine(_folder, "store.fga.yaml"));

        var results = store.RunTests();

        var failures = results.Where(r => !r.Passed).ToList();
        Assert.Single(failures);
        Assert.Equal("check user:anne can_buy asset:MSFT", failures[0].Assertion);
        Assert.Equal("expected True, got False", failures[0].Failure);
        Assert.Single(results, r => r.Skipped);
        Assert.Equal(7, results.Count);
    }

    [Fact]
    public async Task AddEmbeddedFgaStore_AnswersFromTheStoreTuples()
    {
        var services = new ServiceCollection();
        services.AddAgentSafety().AddEmbeddedFgaStore(Path.Combine(_folder, "store.fga.yaml"));
        await using var provider = services.BuildServiceProvider();

        var results = await provider.GetRequiredService<IRelationshipChecker>().CheckAsync(
            [new("user:anne", "can_buy", "asset:OKTA"), new("user:bob", "can_buy", "asset:MSFT")]);

        Assert.Equal([true, false], results.Select(r => r.Allowed));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
