using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>The package-set check on a small hand-made manifest, packages.config and .nfproj.</summary>
    public class PackageSetCheckTests
    {
        private const string Manifest = @"{
  ""core_library"": { ""id"": ""nanoFramework.CoreLibrary"", ""version"": ""1.17.11"" },
  ""packages"": [
    { ""id"": ""nanoFramework.CoreLibrary"", ""version"": ""1.17.11"", ""corelibrary_dependency"": null,
      ""assembly_file"": ""lib\\mscorlib.dll"", ""assembly_name"": ""mscorlib"", ""dependencies"": [] },
    { ""id"": ""nanoFramework.Runtime.Events"", ""version"": ""1.11.37"", ""corelibrary_dependency"": ""1.17.11"",
      ""assembly_file"": ""lib\\nanoFramework.Runtime.Events.dll"", ""assembly_name"": ""nanoFramework.Runtime.Events"",
      ""dependencies"": [ { ""id"": ""nanoFramework.CoreLibrary"", ""range"": ""[1.17.11, )"" } ] },
    { ""id"": ""nanoFramework.System.Net"", ""version"": ""1.11.54"", ""corelibrary_dependency"": ""1.17.11"",
      ""assembly_file"": ""lib\\System.Net.dll"", ""assembly_name"": ""System.Net"",
      ""dependencies"": [ { ""id"": ""nanoFramework.CoreLibrary"", ""range"": ""[1.17.11, )"" }, { ""id"": ""nanoFramework.Runtime.Events"", ""range"": ""[1.11.37, )"" } ] },
    { ""id"": ""nanoFramework.System.Text"", ""version"": ""1.3.42"", ""corelibrary_dependency"": ""1.17.11"",
      ""assembly_file"": ""lib\\nanoFramework.System.Text.dll"", ""assembly_name"": ""nanoFramework.System.Text"",
      ""dependencies"": [ { ""id"": ""nanoFramework.CoreLibrary"", ""range"": ""[1.17.11, )"" } ] },
    { ""id"": ""nanoFramework.Graphics.Core"", ""version"": ""1.2.45"", ""corelibrary_dependency"": ""1.16.11"",
      ""assembly_file"": ""lib\\nanoFramework.Graphics.Core.dll"", ""assembly_name"": ""nanoFramework.Graphics.Core"", ""dependencies"": [] }
  ],
  ""not_usable"": [
    { ""id"": ""nanoFramework.Runtime.Events"", ""version"": ""1.11.18"", ""corelibrary_dependency"": ""1.15.5"", ""reason"": ""built on mscorlib 1.15"" }
  ]
}";

        private static readonly string Project = Path.Combine(Path.GetTempPath(), "repo", "src", "App");

        private static readonly string Packages = Path.Combine(Path.GetTempPath(), "repo", "packages");

        private const int Events = 1;

        private const int Net = 2;

        private const int Text = 3;

        private static readonly PackagePin[] GoodPins =
        {
            new PackagePin("nanoFramework.CoreLibrary", "1.17.11"),
            new PackagePin("nanoFramework.Runtime.Events", "1.11.37"),
            new PackagePin("nanoFramework.System.Net", "1.11.54"),
            new PackagePin("nanoFramework.System.Text", "1.3.42"),
        };

        private static readonly NfprojReference[] GoodReferences =
        {
            new NfprojReference("mscorlib", @"..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll"),
            new NfprojReference("nanoFramework.Runtime.Events", @"..\..\packages\nanoFramework.Runtime.Events.1.11.37\lib\nanoFramework.Runtime.Events.dll"),
            new NfprojReference("System.Net, Version=1.11.54.0, Culture=neutral", @"..\..\packages\nanoFramework.System.Net.1.11.54\lib\System.Net.dll"),
            new NfprojReference("nanoFramework.System.Text", @"..\..\packages\nanoFramework.System.Text.1.3.42\lib\nanoFramework.System.Text.dll"),
        };

        [Fact]
        public void Check_MatchingSet_FindsNothing()
        {
            Assert.Empty(Check(GoodPins, GoodReferences));
        }

        [Fact]
        public void Check_OlderDependencyThanAPackageNeeds_NamesBoth()
        {
            var pins = Replace(GoodPins, Events, new PackagePin("nanoFramework.Runtime.Events", "1.11.32"));
            var references = Replace(GoodReferences, Events, new NfprojReference("nanoFramework.Runtime.Events", @"..\..\packages\nanoFramework.Runtime.Events.1.11.32\lib\nanoFramework.Runtime.Events.dll"));
            var problems = Check(pins, references);
            Assert.Contains("nanoFramework.Runtime.Events: packages.config pins 1.11.32, packages.json gives 1.11.37", problems);
            Assert.Contains("nanoFramework.System.Net 1.11.54 needs nanoFramework.Runtime.Events [1.11.37, ), packages.config pins 1.11.32", problems);
        }

        [Fact]
        public void Check_VersionBuiltOnAnotherCoreLibrary_SaysItWouldNotStart()
        {
            var pins = Replace(GoodPins, Events, new PackagePin("nanoFramework.Runtime.Events", "1.11.18"));
            var references = Replace(GoodReferences, Events, new NfprojReference("nanoFramework.Runtime.Events", @"..\..\packages\nanoFramework.Runtime.Events.1.11.18\lib\nanoFramework.Runtime.Events.dll"));
            var problems = Check(pins, references);
            Assert.Contains("nanoFramework.Runtime.Events: packages.config pins 1.11.18, packages.json gives 1.11.37 (1.11.18: built on mscorlib 1.15)", problems);
            Assert.Contains(problems, line => line.StartsWith("nanoFramework.Runtime.Events 1.11.18 is built on nanoFramework.CoreLibrary 1.15.5, not 1.17.x: nanoCLR links"));
        }

        [Fact]
        public void Check_ManifestVersionOnAnotherCoreLibrary_IsReported()
        {
            var pins = GoodPins.Append(new PackagePin("nanoFramework.Graphics.Core", "1.2.45")).ToArray();
            var references = GoodReferences.Append(new NfprojReference("nanoFramework.Graphics.Core", @"..\..\packages\nanoFramework.Graphics.Core.1.2.45\lib\nanoFramework.Graphics.Core.dll")).ToArray();
            Assert.Contains(Check(pins, references), line => line.StartsWith("nanoFramework.Graphics.Core 1.2.45 is built on nanoFramework.CoreLibrary 1.16.11, not 1.17.x"));
        }

        [Fact]
        public void Check_DependencyNotPinned_IsReported()
        {
            var pins = GoodPins.Where(pin => pin.Id != "nanoFramework.Runtime.Events").ToArray();
            var references = GoodReferences.Where(reference => reference.Include != "nanoFramework.Runtime.Events").ToArray();
            Assert.Equal(new[] { "nanoFramework.System.Net 1.11.54 needs nanoFramework.Runtime.Events [1.11.37, ), which packages.config does not pin" }, Check(pins, references));
        }

        [Fact]
        public void Check_HintPathToAFileThePackageDoesNotShip_NamesTheRealFile()
        {
            var references = Replace(GoodReferences, Text, new NfprojReference("System.Text", @"..\..\packages\nanoFramework.System.Text.1.3.42\lib\System.Text.dll"));
            var problems = Check(GoodPins, references);
            Assert.Contains(@"Reference System.Text: HintPath ..\..\packages\nanoFramework.System.Text.1.3.42\lib\System.Text.dll, but nanoFramework.System.Text 1.3.42 ships lib\nanoFramework.System.Text.dll: ..\..\packages\nanoFramework.System.Text.1.3.42\lib\nanoFramework.System.Text.dll", problems);
            Assert.Contains("Reference System.Text: the assembly in nanoFramework.System.Text 1.3.42 is named nanoFramework.System.Text", problems);
        }

        [Fact]
        public void Check_HintPathOutsideTheSolutionsPackagesFolder_IsReported()
        {
            var references = Replace(GoodReferences, Net, new NfprojReference("System.Net", @"..\packages\nanoFramework.System.Net.1.11.54\lib\System.Net.dll"));
            var problems = Check(GoodPins, references);
            Assert.Contains(@"Reference System.Net: HintPath ..\packages\nanoFramework.System.Net.1.11.54\lib\System.Net.dll points into no package that packages.config pins (HintPaths are ..\..\packages\<id>.<version>\<assembly file>, relative to the .nfproj)", problems);
            Assert.Contains(problems, line => line.StartsWith(@"nanoFramework.System.Net 1.11.54: pinned, but no Reference points into it; add <Reference Include=""System.Net""><HintPath>..\..\packages\nanoFramework.System.Net.1.11.54\lib\System.Net.dll</HintPath>"));
        }

        [Fact]
        public void Check_PackagePinnedTwice_IsReported()
        {
            var pins = GoodPins.Append(new PackagePin("nanoFramework.System.Text", "1.3.40")).ToArray();
            Assert.Contains("nanoFramework.System.Text: pinned twice, 1.3.42 and 1.3.40", Check(pins, GoodReferences));
        }

        [Fact]
        public void Check_CoreLibraryNotPinned_IsReported()
        {
            Assert.Equal(new[] { "nanoFramework.CoreLibrary: not pinned; every device project builds against it (1.17.11)" }, Check(new PackagePin[0], new NfprojReference[0]));
        }

        [Fact]
        public void Check_PackageTheManifestDoesNotKnow_IsReported()
        {
            var pins = GoodPins.Append(new PackagePin("nanoFramework.System.Math", "1.5.116")).ToArray();
            var problems = Check(pins, GoodReferences);
            Assert.Contains("nanoFramework.System.Math 1.5.116: not in packages.json; record the package's facts there before pinning it", problems);
        }

        [Fact]
        public void Pins_And_References_AreReadFromTheProjectFiles()
        {
            var pins = DeviceProjectFiles.Pins("<?xml version=\"1.0\"?><packages><package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\" targetFramework=\"netnano1.0\" /></packages>");
            var references = DeviceProjectFiles.References("<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><ItemGroup>"
                + "<Reference Include=\"mscorlib, Version=1.17.11.0\"><HintPath> ..\\..\\packages\\x\\lib\\mscorlib.dll </HintPath></Reference>"
                + "<Reference Include=\"System\" /></ItemGroup></Project>");
            Assert.Equal(new[] { new PackagePin("nanoFramework.CoreLibrary", "1.17.11") }, pins);
            Assert.Equal(new[] { new NfprojReference("mscorlib, Version=1.17.11.0", @"..\..\packages\x\lib\mscorlib.dll"), new NfprojReference("System", null) }, references);
            Assert.Equal("mscorlib", references[0].AssemblyName);
        }

        private static IReadOnlyList<string> Check(IReadOnlyList<PackagePin> pins, IReadOnlyList<NfprojReference> references)
        {
            return PackageSetCheck.Check(PackageManifest.Parse(Manifest), pins, references, Project, Packages);
        }

        // GoodPins[i] and GoodReferences[i] are the same package.
        private static T[] Replace<T>(T[] items, int index, T replacement)
        {
            var copy = (T[])items.Clone();
            copy[index] = replacement;
            return copy;
        }
    }
}
