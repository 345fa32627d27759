using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>Loads a model file: OpenFGA DSL (<c>.fga</c>) or, when the text starts with <c>{</c>, OpenFGA JSON.
/// </summary>
public static class ModelFile
{
    /// <summary>Reads and validates the model in <paramref name="path"/>; an <c>fga.mod</c> manifest loads a
    /// modular model.</summary>
    public static AuthorizationModel Load(string path) =>
        Path.GetFileName(path) == "fga.mod" ? ModularModel.Load(path) : Parse(File.ReadAllText(path));

    /// <summary>Parses and validates DSL or JSON model text.</summary>
    public static AuthorizationModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.TrimStart().StartsWith('{'))
            return DslParser.Parse(text);

        var model = AuthorizationModelJson.Parse(text);
        ModelValidator.ThrowIfInvalid(model);
        return model;
    }
}
