namespace AgentSafety.OpenFga.Tests;

/// <summary>Finds the read-only <c>shared/</c> folder that sits beside the repository root.</summary>
internal static class SharedData
{
    public static string PathOf(params string[] parts)
    {
        var path = RepositoryPaths.Shared(parts);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException($"{path} (the shared/ folder beside the repository) was not found");
    }
}
