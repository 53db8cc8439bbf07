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
    /// </summary>
    public static class PreKeyCommand
    {
        public static Command Create(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder with the receiver's identity");
            Option<string> beacon = CommonOptions.Text("--beacon", "SESSIONID", "only this beacon may pair (without it, the first sender of a secure alert pairs)", false);
            var create = new Command("new", "make the receiver's signed ratchet pre-key and print the nf.config 'recipient.prekey' line for the beacon") { data, beacon };
            create.SetAction(parsed => (int)New(parsed.GetValue(data), parsed.GetValue(beacon), console.Output, console.Error));
            return new Command("prekey", "the receiver's ratchet pre-key for pairing with a beacon (docs/ratchet.md)") { create };
        }

        public static ExitCode New(string data, string beacon, TextWriter output, TextWriter error)
        {
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
                    if (beacon != null)
                    {
                        File.WriteAllText(folder.PreKeyBeaconPath, beacon);
                    }
                    output.WriteLine("a pre-key made earlier is still waiting for its beacon's first alert"
                        + (folder.PreKeyBeacon != null ? " (only beacon " + folder.PreKeyBeacon + " can pair)" : "") + "; its line for nf.config:");
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
                    File.Delete(folder.PreKeyBeaconPath);
                    if (beacon != null)
                    {
                        File.WriteAllText(folder.PreKeyBeaconPath, beacon);
                    }
                }
                finally
                {
                    CryptoBytes.Wipe(secret);
                }
                output.WriteLine("pre-key made; its secret stays in " + folder.PreKeySecretPath + " until 'listen' accepts the beacon's first alert.");
                output.WriteLine(beacon != null
                    ? "only beacon " + beacon + " can pair with it."
                    : "warning: no --beacon given: the first sender of a SessionBeacon alert made with this pre-key pairs; give --beacon SESSIONID to allow only your beacon.");
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
