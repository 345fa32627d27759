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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
