namespace AgentSafety.Analyzers.Tests;

/// <summary>Finds files of the repository this test assembly was built from.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AgentSafety.Analyzers.sln")))
                return directory.FullName;

            directory = directory.Parent;
        }

        throw new InvalidOperationException("The repository root (holding AgentSafety.Analyzers.sln) was not found.");
    }
}
