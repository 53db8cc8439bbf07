// "provision": everything a new beacon needs, in one folder. The device identity (a Session account
// seed, saved owner-only as identity.seed exactly as 'identity new' saves it; or the one 'identity new'
// already made in the folder, so that the beacon's Session ID is known before provisioning and a
// companion receiver's pre-key can name it: docs/provisioning.md, section 5), its nf.config
// (the shipped one with network, board, device name and recipients replaced, then checked with the
// board by the same DeviceSetup.Check the device runs), the board profile as board.conf, and README-DEVICE.txt
// saying where each file goes. Then, unless --no-hello, a hello message (Delivery/HelloMessage.cs
// in the portable app) from the device identity to every recipient, through onion requests with a
// verified store receipt, so the first alert does not wait unseen among the recipient's message
// requests.
using System;
using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using SessionBeacon.Config;
using SessionBeacon.Harness.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Provisioning;
using SessionBeacon.Harness.Storage;
using Spectre.Console;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>Makes a device identity, its nf.config and board.conf, and sends the hellos.</summary>
    public static class ProvisionCommand
    {
        public const string ConfigFileName = "nf.config";
        public const string BoardFileName = "board.conf";

        public static Command Create(HarnessConsole console)
        {
            Option<string> board = CommonOptions.Text("--board", "NAME", "the board profile, a name from boards/ such as esp32-devkitc", true);
            Option<string> output = CommonOptions.Text("--out", "DIR", "the folder for the device's files (created owner-only); an identity 'identity new' made there is used, else a new one is made", true);
            var recipients = new Option<string[]>("--recipient")
            {
                HelpName = "\"SESSIONID NAME\"",
                Description = "who gets the alerts, one option each",
                Required = true,
            };
            var preKeys = new Option<string[]>("--prekey")
            {
                HelpName = "\"SESSIONID BUNDLE\"",
                Description = "a recipient's ratchet pre-key line from 'prekey new' (its companion receiver)",
            };
            Option<string> deviceName = CommonOptions.Text("--device-name", "NAME", "the name the beacon shows in Session [default: the template's device.name]", false);
            Option<string> seedUrl = CommonOptions.SeedUrl();
            Option<string> seedPin = CommonOptions.SeedPin();
            var noHello = new Option<bool>("--no-hello") { Description = "write the files only; send no hello messages" };
            Option<string> template = CommonOptions.Text("--config", "FILE", "the nf.config to start from [default: ./nf.config, else the shipped one]", false);
            Option<string> boards = CommonOptions.Text("--boards", "DIR", "the board profiles [default: boards/ beside the --config file, else the shipped ones]", false);
            var command = new Command("provision", "make a device identity and its nf.config and board.conf for a board and recipients, and send each recipient a hello")
            {
                board, output, recipients, preKeys, deviceName, seedUrl, seedPin, noHello, template, boards,
            };
            command.SetAction(parsed =>
            {
                var request = new Request
                {
                    Board = parsed.GetValue(board),
                    Folder = parsed.GetValue(output),
                    Recipients = parsed.GetValue(recipients),
                    PreKeys = parsed.GetValue(preKeys) ?? Array.Empty<string>(),
                    DeviceName = parsed.GetValue(deviceName),
                    SeedUrl = parsed.GetValue(seedUrl),
                    SeedPin = parsed.GetValue(seedPin),
                    Hello = !parsed.GetValue(noHello),
                    Template = parsed.GetValue(template) ?? DeviceFiles.DefaultConfig(),
                };
                request.Boards = parsed.GetValue(boards) ?? DeviceFiles.BoardsBeside(request.Template);
                return (int)Run(request, console);
            });
            return command;
        }

        /// <summary>What to provision.</summary>
        public sealed class Request
        {
            public string Board { get; set; }
            public string Folder { get; set; }
            public string[] Recipients { get; set; }
            public string[] PreKeys { get; set; }
            public string DeviceName { get; set; }
            public string SeedUrl { get; set; }
            public string SeedPin { get; set; }
            public bool Hello { get; set; }
            public string Template { get; set; }
            public string Boards { get; set; }
        }

        public static ExitCode Run(Request request, HarnessConsole console)
        {
            TextWriter error = console.Error;
            if ((request.SeedUrl == null) != (request.SeedPin == null))
            {
                throw new ArgumentException("--seed-url and --seed-pin go together (a testnet); give neither for mainnet");
            }
            string[] recipientLines = RecipientLines(request.Recipients);
            string[] preKeyLines = PreKeyLines(request.PreKeys);
            if (!File.Exists(request.Template))
            {
                error.WriteLine("provision: " + request.Template + " not found: run from the repository root or pass --config FILE (the nf.config to start from)");
                return ExitCode.ConfigError;
            }
            string boardPath;
            try
            {
                boardPath = DeviceFiles.BoardPath(request.Boards, request.Board);
            }
            catch (FileNotFoundException missing)
            {
                error.WriteLine("provision: " + missing.Message);
                return ExitCode.ConfigError;
            }
            string text = ComposeConfig(File.ReadAllText(request.Template), request, recipientLines, preKeyLines);
            BeaconConfig config;
            BoardProfile profile;
            try
            {
                // The device's own check; only the Wi-Fi network may still be missing, which the owner adds before copying.
                DeviceSetup setup = DeviceSetup.Check(text, ConfigFileName, File.ReadAllText(boardPath), Path.GetFileName(boardPath), wifiOptional: true);
                config = setup.Config;
                profile = setup.Board;
            }
            catch (ConfigException problems)
            {
                error.WriteLine("provision: the device's configuration would not be valid; nothing was written. " + problems.Message);
                return ExitCode.ConfigError;
            }

            var folder = new IdentityFolder(request.Folder);
            string configPath = Path.Combine(request.Folder, ConfigFileName);
            if (File.Exists(configPath))
            {
                error.WriteLine("provision: " + request.Folder + " already holds a device's files; nothing is overwritten: give --out an empty or new folder");
                return ExitCode.Failed;
            }
            if (folder.HasPreKeyOrPairing)
            {
                error.WriteLine("provision: " + request.Folder + " is a companion receiver's folder (it holds a pre-key or a pairing); a beacon needs an identity of its own: "
                    + "give --out a new folder, or one where only 'identity new' was run");
                return ExitCode.Failed;
            }
            IdentityKeys keys;
            if (folder.HasIdentity)
            {
                try
                {
                    keys = folder.LoadKeys();
                }
                catch (IOException damaged)
                {
                    error.WriteLine("provision: " + damaged.Message);
                    return ExitCode.Failed;
                }
                console.Output.WriteLine("using the identity already in " + request.Folder + " as the device's");
            }
            else
            {
                keys = NewIdentity(folder);
            }
            GitWorkTree.WarnAboutSecret(error, "provision", request.Folder, IdentityFolder.SeedFile, "the device's");
            try
            {
                File.WriteAllText(configPath, text);
                File.Copy(boardPath, Path.Combine(request.Folder, BoardFileName));
                File.WriteAllText(Path.Combine(request.Folder, DeviceReadme.FileName), DeviceReadme.Text(request.Folder, config.DeviceName, profile.Name, request.Board,
                    keys.SessionId, request.SeedUrl, IdentityFolder.SeedFile, request.Hello, DateTime.UtcNow));
                Describe(console, config, profile, keys.SessionId, request.Folder);
                if (config.WifiNetworks.Length == 0 && config.Network == BeaconConfig.Mainnet)
                {
                    console.Output.WriteLine("Before copying: add the Wi-Fi network to " + configPath + " (wifi.ssid = ..., wifi.password = ...), then check the folder as the device will:"
                        + " harness check-config --config " + configPath);
                }
                if (!request.Hello)
                {
                    console.Output.WriteLine("no hellos sent (--no-hello). Before the first alert, send each recipient a message from the device's Session ID"
                        + " (harness send --data " + request.Folder + " --to SESSIONID --text ...) and ask them to accept the message request.");
                    return ExitCode.Ok;
                }
                return SendHellos(console, config, keys, request);
            }
            finally
            {
                keys.Wipe();
            }
        }

        // The shipped nf.config with the keys provisioning decides replaced: network, board, device name, recipients and pre-keys.
        private static string ComposeConfig(string template, Request request, string[] recipientLines, string[] preKeyLines)
        {
            string text = ConfigTemplate.Replace(template, new[] { "network", "network.seed", "network.seed_pin" }, request.SeedUrl != null
                ? new[] { "network = " + BeaconConfig.Testnet, "network.seed = " + request.SeedUrl, "network.seed_pin = " + request.SeedPin }
                : new[] { "network = " + BeaconConfig.Mainnet });
            text = ConfigTemplate.Replace(text, new[] { "board" }, new[] { "board = " + request.Board });
            if (request.DeviceName != null)
            {
                text = ConfigTemplate.Replace(text, new[] { "device.name" }, new[] { "device.name = " + request.DeviceName });
            }
            string[] lines = new string[recipientLines.Length + preKeyLines.Length];
            recipientLines.CopyTo(lines, 0);
            preKeyLines.CopyTo(lines, recipientLines.Length);
            return ConfigTemplate.Replace(text, new[] { "recipient", BeaconConfig.PreKeyKey }, lines);
        }

        // "SESSIONID NAME" -> "recipient = SESSIONID NAME", with the Session ID checked here for a message that names the option.
        private static string[] RecipientLines(string[] given)
        {
            var lines = new string[given.Length];
            for (int i = 0; i < given.Length; i++)
            {
                string value = given[i].Trim();
                int space = value.IndexOfAny(new[] { ' ', '\t' });
                string id = space < 0 ? value : value.Substring(0, space);
                if (SessionId.TryParse(id, out string problem) == null)
                {
                    throw new ArgumentException("--recipient \"" + given[i] + "\": '" + id + "' is not a Session ID: " + problem);
                }
                if (space < 0)
                {
                    throw new ArgumentException("--recipient \"" + given[i] + "\" needs a name after the Session ID, such as --recipient \"" + id + " Alice\"");
                }
                lines[i] = "recipient = " + id.ToLowerInvariant() + " " + value.Substring(space + 1).Trim();
            }
            return lines;
        }

        private static string[] PreKeyLines(string[] given)
        {
            var lines = new string[given.Length];
            for (int i = 0; i < given.Length; i++)
            {
                string value = given[i].Trim();
                if (value.StartsWith(BeaconConfig.PreKeyKey, StringComparison.Ordinal))
                {
                    // The whole line as 'prekey new' printed it.
                    value = value.Substring(value.IndexOf('=') + 1).Trim();
                }
                string id = value.Split(' ', 2)[0];
                if (SessionId.TryParse(id, out string problem) == null)
                {
                    throw new ArgumentException("--prekey \"" + given[i] + "\": '" + id + "' is not a Session ID: " + problem);
                }
                lines[i] = BeaconConfig.PreKeyKey + " = " + value;
            }
            return lines;
        }

        // A Session account seed as 'identity new' makes it: 16 bytes from the OS CSPRNG and 16 zero bytes (docs/protocol.md §1.2).
        internal static IdentityKeys NewIdentity(IdentityFolder folder)
        {
            byte[] seed = new byte[IdentityKeys.SeedSize];
            RandomNumberGenerator.Fill(seed.AsSpan(0, Mnemonic.AccountEntropySize));
            try
            {
                IdentityKeys keys = IdentityKeys.FromSeed(seed);
                folder.SaveSeed(seed);
                return keys;
            }
            finally
            {
                Array.Clear(seed);
            }
        }

        private static void Describe(HarnessConsole console, BeaconConfig config, BoardProfile profile, string sessionId, string folder)
        {
            TextWriter output = console.Output;
            output.WriteLine("provisioned \"" + config.DeviceName + "\" on " + profile.Name + " for " + config.Network
                + (config.SeedUrl == null ? "" : " (" + config.SeedUrl + ")"));
            output.WriteLine("device Session ID: " + sessionId);
            output.Flush();
            var files = new Table().AddColumns("file in " + folder, "copy to", "what");
            files.Border = TableBorder.Simple;
            files.AddRow(Markup.Escape(ConfigFileName), "I:\\" + ConfigFileName, "configuration, checked as the device checks it");
            files.AddRow(Markup.Escape(BoardFileName), "I:\\" + BoardFileName, "the " + Markup.Escape(profile.Name) + " board profile");
            files.AddRow(Markup.Escape(IdentityFolder.SeedFile), "I:\\" + IdentityFolder.SeedFile, "the device's secret identity (owner-only)");
            files.AddRow(Markup.Escape(DeviceReadme.FileName), "-", "which file goes where, and how");
            console.Ansi.Write(files);
        }

        private static ExitCode SendHellos(HarnessConsole console, BeaconConfig config, IdentityKeys keys, Request request)
        {
            TextWriter output = console.Output;
            string networkFolder = Directory.CreateTempSubdirectory("sessionbeacon-provision").FullName;
            try
            {
                NetworkProfile profile = config.SeedUrl == null ? NetworkProfile.Mainnet() : NetworkProfile.Testnet(config.SeedUrl, config.SeedPin, 1);
                TestnetClient client;
                try
                {
                    client = console.Ansi.Status().Start("reaching the network's seed", _ =>
                        new TestnetClient(profile, keys, new DirectoryStore(networkFolder), new SystemClock()));
                }
                catch (ServiceNodeException unreachable)
                {
                    console.Error.WriteLine("provision: the files are written, but the network's seed could not be reached (" + unreachable.Message
                        + "); send the hellos later with 'harness send --data " + request.Folder + " --to SESSIONID --text ...'");
                    return ExitCode.Failed;
                }
                var results = new Table().AddColumns("recipient", "Session ID", "hello");
                results.Border = TableBorder.Simple;
                int stored = 0;
                foreach (Recipient recipient in config.Recipients)
                {
                    string outcome = console.Ansi.Status().Start("sending the hello to " + recipient.Name, _ => SendHello(client, config, keys, recipient));
                    if (outcome.StartsWith("stored", StringComparison.Ordinal))
                    {
                        stored++;
                    }
                    results.AddRow(new Text(recipient.Name), new Text(recipient.SessionId), new Text(outcome));
                }
                console.Ansi.Write(results);
                output.WriteLine(stored + " of " + config.Recipients.Length + " hello messages stored with a verified receipt.");
                output.WriteLine("Ask each recipient to open Session and accept the message request from " + keys.SessionId + " (\"" + config.DeviceName
                    + "\"), so that alerts appear in that conversation.");
                if (stored < config.Recipients.Length)
                {
                    console.Error.WriteLine("provision: " + (config.Recipients.Length - stored) + " hello message(s) not delivered; the files are written: "
                        + "send them later with 'harness send --data " + request.Folder + " --to SESSIONID --text ...'");
                    return ExitCode.Failed;
                }
                return ExitCode.Ok;
            }
            finally
            {
                Directory.Delete(networkFolder, true);
            }
        }

        // One hello through onion requests; "stored, ..." with the receipt, or why not.
        private static string SendHello(TestnetClient client, BeaconConfig config, IdentityKeys keys, Recipient recipient)
        {
            try
            {
                ContentMessage hello = HelloMessage.Compose(config.DeviceName, recipient.UsesRatchet, client.NetworkClock.Now);
                byte[] payload = MessageEncoder.Encode(keys, recipient.PublicKey, hello, client.Random);
                StoreReceipt receipt = client.Client.Store(recipient.SessionId, payload, ServiceNodeClient.DefaultTtl, SendCommand.RequiredSignatures);
                return receipt.IsSuccess
                    ? "stored, " + receipt.VerifiedCount + " verified swarm signature(s)" + (receipt.Already ? " (already stored)" : "")
                    : "NOT stored: " + receipt.VerifiedCount + " verified swarm signature(s), " + SendCommand.RequiredSignatures + " needed";
            }
            catch (Exception failed) when (failed is ServiceNodeException || failed is MessageException)
            {
                return "NOT sent: " + failed.Message;
            }
        }
    }
}
