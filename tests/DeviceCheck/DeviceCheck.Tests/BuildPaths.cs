using System;
using System.IO;
using System.Reflection;

namespace DeviceCheck.Tests
{
    /// <summary>Paths that the build wrote into this assembly's metadata (see the .csproj).</summary>
    internal static class BuildPaths
    {
        /// <summary>
        /// What NanoCompile built of one device assembly: Session.Core.Crypto.Nano, Session.Core.Micro.Nano,
        /// Session.Core.Ratchet.Nano, SessionBeacon.Foundation.Nano (the app's lower layer) or SessionBeacon.Portable.Nano
        /// (the app, whose device program Esp32Compile compiles).
        /// </summary>
        public static string PortableAssembly(string name) => Get(name);

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
