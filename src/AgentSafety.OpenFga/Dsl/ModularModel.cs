using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>
/// Combines a modular model: an <c>fga.mod</c> manifest (<c>schema: '1.2'</c>, <c>contents:</c> a list of
/// <c>.fga</c> files) whose files each start with <c>module name</c> and hold <c>type</c>, <c>extend type</c> and
/// <c>condition</c> blocks.
/// </summary>
public static class ModularModel
{
    /// <summary>Loads and validates the modular model described by an <c>fga.mod</c> file.</summary>
    /// <exception cref="FormatException">The manifest is malformed.</exception>
    /// <exception cref="FgaModelSyntaxException">A module file is not well-formed.</exception>
    /// <exception cref="FgaModelValidationException">The combined model is invalid.</exception>
    public static AuthorizationModel Load(string fgaModPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(fgaModPath))!;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(fgaModPath)));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{fgaModPath}: not valid YAML ({ex.Message})", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || YamlValues.Get(root, "contents") is not YamlSequenceNode contents)
            throw new FormatException($"{fgaModPath}: expected 'schema' and a 'contents' list");
        var schema = YamlValues.GetString(root, "schema") ?? "";
        if (schema != "1.2")
            throw new FormatException($"{fgaModPath}: a modular model needs schema '1.2', not '{schema}'");

        var files = contents.Children.OfType<YamlScalarNode>()
            .Select(f => (Name: f.Value!, Text: File.ReadAllText(Path.Combine(folder, f.Value!))));
        var model = Combine(files);
        ModelValidator.ThrowIfInvalid(model);
        return model;
    }

    /// <summary>Combines module files given as (name, text) pairs into one unvalidated schema 1.2 model.</summary>
    /// <exception cref="FgaModelSyntaxException">A file is not a well-formed module, or two files clash.</exception>
    public static AuthorizationModel Combine(IEnumerable<(string Name, string Text)> files)
    {
        var documents = files.Select(f => (f.Name, Document: DslParser.ParseDocument(f.Text))).ToList();
        var types = new List<(DslTypeBuilder Type, string Module)>();
        var conditions = new Dictionary<string, ConditionDefinition>(StringComparer.Ordinal);
        foreach (var (name, document) in documents)
        {
            var module = document.Module
                ?? throw new FgaModelSyntaxException($"{name} does not start with 'module'", 0);
            foreach (var type in document.Types.Where(t => !t.Extends))
            {
                if (types.Any(t => t.Type.Name == type.Name))
                    throw new FgaModelSyntaxException($"{name}: type '{type.Name}' is defined in another module",
                        type.Line);
                types.Add((type, module));
            }

            foreach (var condition in document.Conditions)
            {
                if (!conditions.TryAdd(condition.Name, condition))
                    throw new FgaModelSyntaxException(
                        $"{name}: condition '{condition.Name}' is defined in another module", condition.Line ?? 0);
            }
        }

        var relations = types.ToDictionary(t => t.Type.Name, t => t.Type.Relations.ToList());
        foreach (var (name, document) in documents)
        {
            foreach (var extension in document.Types.Where(t => t.Extends))
            {
                if (!relations.TryGetValue(extension.Name, out var existing))
                    throw new FgaModelSyntaxException($"{name}: 'extend type {extension.Name}' names no type",
                        extension.Line);
                foreach (var relation in extension.Relations)
                {
                    if (existing.Any(r => r.Name == relation.Name))
                        throw new FgaModelSyntaxException(
                            $"{name}: relation '{relation.Name}' already exists on type '{extension.Name}'",
                            relation.Line);
                    existing.Add(relation);
                }
            }
        }

        var definitions = types.Select(t => new TypeDefinition(t.Type.Name,
            relations[t.Type.Name].Select(r => new RelationDefinition(r.Name, r.Rewrite, r.DirectTypes)).ToList(),
            t.Module)).ToList();
        return new AuthorizationModel("1.2", definitions, conditions);
    }
}
