using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace AgentSafety.Analyzers.Benchmarks;

/// <summary>
/// Writes a project of <c>files</c> source files holding <c>tools</c> agent tools in all shapes (Semantic Kernel,
/// MCP, AIFunctionFactory registrations), each with a body of ordinary work: strings, HTTP requests, helpers. The
/// plain variant has the same bodies without any agent framework, to show the rules stop early. The clean variant
/// passes the rules: its classes are partial and it has no factory registrations of tools with requirements.
/// </summary>
internal sealed class GeneratedProject(
    string folder,
    int files,
    int tools,
    bool withAgentFrameworks,
    bool withAgentSafetyAnalyzers = true,
    bool clean = false)
{
    public string ProjectPath => Path.Combine(folder, "Generated.csproj");

    public void Write(string repositoryRoot, string analyzerPath, string runtimePath)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(ProjectPath, ProjectFile(repositoryRoot, analyzerPath, runtimePath));
        foreach (var (name, text) in Sources())
            File.WriteAllText(Path.Combine(folder, name), text);
    }

    /// <summary>The generated source files, by file name.</summary>
    public IEnumerable<(string Name, string Text)> Sources()
    {
        var perFile = tools / files;
        for (var file = 0; file < files; file++)
            yield return ($"Tools{file:D3}.cs", SourceFile(file, perFile));
    }

    private string ProjectFile(string repositoryRoot, string analyzerPath, string runtimePath)
    {
        var versions = XDocument.Load(Path.Combine(repositoryRoot, "Directory.Packages.props"));
        var properties = versions.Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup")
            .ToDictionary(e => e.Name.LocalName, e => e.Value);
        string Version(string id)
        {
            var raw = versions.Descendants("PackageVersion").First(e => (string?)e.Attribute("Include") == id)
                .Attribute("Version")!.Value;
            return raw.StartsWith("$(", StringComparison.Ordinal) ? properties[raw[2..^1]] : raw;
        }

        var references = new StringBuilder();
        if (withAgentSafetyAnalyzers)
            references.AppendLine($"    <Analyzer Include=\"{analyzerPath}\" />");

        if (withAgentFrameworks)
        {
            references.AppendLine($"    <Reference Include=\"{runtimePath}\" />");
            var packages = new[]
            {
                "Microsoft.Extensions.AI", "Microsoft.SemanticKernel.Abstractions", "ModelContextProtocol.Core",
            };
            foreach (var id in packages)
                references.AppendLine($"    <PackageReference Include=\"{id}\" Version=\"{Version(id)}\" />");
        }

        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);CS1998;MEAI001</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """;
    }

    private string SourceFile(int file, int perFile)
    {
        var source = new StringBuilder();
        source.AppendLine("using System.ComponentModel;");
        source.AppendLine("using System.Net.Http;");
        source.AppendLine("using System.Net.Http.Headers;");
        if (withAgentFrameworks)
        {
            source.AppendLine("using AgentSafety;");
            source.AppendLine("using Microsoft.Extensions.AI;");
            source.AppendLine("using Microsoft.SemanticKernel;");
            source.AppendLine("using ModelContextProtocol.Server;");
        }

        source.AppendLine();
        source.AppendLine("namespace Generated;");
        source.AppendLine();
        var partial = clean ? "partial " : "";
        source.AppendLine($"public sealed {partial}class ToolSet{file:D3}(HttpClient http)");
        source.AppendLine("{");
        for (var index = 0; index < perFile; index++)
            source.Append(Tool(file, index));

        source.AppendLine(Helper(file));
        // A clean project would register the generated guarded tools instead, but those do not exist in the
        // variant built without the generator, so the registrations are left out.
        if (withAgentFrameworks && !clean)
        {
            source.AppendLine("    public AIFunction[] Register() =>");
            source.AppendLine("    [");
            for (var index = 0; index < perFile; index++)
            {
                if (index % 3 == 2)
                    source.AppendLine($"        AIFunctionFactory.Create(Tool{index}, \"tool_{file}_{index}\"),");
            }

            source.AppendLine("    ];");
        }

        source.AppendLine("}");
        return source.ToString();
    }

    private string Tool(int file, int index)
    {
        var attributes = !withAgentFrameworks
            ? ""
            : (index % 3) switch
            {
                0 => "    [KernelFunction, Description(\"Looks up an order\"), RequiresPermission(\"orders:read\")]\n",
                1 => "    [McpServerTool, Description(\"Reads a record\"), RequiresPermission(\"records:read\")]\n",
                _ => "    [RequiresPermission(\"reports:read\")]\n",
            };
        var tokenParameter = withAgentFrameworks && index % 2 == 0
            ? ", [DelegatedToken(\"api\", \"read\")] AccessToken token"
            : "";
        // A quarter of the tools name their id like a user's, so that AS1003 reads them and follows the id into
        // Header; a quarter hand the token's text to the Bearer helper, so that AS3002 follows it there.
        var id = withAgentFrameworks && index % 4 == 1 ? "ownerId" : "id";
        var authorization = (withAgentFrameworks, index % 4) switch
        {
            (true, 0) => "Bearer(token.Value)",
            (true, 2) => "new AuthenticationHeaderValue(\"Bearer\", token.Value)",
            _ => $"new AuthenticationHeaderValue(\"Bearer\", Header({id}))",
        };
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {{attributes}}    public async Task<string> Tool{{index}}(string {{id}}, int count{{tokenParameter}})
                {
                    var url = $"https://api.example.com/{{file}}/{{{id}}}?n={count}";
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Authorization = {{authorization}};
                    var text = string.Join(",", Enumerable.Range(0, count).Select(i => {{id}} + i));
                    if (text.Length > 100)
                        text = text[..100];

                    var response = await http.SendAsync(request);
                    return Normalize(text + response.StatusCode);
                }

            """);
    }

    private static string Helper(int file) => string.Create(CultureInfo.InvariantCulture, $$"""
            private static string Header(string id) => "h" + id.Length.ToString();

            private static AuthenticationHeaderValue Bearer(string value) => new("Bearer", value);

            private static string Normalize(string value) =>
                value.Trim().ToUpperInvariant().Replace("{{file}}", "#", StringComparison.Ordinal);
        """);
}
