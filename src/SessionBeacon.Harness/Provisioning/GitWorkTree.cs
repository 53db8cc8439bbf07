// Whether a folder lies inside a git work tree. 'provision' and 'identity new' and 'import' write a
// secret key into their folder, and a folder made inside a clone (as README.md's examples are) is
// one 'git add -A' away from publishing it; so they warn. The repository's .gitignore ignores the
// folders the documentation uses and identity.seed anywhere, but not a folder of the user's choosing
// in another repository, nor a 'git add -f'.
using System.IO;

namespace SessionBeacon.Harness.Provisioning
{
    /// <summary>Finds the git work tree around a folder.</summary>
    public static class GitWorkTree
    {
        /// <summary>The root of the git work tree that holds <paramref name="path"/> (the nearest folder at or above it with a .git folder or file), or null.</summary>
        public static string Containing(string path)
        {
            for (var folder = new DirectoryInfo(Path.GetFullPath(path)); folder != null; folder = folder.Parent)
            {
                string git = Path.Combine(folder.FullName, ".git");
                if (Directory.Exists(git) || File.Exists(git))
                {
                    return folder.FullName;
                }
            }
            return null;
        }

        /// <summary>
        /// Writes one warning line to <paramref name="error"/> when <paramref name="folder"/> is inside a git work tree:
        /// <paramref name="secretFile"/> there, whose <paramref name="owner"/> it is ("the device's"), must never be committed.
        /// </summary>
        public static void WarnAboutSecret(TextWriter error, string command, string folder, string secretFile, string owner)
        {
            string root = Containing(folder);
            if (root != null)
            {
                error.WriteLine(command + ": warning: " + folder + " is inside the git work tree " + root + ": " + secretFile + " is " + owner + " secret key"
                    + " and must never be committed; keep the folder outside the repository, or check that git ignores it (git check-ignore -v "
                    + Path.Combine(folder, secretFile) + ")");
            }
        }
    }
}
