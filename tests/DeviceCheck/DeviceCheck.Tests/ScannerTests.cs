using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The scanner must reject each construct of docs/portable-csharp.md §3 and name where it is.
    /// Each source is compiled during the test, against nanoFramework's mscorlib where that mscorlib
    /// has what the source needs, otherwise against the .NET runtime.
    /// </summary>
    public class ScannerTests
    {
        public static TheoryData<string, bool, string, string> ForbiddenSources => new TheoryData<string, bool, string, string>
        {
            { "class C { static T Id<T>(T x) { return x; } }", true, "C.Id", "generic method definition" },
            { "class Box<T> { T _v; }", true, "Box`1", "generic type definition" },
            { "interface IThing<T> { }", true, "IThing`1", "generic type definition" },
            { "class C { static object M() { return new System.Collections.Generic.List<int>(); } }", false, "C.M", "generic instantiation System.Collections.Generic.List`1<Int32>" },
            { "class C { static System.Action<int> s_a; }", true, "C.s_a", "generic instantiation System.Action`1<Int32>" },
            { "class C { static void M() { System.Action<int> a = x => { }; a(1); } }", true, "C.M", "generic instantiation System.Action`1<Int32>" },
            { "class C { static int M() { System.Func<int, int> f = x => x + 1; return f(1); } }", false, "C.M", "generic instantiation System.Func`2<Int32,Int32>" },
            { "class E : System.EventArgs { } class C { event System.EventHandler<E> Changed; void M() { Changed(this, null); } }", false, "C.Changed", "generic instantiation System.EventHandler`1<E>" },
            { "class C { static int M() { int[,] a = new int[2, 2]; return a[1, 1]; } }", true, "C.M", "multi-dimensional array Int32[,]" },
            { "class C { static int[,] s_grid; }", true, "C.s_grid", "multi-dimensional array Int32[,]" },
            { "interface I { int F() { return 1; } }", false, "I.F", "interface method with a body" },
            { "unsafe class C { static int* P(int* p) { return p; } }", true, "C.P", "pointer type Int32*" },
            { "unsafe class C { static byte M() { byte* b = stackalloc byte[16]; return b[0]; } }", true, "C.M", "localloc" },
            { "class C { static T Id<T>(T x) { return x; } static int M() { return Id(1); } }", true, "C.M", "generic method instantiation C.Id<Int32>" },
            { "class C { static int M(string s) { int n = 0; for (int i = 0; i < 3; i++) { n += s[i]; } return n; } }", true, "C.M", "String.get_Chars" },
            { "class C { static int M(string s) { int n = 0; foreach (char c in s) { n += c; } return n; } }", true, "C.M", "String.get_Chars" },
            { "class Outer { class Inner { static char First(string s) { return s[0]; } } }", true, "Outer+Inner.First", "String.get_Chars" },
            { "class C { static int M(string s, char[] a) { int n = 0; for (int i = 0; i < s.Length; i++) { n += a[i]; } return n; } }", true, "C.M", "String.get_Length inside a loop" },
            { "class C { string _t = \"\"; int M() { int i = 0; while (i < _t.Length) { i++; } return i; } }", true, "C.M", "String.get_Length inside a loop" },
        };

        [Theory]
        [MemberData(nameof(ForbiddenSources))]
        public void Scan_ForbiddenConstruct_ReportsItWithItsMember(string source, bool onNanoMscorlib, string member, string problem)
        {
            var findings = ScanSource(source, onNanoMscorlib);
            Assert.Contains(findings, line => line.StartsWith(member + ": ", StringComparison.Ordinal) && line.Contains(problem));
        }

        [Fact]
        public void Scan_CleanSource_ReportsNothing()
        {
            const string source = @"
using System;
using System.Collections;
public delegate void Pressed(int pin);
public interface IButton { bool IsDown { get; } event Pressed Down; }
public struct Reading { public int Value; }
public sealed class Clean : IButton
{
    private static readonly uint[] s_table = { 1, 2, 3, 4 };
    private readonly ArrayList _seen = new ArrayList();
    public bool IsDown { get { return _seen.Count > 0; } }
    public event Pressed Down;
    public int Sum(byte[][] jagged, ref Reading reading, in Reading other)
    {
        int total = reading.Value + other.Value;
        foreach (byte[] row in jagged) { foreach (byte b in row) { total += b; } }
        Pressed local = pin => { total += pin; };
        local(7);
        if (Down != null) { Down(total); }
        try { total += (int)s_table[total & 3]; } catch (IndexOutOfRangeException) { total = -1; }
        string text = ""t="" + total.ToString(""x2"");
        return total + text.Length;
    }
}";
            Assert.Empty(ScanSource(source, onNanoMscorlib: true));
        }

        [Fact]
        public void Scan_StringWalkedOnceOrReplacedEachTurn_ReportsNothing()
        {
            const string source = @"
public static class Walks
{
    public static int Hoisted(string s, char[] a) { int n = s.Length; int sum = 0; for (int i = 0; i < n; i++) { sum += a[i]; } return sum; }
    public static int Chars(string s) { char[] c = s.ToCharArray(); int sum = 0; for (int i = 0; i < c.Length; i++) { sum += c[i]; } return sum; }
    public static int EachWord(string[] words) { int sum = 0; foreach (string w in words) { sum += w.Length; } return sum; }
    public static string Shorter(string s) { while (s.Length > 1) { s = s.Substring(1); } return s; }
    public static int After(string s, int k) { int i = 0; while (i < k) { i++; } return i + s.Length; }
}";
            Assert.Empty(ScanSource(source, onNanoMscorlib: true));
        }

        [Fact]
        public void Scan_AllowListedMember_NotReportedAndOthersStillAre()
        {
            const string source = "class C { static char Listed(string s) { return s[1]; } static char Other(string s) { return s[1]; } }";
            var allowed = new Dictionary<string, string> { ["C.Listed"] = "its string is at most two characters" };
            IReadOnlyList<string> findings = ScanSource(source, onNanoMscorlib: true, allowed);
            Assert.Contains(findings, line => line.StartsWith("C.Other: String.get_Chars", StringComparison.Ordinal));
            Assert.DoesNotContain(findings, line => line.StartsWith("C.Listed: ", StringComparison.Ordinal));
            Assert.Contains(ScanSource(source, onNanoMscorlib: true), line => line.StartsWith("C.Listed: String.get_Chars", StringComparison.Ordinal));
        }

        [Fact]
        public void AllowList_EachEntryHasAReasonAndIsStillNeeded()
        {
            var unlisted = new List<string>();
            foreach (string assembly in PortableAssemblyTests.PortableAssemblies)
            {
                unlisted.AddRange(PortableIlScanner.Scan(BuildPaths.PortableAssembly(assembly), new Dictionary<string, string>()));
            }
            unlisted.AddRange(PortableIlScanner.Scan(BuildPaths.Esp32Assembly, new Dictionary<string, string>()));
            foreach (var (member, reason) in StringWalkAllowList.Entries)
            {
                Assert.False(string.IsNullOrWhiteSpace(reason) || reason.Contains('\n'), member + " needs a one-line reason");
                Assert.True(unlisted.Exists(line => line.StartsWith(member + ": String.get_", StringComparison.Ordinal)),
                    member + " no longer indexes a string: remove it from StringWalkAllowList");
            }
        }

        private static IReadOnlyList<string> ScanSource(string source, bool onNanoMscorlib, IReadOnlyDictionary<string, string> stringWalkers = null)
        {
            string path = Compile(source, onNanoMscorlib);
            try
            {
                return stringWalkers == null ? PortableIlScanner.Scan(path) : PortableIlScanner.Scan(path, stringWalkers);
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static string Compile(string source, bool onNanoMscorlib)
        {
            var compilation = CSharpCompilation.Create(
                "Probe" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source) },
                onNanoMscorlib ? new[] { MetadataReference.CreateFromFile(BuildPaths.NanoMscorlib) } : RuntimeReferences(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            string path = Path.Combine(Path.GetTempPath(), compilation.AssemblyName + ".dll");
            var result = compilation.Emit(path);
            Assert.True(result.Success, "probe source did not compile:\n" + string.Join("\n", result.Diagnostics));
            return path;
        }

        private static IEnumerable<MetadataReference> RuntimeReferences()
        {
            string assemblies = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES");
            return assemblies.Split(Path.PathSeparator).Select(path => MetadataReference.CreateFromFile(path));
        }
    }
}
