using System;
using System.IO;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>The repository's top folder: the first folder above the test binaries that holds SessionBeacon.sln.</summary>
    public static class RepositoryRoot
    {
        private static readonly Lazy<string> s_path = new Lazy<string>(Locate);

        public static string Path => s_path.Value;

        private static string Locate()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "SessionBeacon.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new DirectoryNotFoundException("SessionBeacon.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
