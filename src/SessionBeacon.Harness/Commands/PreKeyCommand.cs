using System;
using System.CommandLine;
using System.IO;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// The receiver's side of pairing: a signed ratchet pre-key bundle for the identity in DIR.
    /// The pre-key secret stays in DIR (owner-only) until listen accepts the first pairing and deletes it
    /// (docs/ratchet.md); the command prints the nf.config line that gives the bundle to the beacon.
    /// The bundle is public (it is in the beacon's nf.config), so whoever sends the first secure alert
    /// made with it would pair: --beacon names the only beacon that may, and without it the command
    /// refuses unless --any-beacon says that the first sender is accepted.
    /// </summary>
    public static class PreKeyCommand
    {
        public static Command Create(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder with the receiver's identity");
            Option<string> beacon = CommonOptions.Text("--beacon", "SESSIONID", "the Session ID of the only beacon that may pair (docs/provisioning.md, section 5)", false);
            var anyBeacon = new Option<bool>("--any-beacon") { Description = "let the first sender of a secure alert pair instead (anyone with the public bundle could be first)" };
            var create = new Command("new", "make the receiver's signed ratchet pre-key and print the nf.config 'recipient.prekey' line for the beacon") { data, beacon, anyBeacon };
            create.SetAction(parsed => (int)New(parsed.GetValue(data), parsed.GetValue(beacon), parsed.GetValue(anyBeacon), console.Output, console.Error));
            return new Command("prekey", "the receiver's ratchet pre-key for pairing with a beacon (docs/ratchet.md)") { create };
        }

        /// <param name="beacon">The only beacon that may pair, or null with <paramref name="anyBeacon"/>.</param>
        /// <param name="anyBeacon">True to let the first sender of a secure alert pair.</param>
        public static ExitCode New(string data, string beacon, bool anyBeacon, TextWriter output, TextWriter error)
        {
            if (beacon == null && !anyBeacon)
            {
                error.WriteLine("prekey: say which beacon may pair: --beacon SESSIONID, the beacon's Session ID (docs/provisioning.md, section 5);"
                    + " or --any-beacon to let the first sender of a secure alert pair: the bundle is public, so a stranger who pairs first takes your receiver and your beacon's alerts cannot be opened");
                return ExitCode.UsageError;
            }
            if (beacon != null && anyBeacon)
            {
                error.WriteLine("prekey: --beacon and --any-beacon exclude each other: give one");
                return ExitCode.UsageError;
            }
            if (beacon != null)
            {
                byte[] beaconKey = SessionId.TryParse(beacon, out string problem);
                if (beaconKey == null)
                {
                    error.WriteLine("prekey: --beacon is not a Session ID: " + problem);
                    return ExitCode.UsageError;
                }
                beacon = SessionId.FromPublicKey(beaconKey);
            }
            var folder = new IdentityFolder(data);
            IdentityKeys keys;
            try
            {
                keys = folder.LoadKeys();
            }
            catch (IOException missing)
            {
                error.WriteLine("prekey: " + missing.Message);
                return ExitCode.Failed;
            }
            try
            {
                if (folder.RatchetStore().Load() != null)
                {
                    error.WriteLine("prekey: " + data + " is already paired with a beacon; a new pre-key is for a new pairing: use another --data folder");
                    return ExitCode.Failed;
                }
                if (File.Exists(folder.PreKeySecretPath) && File.Exists(folder.PreKeyBundlePath))
                {
                    // The same pre-key, now for the beacon named this time, or for any.
                    File.WriteAllText(folder.PreKeyBeaconPath, beacon ?? IdentityFolder.AnyBeacon);
                    output.WriteLine("a pre-key made earlier is still waiting for its beacon's first alert"
                        + (beacon != null ? " (only beacon " + beacon + " can pair)" : " (any beacon can pair: --any-beacon)") + "; its line for nf.config:");
                    output.WriteLine(Line(keys, File.ReadAllBytes(folder.PreKeyBundlePath)));
                    return ExitCode.Ok;
                }
                var bundle = new byte[RatchetPreKey.Size];
                var secret = new byte[X25519.ScalarSize];
                try
                {
                    RatchetPreKey.Create(bundle, secret, keys, new SystemRandom());
                    File.Delete(folder.PreKeySecretPath);
                    folder.WriteSecret(folder.PreKeySecretPath, secret);
                    File.WriteAllBytes(folder.PreKeyBundlePath, bundle);
                    File.WriteAllText(folder.PreKeyBeaconPath, beacon ?? IdentityFolder.AnyBeacon);
                }
                finally
                {
                    CryptoBytes.Wipe(secret);
                }
                output.WriteLine("pre-key made; its secret stays in " + folder.PreKeySecretPath + " until 'listen' accepts the beacon's first alert.");
                output.WriteLine(beacon != null
                    ? "only beacon " + beacon + " can pair with it."
                    : "warning: --any-beacon: the first sender of a SessionBeacon alert made with this pre-key pairs, whoever it is; run 'prekey new' again with --beacon SESSIONID to allow only your beacon.");
                output.WriteLine("Add this line to the beacon's nf.config, beside the 'recipient' line with this Session ID:");
                output.WriteLine(Line(keys, bundle));
                return ExitCode.Ok;
            }
            finally
            {
                keys.Wipe();
            }
        }

        private static string Line(IdentityKeys keys, byte[] bundle) => "recipient.prekey = " + keys.SessionId + " " + Convert.ToBase64String(bundle);
    }
}
