using System;
using System.IO;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Every device assembly keeps 15 % of nanoFramework's byte-code limit free, optimised (Release)
    /// and not (Debug, what Visual Studio deploys by default); docs/portable-csharp.md §5.
    /// </summary>
    public class ByteCodeBudgetTests
    {
        private static readonly Lazy<DeviceProjectCompiler> s_release = new Lazy<DeviceProjectCompiler>(() => new DeviceProjectCompiler(OptimizationLevel.Release));

        private static readonly Lazy<DeviceProjectCompiler> s_debug = new Lazy<DeviceProjectCompiler>(() => new DeviceProjectCompiler(OptimizationLevel.Debug));

        private readonly ITestOutputHelper _output;

        public ByteCodeBudgetTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string, OptimizationLevel> DeviceAssemblies()
        {
            var data = new TheoryData<string, OptimizationLevel>();
            foreach (string project in DeviceProjects.Paths)
            {
                data.Add(project, OptimizationLevel.Release);
                data.Add(project, OptimizationLevel.Debug);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(DeviceAssemblies))]
        public void DeviceAssembly_StaysWithinItsByteCodeBudget(string project, OptimizationLevel configuration)
        {
            DeviceProjectCompiler compiler = configuration == OptimizationLevel.Release ? s_release.Value : s_debug.Value;
            int il = IlBytes.Count(compiler.Compile(project));
            string assembly = Path.GetFileNameWithoutExtension(project);
            _output.WriteLine(ByteCodeBudget.Describe(assembly, configuration, il));
            string problem = ByteCodeBudget.Problem(assembly, configuration, il);
            Assert.True(problem == null, problem);
        }

        [Theory]
        [InlineData(OptimizationLevel.Release)]
        [InlineData(OptimizationLevel.Debug)]
        public void MaxIl_IsTheMostIlWhoseByteCodeLeavesFifteenPercentOfTheLimitFree(OptimizationLevel configuration)
        {
            int max = ByteCodeBudget.MaxIl(configuration);
            Assert.True(max * ByteCodeBudget.Ratio(configuration) <= 0.85 * ByteCodeBudget.Limit);
            Assert.True((max + 1) * ByteCodeBudget.Ratio(configuration) > 0.85 * ByteCodeBudget.Limit);
        }

        [Fact]
        public void Problem_WithinTheBudget_IsNone()
        {
            Assert.Null(ByteCodeBudget.Problem("Session.Core.Micro", OptimizationLevel.Release, ByteCodeBudget.MaxIl(OptimizationLevel.Release)));
        }

        // The unsplit core in Debug, as the metadata processor refused it.
        [Fact]
        public void Problem_OverTheBudget_NamesAssemblyConfigurationFiguresAndWhatToDo()
        {
            string problem = ByteCodeBudget.Problem("Session.Core.Micro", OptimizationLevel.Debug, 88525);
            Assert.Equal("Session.Core.Micro (Debug) has 88,525 bytes of IL, about 76,928 bytes of byte code at 0.869 per IL byte, "
                + "over its budget of 64,102 bytes of IL (85% of the 65,535 bytes the nanoFramework metadata processor accepts in one assembly): "
                + "split it along a concern into a new device project with its own .nfproj, as Session.Core.Crypto was split from the core "
                + "(docs/portable-csharp.md §5)", problem);
        }
    }
}
