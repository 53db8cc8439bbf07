using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace DeviceCheck.Tests
{
    /// <summary>The package and version a shim file names in its first line ("Compile-only shim of nanoFramework.X 1.2.3 ...").</summary>
    public static class ShimHeader
    {
        private static readonly Regex s_cited = new Regex(@"(nanoFramework\.[A-Za-z0-9.]+[A-Za-z0-9]) (\d+\.\d+\.\d+)", RegexOptions.CultureInvariant);

        /// <summary>The cited package and version, or null when the first line names none.</summary>
        public static PackagePin Cited(string shimPath)
        {
            Match cited = s_cited.Match(File.ReadLines(shimPath).FirstOrDefault() ?? "");
            return cited.Success ? new PackagePin(cited.Groups[1].Value, cited.Groups[2].Value) : null;
        }
    }
}
