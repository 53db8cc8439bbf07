using System;
using System.CommandLine;
using System.IO;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// One plain Session v1 message from the identity in DIR to a Session ID, stored through
    /// onion requests on a testnet (--seed-url and --seed-pin) or on mainnet (neither); prints the
    /// verified receipt count (--json: one JSON document, <see cref="Sent"/>). Progress goes to standard error (Progress.cs).
    /// </summary>
    public static class SendCommand
    {
        /// <summary>Verified signatures from distinct swarm members a store needs to count as delivered: one member alone can sign for a message it never keeps.</summary>
        public const int RequiredSignatures = 2;

        public static Command Create(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder with the sender's identity");
            Option<string> to = CommonOptions.Text("--to", "SESSIONID", "the recipient's Session ID (66 hex digits starting 05)", true);
            Option<string> text = CommonOptions.Text("--text", "TEXT", "the message", true);
            Option<string> seedUrl = CommonOptions.SeedUrl();
            Option<string> seedPin = CommonOptions.SeedPin();
            Option<bool> json = CommonOptions.Json();
            Option<bool> progress = CommonOptions.Progress();
            var command = new Command("send", "send one Session message through onion requests (a testnet with --seed-url/--seed-pin, else mainnet)")
            {
                data, to, text, seedUrl, seedPin, json, progress,
            };
            command.SetAction(parsed => (int)Run(parsed.GetValue(data), parsed.GetValue(to), parsed.GetValue(text), parsed.GetValue(seedUrl),
                parsed.GetValue(seedPin), parsed.GetValue(json), console.ProgressWriter(parsed.GetValue(progress)), console.Output, console.Error));
            return command;
        }

        /// <summary>What --json prints for a delivered message.</summary>
        /// <param name="Sender">The Session ID of the identity in DIR.</param>
        /// <param name="Recipient">The recipient's Session ID.</param>
        /// <param name="Hash">The message hash the swarm stored it under.</param>
        /// <param name="Timestamp">The message's timestamp, Unix ms (network time).</param>
        /// <param name="VerifiedSignatures">Swarm members whose signed receipt was verified.</param>
        /// <param name="AlreadyStored">The swarm had it already.</param>
        public sealed record Sent(string Sender, string Recipient, string Hash, long Timestamp, int VerifiedSignatures, bool AlreadyStored);

        /// <param name="progress">Where progress lines go (TextWriter.Null: nowhere).</param>
        public static ExitCode Run(string data, string to, string text, string seedUrl, string seedPin, bool json, TextWriter progress, TextWriter output, TextWriter error)
        {
            byte[] recipientKey = SessionId.TryParse(to, out string problem);
            if (recipientKey == null)
            {
                error.WriteLine("send: --to is not a Session ID: " + problem);
                return ExitCode.UsageError;
            }
            if (text.Length == 0)
            {
                error.WriteLine("send: --text is empty");
                return ExitCode.UsageError;
            }
            var folder = new IdentityFolder(data);
            IdentityKeys keys;
            try
            {
                keys = folder.LoadKeys();
            }
            catch (IOException missing)
            {
                error.WriteLine("send: " + missing.Message);
                return ExitCode.Failed;
            }
            TestnetClient client;
            try
            {
                client = folder.Connect(keys, seedUrl, seedPin, new Progress("send", progress));
            }
            catch (ServiceNodeException unreachable)
            {
                error.WriteLine("send: the network's seed could not be reached: " + unreachable.Message);
                keys.Wipe();
                return ExitCode.Failed;
            }
            string recipient = SessionId.FromPublicKey(recipientKey);
            try
            {
                client.Prepare(recipient, "sending to " + Progress.Short(recipient));
                var content = new ContentMessage(text, null, client.NetworkClock.Now);
                byte[] payload = MessageEncoder.Encode(keys, recipientKey, content, client.Random);
                StoreReceipt receipt = client.Client.Store(recipient, payload, ServiceNodeClient.DefaultTtl, RequiredSignatures);
                if (!receipt.IsSuccess)
                {
                    error.WriteLine("send: not delivered to " + recipient + ": " + receipt.VerifiedCount + " verified swarm signature(s), "
                        + RequiredSignatures + " needed (" + receipt.RejectedCount + " rejected, " + receipt.FailedCount + " failed)");
                    return ExitCode.Failed;
                }
                if (json)
                {
                    JsonOutput.Write(output, new Sent(keys.SessionId, recipient, receipt.Hash, content.SigTimestamp, receipt.VerifiedCount, receipt.Already));
                    return ExitCode.Ok;
                }
                output.WriteLine("sent to " + recipient + ": " + receipt.VerifiedCount + " verified swarm signature(s)"
                    + (receipt.Already ? " (already stored)" : "") + ", message hash " + receipt.Hash);
                return ExitCode.Ok;
            }
            catch (ServiceNodeException failed)
            {
                error.WriteLine("send: the network did not take the message (" + client.Progress.Step + ", gave up after " + client.Progress.Elapsed + "): "
                    + failed.Message);
                return ExitCode.Failed;
            }
            catch (MessageException tooLarge)
            {
                error.WriteLine("send: " + tooLarge.Message);
                return ExitCode.UsageError;
            }
            finally
            {
                keys.Wipe();
            }
        }
    }
}
