using AgentSafety.OpenFga.Dsl;
using Microsoft.Extensions.DependencyInjection;

namespace AgentSafety.OpenFga.Tests;

public sealed class HostingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentsafety-fga-").FullName;

    [Fact]
    public async Task AddEmbeddedFga_FromFiles_RegistersTheRelationshipChecker()
    {
        var modelPath = Path.Combine(_folder, "model.fga");
        var tuplesPath = Path.Combine(_folder, "tuples.yaml");
        await File.WriteAllTextAsync(modelPath, """
            model
              schema 1.1
            type user
            type asset
              relations
                define trader: [user]
                define can_buy: trader
            """);
        await File.WriteAllTextAsync(tuplesPath, """
            tuples:
              - user: user:anne
                relation: trader
                object: asset:OKTA
            """);
        var services = new ServiceCollection();

        services.AddAgentSafety().AddEmbeddedFga(modelPath, tuplesPath);

        using var provider = services.BuildServiceProvider();
        var checker = provider.GetRequiredService<IRelationshipChecker>();
        var results = await checker.CheckAsync([new("user:anne", "can_buy", "asset:OKTA")]);
        Assert.IsType<EmbeddedFgaEvaluator>(checker);
        Assert.True(Assert.Single(results).Allowed);
    }

    [Fact]
    public async Task AddEmbeddedFga_WithJsonModel_ReadsTheApiShape()
    {
        var modelPath = Path.Combine(_folder, "model.json");
        var tuplesPath = Path.Combine(_folder, "tuples.yaml");
        await File.WriteAllTextAsync(modelPath, """
            {
              "schema_version": "1.1",
              "type_definitions": [
                { "type": "user" },
                {
                  "type": "asset",
                  "relations": { "trader": { "this": {} } },
                  "metadata": { "relations": { "trader": { "directly_related_user_types": [{ "type": "user" }] } } }
                }
              ]
            }
            """);
        await File.WriteAllTextAsync(tuplesPath, "- { user: 'user:anne', relation: trader, object: 'asset:OKTA' }");
        var services = new ServiceCollection();

        services.AddAgentSafety().AddEmbeddedFga(modelPath, tuplesPath);

        using var provider = services.BuildServiceProvider();
        var results = await provider.GetRequiredService<IRelationshipChecker>().CheckAsync(
            [new("user:anne", "trader", "asset:OKTA"), new("user:bob", "trader", "asset:OKTA")]);
        Assert.Equal([true, false], results.Select(r => r.Allowed));
    }

    [Fact]
    public void AddEmbeddedFga_WithInvalidModel_FailsAtRegistration()
    {
        var modelPath = Path.Combine(_folder, "model.fga");
        var tuplesPath = Path.Combine(_folder, "tuples.yaml");
        File.WriteAllText(modelPath, "model\n  schema 1.1\ntype asset\n  relations\n    define trader: [person]\n");
        File.WriteAllText(tuplesPath, "[]");

        var error = Assert.Throws<FgaModelValidationException>(() =>
            new ServiceCollection().AddAgentSafety().AddEmbeddedFga(modelPath, tuplesPath));

        Assert.Equal(FgaErrorCode.InvalidAuthorizationModel, error.Code);
        Assert.Contains("`person` is not a valid type.", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
