using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AgentSafety.Samples.Tests;

/// <summary>
/// Packs the AgentSafety NuGet package and builds a fresh project from it, as a user who only adds the package
/// would: the analyzers must report, the generator must emit guarded tools, and the program must run.
/// </summary>
public sealed partial class PackageConsumptionTests
{
    private const string Consumer = """
        using System.ComponentModel;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        var guard = new ToolGuard(new DefaultToolPrincipalAccessor());
        var tools = new Tools().CreateGuardedTools(guard);
        var unguarded = AIFunctionFactory.Create((string path) => System.IO.File.Delete(path), "DeleteFile");
        var result = await ((AIFunction)tools[0]).InvokeAsync(new AIFunctionArguments { ["id"] = "42" });
        System.Console.WriteLine($"{tools[0].Name}: {result}; unguarded: {unguarded.Name}");

        public sealed partial class Tools
        {
            [Description("Reads an order")]
            [RequiresPermission("orders:read")]
            public string ReadOrder(string id) => "order " + id;
        }
        """;

    [Fact]
    public async Task PackedPackage_ReportsGeneratesAndRuns()
    {
        var work = Directory.CreateTempSubdirectory("agentsafety-package-");
        var version = $"0.1.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;

        var pack = await SampleProcess.RunAsync("dotnet",
        [
            "pack", Path.Combine(SampleProcess.RepositoryRoot, "src", "AgentSafety", "AgentSafety.csproj"),
            "--no-build", "-c", SampleProcess.Configuration, "-o", feed, $"-p:Version={version}",
        ]);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var project = Directory.CreateDirectory(Path.Combine(work.FullName, "consumer")).FullName;
        WriteConsumer(project, feed, version);
        var run = await SampleProcess.RunAsync("dotnet", ["run", "--project", project], workingDirectory: project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ReadOrder: Denied: no signed-in user", run.Output);
        Assert.Matches(WarningPattern(), run.Output);
        work.Delete(recursive: true);
    }

    private static void WriteConsumer(string project, string feed, string version)
    {
        var meaiVersion = CentralVersion("Microsoft.Extensions.AI");
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AgentSafety" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.AI" Version="{meaiVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="agentsafety-test-feed" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Consumer);
    }

    private static string CentralVersion(string package)
    {
        var props = XDocument.Load(Path.Combine(SampleProcess.RepositoryRoot, "Directory.Packages.props"));
        var properties = props.Descendants().Where(element => element.Parent?.Name == "PropertyGroup")
            .ToDictionary(element => element.Name.LocalName, element => element.Value);
        var version = props.Descendants("PackageVersion")
            .Single(element => (string?)element.Attribute("Include") == package).Attribute("Version")!.Value;
        return PropertyReference().Replace(version, match => properties[match.Groups[1].Value]);
    }

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"Program\.cs\(7,\d+\): warning AS1001")]
    private static partial Regex WarningPattern();
}
