using System;
using System.IO;
using System.Security.Cryptography;
using Session.Core.Micro.Identity;
using SessionBeacon.Harness.Identity;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// Issue 8: a desktop Session identity in a folder. "new" draws 16 bytes from the OS CSPRNG (a Session
    /// account seed is those 16 bytes and 16 zero bytes, so that the 13-word phrase restores it), saves
    /// the seed owner-only and shows the Session ID and the recovery phrase once; "show" prints the
    /// Session ID; "import" reads the phrase from standard input. None overwrites an identity.
    /// </summary>
    public sealed class IdentityCommand : ICommand, IReadsInput
    {
        public string Name => "identity";

        public string Usage => "identity new|show|import --data DIR   (import reads the 13-word recovery phrase from standard input)";

        public string Summary => "create, show or import (from its recovery phrase) the Session identity kept in DIR";

        public ExitCode Run(string[] arguments, TextWriter output, TextWriter error) => Run(arguments, Console.In, output, error);

        public ExitCode Run(string[] arguments, TextReader input, TextWriter output, TextWriter error)
        {
            if (arguments.Length == 0)
            {
                throw new ArgumentException("say which: new, show or import");
            }
            string verb = arguments[0];
            Arguments options = Arguments.Parse(arguments[1..], "--data");
            string data = options.Get("--data", null);
            if (data == null)
            {
                throw new ArgumentException("--data DIR is required: the folder that keeps the identity");
            }
            var folder = new IdentityFolder(data);
            switch (verb)
            {
                case "new":
                    return New(folder, output, error);
                case "show":
                    return Show(folder, output, error);
                case "import":
                    return Import(folder, input, output, error);
                default:
                    throw new ArgumentException("unknown action '" + verb + "'; expected new, show or import");
            }
        }

        private static ExitCode New(IdentityFolder folder, TextWriter output, TextWriter error)
        {
            if (folder.HasIdentity)
            {
                error.WriteLine("identity: " + folder.SeedPath + " already holds an identity; it is never overwritten (use another --data folder)");
                return ExitCode.Failed;
            }
            byte[] entropy = RandomNumberGenerator.GetBytes(Mnemonic.AccountEntropySize);
            byte[] seed = SeedOf(entropy);
            try
            {
                string[] phrase = Mnemonic.Encode(entropy);
                IdentityKeys keys = IdentityKeys.FromSeed(seed);
                folder.SaveSeed(seed);
                output.WriteLine("Session ID: " + keys.SessionId);
                output.WriteLine("identity saved owner-only in " + folder.SeedPath);
                output.WriteLine();
                output.WriteLine("Recovery phrase (shown this once; write it down and keep it secret; anyone with it can read your messages):");
                output.WriteLine("  " + string.Join(" ", phrase));
                keys.Wipe();
                return ExitCode.Ok;
            }
            finally
            {
                Array.Clear(entropy);
                Array.Clear(seed);
            }
        }

        private static ExitCode Show(IdentityFolder folder, TextWriter output, TextWriter error)
        {
            IdentityKeys keys;
            try
            {
                keys = folder.LoadKeys();
            }
            catch (IOException missing)
            {
                error.WriteLine("identity: " + missing.Message);
                return ExitCode.Failed;
            }
            output.WriteLine(keys.SessionId);
            keys.Wipe();
            return ExitCode.Ok;
        }

        private static ExitCode Import(IdentityFolder folder, TextReader input, TextWriter output, TextWriter error)
        {
            if (folder.HasIdentity)
            {
                error.WriteLine("identity: " + folder.SeedPath + " already holds an identity; it is never overwritten (use another --data folder)");
                return ExitCode.Failed;
            }
            string phrase = input.ReadLine();
            if (string.IsNullOrWhiteSpace(phrase))
            {
                error.WriteLine("identity: no recovery phrase on standard input; type or pipe the 13 words in (never on the command line)");
                return ExitCode.Failed;
            }
            byte[] entropy;
            try
            {
                entropy = Mnemonic.Decode(phrase);
            }
            catch (FormatException wrong)
            {
                error.WriteLine("identity: the recovery phrase is not valid: " + wrong.Message);
                return ExitCode.Failed;
            }
            byte[] seed = entropy.Length == Mnemonic.AccountEntropySize ? SeedOf(entropy) : entropy;
            try
            {
                IdentityKeys keys = IdentityKeys.FromSeed(seed);
                folder.SaveSeed(seed);
                output.WriteLine("Session ID: " + keys.SessionId);
                output.WriteLine("identity imported and saved owner-only in " + folder.SeedPath);
                keys.Wipe();
                return ExitCode.Ok;
            }
            finally
            {
                Array.Clear(entropy);
                Array.Clear(seed);
            }
        }

        // A Session account seed: the phrase's 16 bytes followed by 16 zero bytes (protocol.md §1.2).
        private static byte[] SeedOf(byte[] entropy)
        {
            var seed = new byte[IdentityKeys.SeedSize];
            entropy.CopyTo(seed, 0);
            return seed;
        }
    }
}
