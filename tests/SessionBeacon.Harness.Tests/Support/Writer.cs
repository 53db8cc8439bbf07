using System;
using System.IO;
using System.Security.Cryptography;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;
using Xunit;

namespace SessionBeacon.Harness.Tests.Support
{
    /// <summary>Anyone with a Session identity: any client can store any well-signed message in an inbox, whatever its time or text.</summary>
    internal sealed record Writer(IdentityKeys Keys, TestnetClient Client)
    {
        public string Id => Keys.SessionId;

        /// <summary>A new identity on <paramref name="network"/>, its client's files in <paramref name="folder"/>.</summary>
        public static Writer New(TestNetwork network, string folder)
        {
            IdentityKeys keys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            return new Writer(keys, new TestnetClient(network.SeedUrl, network.SeedPin, keys, new DirectoryStore(Path.Combine(folder, "network")), new SystemClock()));
        }

        /// <summary>A plain message with <paramref name="text"/>, stored for <paramref name="recipient"/> with a verified receipt.</summary>
        public void Send(string recipient, string text, long? timestamp = null)
        {
            var content = new ContentMessage(text, null, timestamp ?? Client.NetworkClock.Now);
            Store(recipient, MessageEncoder.Encode(Keys, SessionId.Parse(recipient), content, Client.Random));
        }

        /// <summary><paramref name="data"/> stored for <paramref name="recipient"/>, again after the network did not answer (Retries).</summary>
        public void Store(string recipient, byte[] data) =>
            Assert.True(Retries.Request(() => Client.Client.Store(recipient, data, ServiceNodeClient.DefaultTtl, 1)).IsSuccess);
    }
}
