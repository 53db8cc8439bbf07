using System;
using System.IO;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// Issue 8: one plain Session v1 message from the identity in DIR to a Session ID, stored through
    /// onion requests on a testnet (--seed-url and --seed-pin) or on mainnet (neither); prints the
    /// verified receipt count.
    /// </summary>
    public sealed class SendCommand : ICommand
    {
        /// <summary>Verified swarm signatures a store needs to count as delivered.</summary>
        public const int RequiredSignatures = 1;

        public string Name => "send";

        public string Usage => "send --data DIR --to SESSIONID --text TEXT [--seed-url URL --seed-pin PIN]";

        public string Summary => "send one Session message through onion requests (a testnet with --seed-url/--seed-pin, else mainnet)";

        public ExitCode Run(string[] arguments, TextWriter output, TextWriter error)
        {
            Arguments options = Arguments.Parse(arguments, "--data", "--to", "--text", "--seed-url", "--seed-pin");
            string data = options.Get("--data", null) ?? throw new ArgumentException("--data DIR is required: the folder with the sender's identity");
            string to = options.Get("--to", null) ?? throw new ArgumentException("--to SESSIONID is required");
            string text = options.Get("--text", null) ?? throw new ArgumentException("--text TEXT is required");
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
                client = folder.Connect(keys, options.Get("--seed-url", null), options.Get("--seed-pin", null));
            }
            catch (ServiceNodeException unreachable)
            {
                error.WriteLine("send: the network's seed could not be reached: " + unreachable.Message);
                return ExitCode.Failed;
            }
            string recipient = SessionId.FromPublicKey(recipientKey);
            try
            {
                var content = new ContentMessage(text, null, client.NetworkClock.Now);
                byte[] payload = MessageEncoder.Encode(keys, recipientKey, content, client.Random);
                StoreReceipt receipt = client.Client.Store(recipient, payload, ServiceNodeClient.DefaultTtl, RequiredSignatures);
                if (!receipt.IsSuccess)
                {
                    error.WriteLine("send: not delivered to " + recipient + ": " + receipt.VerifiedCount + " verified swarm signature(s), "
                        + RequiredSignatures + " needed (" + receipt.RejectedCount + " rejected, " + receipt.FailedCount + " failed)");
                    return ExitCode.Failed;
                }
                output.WriteLine("sent to " + recipient + ": " + receipt.VerifiedCount + " verified swarm signature(s)"
                    + (receipt.Already ? " (already stored)" : "") + ", message hash " + receipt.Hash);
                return ExitCode.Ok;
            }
            catch (ServiceNodeException failed)
            {
                error.WriteLine("send: the network did not take the message: " + failed.Message);
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
