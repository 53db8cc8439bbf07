using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace DeviceCheck.Tests
{
    /// <summary>Reads what a device project pins (packages.config) and references (.nfproj).</summary>
    public static class DeviceProjectFiles
    {
        public static IReadOnlyList<PackagePin> Pins(string packagesConfigXml)
        {
            return XDocument.Parse(packagesConfigXml).Descendants("package")
                .Select(package => new PackagePin((string)package.Attribute("id"), (string)package.Attribute("version"))).ToList();
        }

        public static IReadOnlyList<NfprojReference> References(string nfprojXml)
        {
            return XDocument.Parse(nfprojXml).Descendants().Where(element => element.Name.LocalName == "Reference")
                .Select(reference => new NfprojReference(
                    (string)reference.Attribute("Include"),
                    reference.Elements().FirstOrDefault(child => child.Name.LocalName == "HintPath")?.Value.Trim()))
                .ToList();
        }

        /// <summary>The &lt;ProjectReference Include&gt; paths of a .nfproj, with '/' separators, relative to its folder.</summary>
        public static IReadOnlyList<string> ProjectReferences(string nfprojXml)
        {
            return XDocument.Parse(nfprojXml).Descendants().Where(element => element.Name.LocalName == "ProjectReference")
                .Select(reference => ((string)reference.Attribute("Include")).Replace('\\', '/')).ToList();
        }

        /// <summary>The &lt;AssemblyName&gt; of a .nfproj.</summary>
        public static string AssemblyName(string nfprojXml)
        {
            return XDocument.Parse(nfprojXml).Descendants().Single(element => element.Name.LocalName == "AssemblyName").Value.Trim();
        }
    }
}
