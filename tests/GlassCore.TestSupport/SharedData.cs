// Locates ../shared (specs, vectors, captures) from any test's working directory.
namespace GlassCore.TestSupport;

public static class SharedData
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The shared/ folder: $GLASSCORE_SHARED, else the first `shared` folder found walking up from the test binaries.</summary>
    public static string Root => s_root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Vectors(string file) => Path("vectors", file);

    public static string Captures(string file) => Path("captures", file);

    public static string Specs(params string[] parts) => Path(["specs", .. parts]);

    private static string FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("GLASSCORE_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "vectors")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/ not found above " + AppContext.BaseDirectory + "; set GLASSCORE_SHARED");
    }
}
