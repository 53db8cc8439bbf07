using System;
using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using Session.Core.Micro.Identity;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Provisioning;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// A desktop Session identity in a folder. "new" draws 16 bytes from the OS CSPRNG (a Session
    /// account seed is those 16 bytes and 16 zero bytes, so that the 13-word phrase restores it), saves
    /// the seed owner-only and shows the Session ID and the recovery phrase once; "show" prints the
    /// Session ID and a QR code of it (unless --no-qr; --json: the Session ID as JSON); "import" reads the phrase from standard input. None overwrites an identity.
    /// </summary>
    public static class IdentityCommand
    {
        public static Command Create(HarnessConsole console)
        {
            var command = new Command("identity", "create, show or import (from its recovery phrase) the Session identity kept in a folder");
            Option<string> newData = CommonOptions.Data("the folder to keep the new identity in (created owner-only)");
            var create = new Command("new", "make a new identity: prints its Session ID and, once, its 13-word recovery phrase") { newData };
            create.SetAction(parsed => (int)New(new IdentityFolder(parsed.GetValue(newData)), console.Output, console.Error));

            Option<string> showData = CommonOptions.Data("the folder that keeps the identity");
            var noQr = new Option<bool>("--no-qr") { Description = "print only the Session ID, without its QR code" };
            Option<bool> json = CommonOptions.Json();
            var show = new Command("show", "print the Session ID, and a QR code of it for the Session app to scan") { showData, noQr, json };
            show.SetAction(parsed => (int)Show(new IdentityFolder(parsed.GetValue(showData)), !parsed.GetValue(noQr), parsed.GetValue(json), console));

            Option<string> importData = CommonOptions.Data("the folder to keep the imported identity in (created owner-only)");
            var import = new Command("import", "read a 13-word recovery phrase from standard input (never the command line) and keep that identity") { importData };
            import.SetAction(parsed => (int)Import(new IdentityFolder(parsed.GetValue(importData)), console.Input, console.Output, console.Error));

            command.Subcommands.Add(create);
            command.Subcommands.Add(show);
            command.Subcommands.Add(import);
            return command;
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
                GitWorkTree.WarnAboutSecret(error, "identity", folder.Path, IdentityFolder.SeedFile, "the identity's");
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

        /// <summary>What identity show --json prints: the Session ID only (never the seed or the phrase).</summary>
        public sealed record Shown(string SessionId);

        private static ExitCode Show(IdentityFolder folder, bool qr, bool json, HarnessConsole console)
        {
            IdentityKeys keys;
            try
            {
                keys = folder.LoadKeys();
            }
            catch (IOException missing)
            {
                console.Error.WriteLine("identity: " + missing.Message);
                return ExitCode.Failed;
            }
            string sessionId = keys.SessionId;
            keys.Wipe();
            if (json)
            {
                JsonOutput.Write(console.Output, new Shown(sessionId));
                return ExitCode.Ok;
            }
            console.Output.WriteLine(sessionId);
            if (qr)
            {
                console.Output.WriteLine();
                SessionIdQrCode.Write(console, sessionId);
                console.Output.WriteLine("Scan it with the Session app to start a conversation with this Session ID.");
            }
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
                GitWorkTree.WarnAboutSecret(error, "identity", folder.Path, IdentityFolder.SeedFile, "the identity's");
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

        // A Session account seed: the phrase's 16 bytes followed by 16 zero bytes (docs/protocol.md §1.2).
        private static byte[] SeedOf(byte[] entropy)
        {
            var seed = new byte[IdentityKeys.SeedSize];
            entropy.CopyTo(seed, 0);
            return seed;
        }
    }
}
