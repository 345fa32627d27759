namespace AgentSafety.OpenFga.Tests;

/// <summary>Finds the read-only <c>shared/</c> folder that sits beside the repository root.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentSafety.Analyzers.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                if (Directory.Exists(shared))
                    return shared;
            }
        }

        throw new DirectoryNotFoundException("the shared/ folder beside the repository root was not found");
    }
}
