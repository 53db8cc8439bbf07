using System;
using System.IO;
using System.Reflection;

namespace DeviceCheck.Tests
{
    /// <summary>Paths that the build wrote into this assembly's metadata (see the .csproj).</summary>
    internal static class BuildPaths
    {
        public static string PortableAssembly => Get("PortableAssembly");

        public static string Esp32Assembly => Get("Esp32Assembly");

        public static string NanoMscorlib => Get("NanoMscorlib");

        public static string RepositoryRoot => Get("RepositoryRoot");

        private static string Get(string key)
        {
            foreach (AssemblyMetadataAttribute attribute in typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            {
                if (attribute.Key == key)
                {
                    return Path.GetFullPath(attribute.Value);
                }
            }
            throw new InvalidOperationException("build metadata '" + key + "' is missing from DeviceCheck.Tests");
        }
    }
}
