using AgentSafety.OpenFga.Dsl;

namespace AgentSafety.OpenFga.Tests;

public sealed class ModularModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentsafety-modules-").FullName;

    [Fact]
    public void FgaMod_CombinesModulesAndExtensions()
    {
        Write("fga.mod", """
            schema: '1.2'
            contents:
              - core.fga
              - trading.fga
            """);
        Write("core.fga", """
            module core
            type user
            type group
              relations
                define member: [user]
            """);
        Write("trading.fga", """
            module trading
            extend type group
              relations
                define trader: [user]
            type asset
              relations
                define desk: [group]
                define can_buy: trader from desk
            """);

        var model = ModelFile.Load(Path.Combine(_folder, "fga.mod"));
        var fga = new EmbeddedFgaEvaluator(model, [
            new("group:desk1", "desk", "asset:OKTA"),
            new("user:anne", "trader", "group:desk1"),
        ]);

        Assert.Equal("1.2", model.SchemaVersion);
        Assert.Equal(["user", "group", "asset"], model.Types.Select(t => t.Name));
        Assert.Equal("trading", model.FindType("asset")?.Module);
        Assert.True(fga.Check(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
    }

    [Fact]
    public void ExtendingAnUnknownType_IsRejected()
    {
        var error = Assert.Throws<FgaModelSyntaxException>(() => ModularModel.Combine([
            ("core.fga", "module core\ntype user\n"),
            ("other.fga", "module other\nextend type folder\n  relations\n    define viewer: [user]\n"),
        ]));

        Assert.Contains("'extend type folder' names no type", error.Message);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
