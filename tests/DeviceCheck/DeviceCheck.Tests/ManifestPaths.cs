using System.IO;

namespace DeviceCheck.Tests
{
    /// <summary>The facts about the real nanoFramework libraries that the device check compares against (tests/DeviceCheck/Manifests).</summary>
    internal static class ManifestPaths
    {
        public static string Folder => Path.Combine(BuildPaths.RepositoryRoot, "tests", "DeviceCheck", "Manifests");

        public static string Api => Path.Combine(Folder, "api.json");

        public static string Packages => Path.Combine(Folder, "packages.json");
    }
}
