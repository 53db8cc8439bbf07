using System;
using System.IO;
using SessionBeacon.Harness.Tests.Support;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>identity new and import in-process: the warning about a secret written into a git work tree. The rest: EndToEnd/.</summary>
    public class IdentityCommandTests
    {
        [Fact]
        public void New_InsideAGitWorkTree_WarnsThatTheSeedMustNeverBeCommitted()
        {
            string repository = Git.NewRepository();
            string folder = Path.Combine(repository, "me");
            var (code, output, error) = Run(TextReader.Null, "identity", "new", "--data", folder);

            Assert.Equal(ExitCode.Ok, code);
            Assert.Contains("Session ID: 05", output);
            Assert.Equal("identity: warning: " + folder + " is inside the git work tree " + repository + ": identity.seed is the identity's secret key"
                + " and must never be committed; keep the folder outside the repository, or check that git ignores it (git check-ignore -v "
                + Path.Combine(folder, "identity.seed") + ")", error.TrimEnd());
        }

        [Fact]
        public void Import_InsideAGitWorkTree_Warns()
        {
            string repository = Git.NewRepository();
            string folder = Path.Combine(repository, "me");
            var (_, made, _) = Run(TextReader.Null, "identity", "new", "--data", Path.Combine(Directory.CreateTempSubdirectory("identity").FullName, "me"));
            string phrase = made.Substring(made.LastIndexOf("\n  ", StringComparison.Ordinal) + 3).Trim();
            var (code, _, error) = Run(new StringReader(phrase + "\n"), "identity", "import", "--data", folder);

            Assert.True(code == ExitCode.Ok, error);
            Assert.Contains("identity: warning: " + folder + " is inside the git work tree " + repository, error);
        }

        [Fact]
        public void New_OutsideAnyGitWorkTree_NoWarning()
        {
            string folder = Path.Combine(Directory.CreateTempSubdirectory("identity").FullName, "me");
            Assert.NotEqual(0, Git.Run(Path.GetDirectoryName(folder), "rev-parse", "--show-toplevel").ExitCode);
            var (code, _, error) = Run(TextReader.Null, "identity", "new", "--data", folder);

            Assert.Equal(ExitCode.Ok, code);
            Assert.Equal("", error);
        }

        private static (ExitCode, string, string) Run(TextReader input, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(args, input, output, error);
            return (code, output.ToString(), error.ToString());
        }
    }
}
