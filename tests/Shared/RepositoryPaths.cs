namespace AgentSafety.Testing;

/// <summary>
/// Finds the repository these tests were built from (the folder holding AgentSafety.Analyzers.sln) and the
/// read-only <c>shared/</c> folder that sits beside it, by walking up from the test binaries.
/// </summary>
internal static class RepositoryPaths
{
    private const string SolutionFile = "AgentSafety.Analyzers.sln";

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>A path inside the repository.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A path inside the <c>shared/</c> folder beside the repository.</summary>
    public static string Shared(params string[] parts) =>
        Path.GetFullPath(Path.Combine([Root, "..", "shared", .. parts]));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            directory = directory.Parent;

        return directory?.FullName
            ?? throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }
}
