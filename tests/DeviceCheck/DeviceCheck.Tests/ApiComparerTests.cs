using System.Linq;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The comparer on small hand-made inputs: a shim source compiled at test time against
    /// nanoFramework's mscorlib, read back from its metadata, against a hand-written manifest.
    /// </summary>
    public class ApiComparerTests
    {
        private const string Upstream = @"{ ""types"": [
  { ""full_name"": ""Up.Mode"", ""kind"": ""enum"", ""modifiers"": [], ""attributes"": [""System.FlagsAttribute""], ""underlying_type"": ""System.Int32"",
    ""values"": [ { ""name"": ""A"", ""value"": 1 }, { ""name"": ""B"", ""value"": 3 } ] },
  { ""full_name"": ""Up.Base"", ""kind"": ""class"", ""modifiers"": [""abstract""], ""base_type"": ""System.Object"",
    ""members"": [ { ""kind"": ""constructor"", ""name"": "".ctor"", ""static"": false, ""access"": ""protected"", ""parameters"": [] } ] },
  { ""full_name"": ""Up.Thing"", ""kind"": ""class"", ""modifiers"": [], ""base_type"": ""Up.Base"", ""interfaces"": [""System.IDisposable""],
    ""members"": [
      { ""kind"": ""constructor"", ""name"": "".ctor"", ""static"": false, ""access"": ""public"", ""parameters"": [] },
      { ""kind"": ""method"", ""name"": ""Count"", ""static"": true, ""access"": ""public"", ""return_type"": ""System.Int32"",
        ""parameters"": [ { ""type"": ""System.String"", ""name"": ""s"" }, { ""type"": ""System.Int32"", ""name"": ""n"", ""optional"": true, ""default"": 5 } ] },
      { ""kind"": ""property"", ""name"": ""Name"", ""static"": false, ""type"": ""System.String"", ""get"": ""public"", ""set"": null },
      { ""kind"": ""field"", ""name"": ""Limit"", ""static"": true, ""access"": ""public"", ""type"": ""System.Int32"", ""readonly"": true },
      { ""kind"": ""explicit_interface_implementation"", ""name"": ""System.IDisposable.Dispose"", ""static"": false, ""access"": ""private (explicit)"",
        ""return_type"": ""System.Void"", ""parameters"": [] } ] },
  { ""full_name"": ""Up.Changed"", ""kind"": ""delegate"", ""modifiers"": [],
    ""invoke"": { ""return_type"": ""System.Void"", ""parameters"": [ { ""type"": ""System.Object"", ""name"": ""sender"" } ] } }
] }";

        private const string Shim = @"namespace Up
{
    [System.Flags] public enum Mode { A = 1, B = 3 }
    public abstract class Base { }
    public class Thing : Base, System.IDisposable
    {
        public static readonly int Limit = 1;
        public Thing() { }
        public static int Count(string s, int n = 5) => 0;
        public string Name => null;
        void System.IDisposable.Dispose() { }
    }
    public delegate void Changed(object sender);
}";

        [Fact]
        public void Compare_ShimAsUpstream_FindsNothing()
        {
            Assert.Empty(Differences(Shim));
        }

        [Theory]
        [InlineData("B = 3", "B = 2", "Up.Mode.B: value: the shim has 2, upstream has 3")]
        [InlineData("B = 3", "B = 3, C = 4", "Up.Mode.C: no such value upstream")]
        [InlineData("[System.Flags] public enum", "public enum", "Up.Mode: [Flags]: the shim has no, upstream has yes")]
        [InlineData("void System.IDisposable.Dispose()", "public void Dispose()",
            "Up.Thing.Dispose(): the shim declares public System.Void Dispose(), upstream it is the explicit interface implementation System.IDisposable.Dispose")]
        [InlineData("class Thing : Base, System.IDisposable", "class Thing : System.IDisposable", "Up.Thing: base type: the shim has System.Object, upstream has Up.Base")]
        [InlineData("class Thing : Base, System.IDisposable", "sealed class Thing : Base, System.IDisposable", "Up.Thing: modifiers: the shim has sealed, upstream has (none)")]
        [InlineData("Base, System.IDisposable|void System.IDisposable.Dispose() { }", "Base|", "Up.Thing: interfaces: the shim has (none), upstream has System.IDisposable")]
        [InlineData("public static int Count", "public int Count", "Up.Thing.Count(System.String,System.Int32): static: the shim has instance, upstream has static")]
        [InlineData("public static int Count", "public static long Count", "Up.Thing.Count(System.String,System.Int32): return type: the shim has System.Int64, upstream has System.Int32")]
        [InlineData("string s, int n", "string text, int n", "Up.Thing.Count(System.String,System.Int32): parameter 1 name: the shim has text, upstream has s")]
        [InlineData("int n = 5", "int n = 6", "Up.Thing.Count(System.String,System.Int32): parameter 2 default: the shim has 6, upstream has 5")]
        [InlineData("int n = 5", "int n", "Up.Thing.Count(System.String,System.Int32): parameter 2 default: the shim has (required), upstream has 5")]
        [InlineData("int Count(string s, int n = 5)", "int Count(string s, long n = 5)",
            "Up.Thing.Count(System.String,System.Int64): the shim declares public static System.Int32 Count(System.String s, System.Int64 n = 5), which does not exist upstream; upstream has public static System.Int32 Count(System.String s, System.Int32 n = 5)")]
        [InlineData("public string Name => null;", "public string Name { get; set; }", "Up.Thing.Name(): set accessor: the shim has public, upstream has (none)")]
        [InlineData("public static readonly int Limit", "public static int Limit", "Up.Thing.Limit(): readonly: the shim has writable, upstream has readonly")]
        [InlineData("public Thing() { }", "private Thing() { }", "")]
        [InlineData("public Thing() { }", "public Thing(int size) { }", "Up.Thing..ctor(System.Int32): the shim declares public constructor(System.Int32 size), which does not exist upstream")]
        [InlineData("delegate void Changed(object sender)", "delegate int Changed(object sender)", "Up.Changed.Invoke(System.Object): return type: the shim has System.Int32, upstream has System.Void")]
        [InlineData("public delegate void Changed", "public class Changed { } public delegate void Other", "Up.Changed: kind: the shim has class, upstream has delegate")]
        [InlineData("public abstract class Base { }", "public abstract class Base { } public class Extra { }", "Up.Extra: not in the manifest")]
        public void Compare_ShimDiffers_ReportsTheDifference(string find, string replace, string expected)
        {
            // find and replace may hold several edits, separated by '|'.
            string shim = Shim;
            string[] replacements = replace.Split('|');
            foreach (var (text, i) in find.Split('|').Select((text, i) => (text, i)))
            {
                Assert.Contains(text, shim);
                shim = shim.Replace(text, replacements[i]);
            }
            var differences = Differences(shim);
            if (expected.Length == 0)
            {
                // Members the shim leaves out or keeps private are no difference.
                Assert.Empty(differences);
            }
            else
            {
                Assert.True(differences.Any(line => line.StartsWith(expected, System.StringComparison.Ordinal)),
                    "expected a line starting with:\n  " + expected + "\ngot:\n  " + string.Join("\n  ", differences));
            }
        }

        private static System.Collections.Generic.IReadOnlyList<string> Differences(string shim)
        {
            return ApiComparer.Compare(AssemblyApi.Read(NanoCompiler.Compile(shim)), ApiManifest.Parse(Upstream));
        }
    }
}
