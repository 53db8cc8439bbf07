using System;
using System.Security.Cryptography;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;
using SessionBeacon.Harness.Tests.Support;

namespace SessionBeacon.EndToEnd.Tests.Support
{
    /// <summary>
    /// The core's network client wired as the harness wires it: pool bootstrapped from the testnet's
    /// pinned seed, the real HttpClientTransport, a file-backed store, real time. Onion requests time
    /// out after RequestTimeout ms (short, so a slow node is found quickly), or, in tests that are not about
    /// timeouts, after PatientRequestTimeout (UsePatientTimeouts).
    /// </summary>
    public sealed class BeaconClient
    {
        public const int RequestTimeout = 2000;
        public const int GuardTestTimeout = 3000;

        /// <summary>
        /// Timeouts for tests that are not about timeouts: on a loaded CI machine (test projects in parallel on 2 cores)
        /// a healthy node can take longer than RequestTimeout, and the retry would show as a second request or a path
        /// failure the test did not cause.
        /// </summary>
        public const int PatientRequestTimeout = 10000;
        public const int PatientGuardTestTimeout = 10000;

        /// <summary>Polls of the inbox before Poll gives up (NetworkRetry.PauseMs apart).</summary>
        public const int Polls = 5;

        public BeaconClient(TestNetwork network, string folder, IdentityKeys own)
            : this(network, new DirectoryStore(folder), own, bootstrap: true)
        {
        }

        public BeaconClient(TestNetwork network, IKeyValueStore store, IdentityKeys own, bool bootstrap)
        {
            Keys = own;
            Profile = NetworkProfile.Testnet(network.SeedUrl, network.SeedPin, 1);
            Transport = new TracingTransport(new HttpClientTransport(Profile));
            Store = store;
            Random = new SystemRandom();
            Clock = new RealClock();
            NetworkClock = new NetworkClock(Clock);
            Pool = new NodePool(Profile, Transport, Store, Random);
            if (bootstrap)
            {
                Pool.Bootstrap();
            }
            else if (!Pool.Load())
            {
                throw new InvalidOperationException("the store holds no node pool to load");
            }
            Paths = new OnionPaths(Pool, Transport, Random, own.SessionId, 2) { GuardTestTimeoutMilliseconds = GuardTestTimeout };
            Swarms = new SwarmCache();
            Client = new ServiceNodeClient(Pool, Paths, Swarms, NetworkClock, Transport, Store, Random) { RequestTimeout = RequestTimeout };
        }

        public IdentityKeys Keys { get; }
        public NetworkProfile Profile { get; }
        public TracingTransport Transport { get; }
        public IKeyValueStore Store { get; }
        public SystemRandom Random { get; }
        public RealClock Clock { get; }
        public NetworkClock NetworkClock { get; }
        public NodePool Pool { get; }
        public OnionPaths Paths { get; }
        public SwarmCache Swarms { get; }
        public ServiceNodeClient Client { get; }

        /// <summary>Onion requests and guard tests wait PatientRequestTimeout and PatientGuardTestTimeout.</summary>
        public BeaconClient UsePatientTimeouts()
        {
            Client.RequestTimeout = PatientRequestTimeout;
            Paths.GuardTestTimeoutMilliseconds = PatientGuardTestTimeout;
            return this;
        }

        public static IdentityKeys NewIdentity() => IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));

        /// <summary>
        /// The inbox as the stock app's poll finds it (namespace 0). A poll that fails is made again after a pause,
        /// as the app's next poll would be, up to Polls times: on a loaded machine, with nodes down, every attempt of
        /// one request can time out or meet a dead hop, and the app would not notice.
        /// </summary>
        public RetrieveResult Poll()
        {
            try
            {
                return NetworkRetry.Request(Polls, () => Client.Retrieve(Keys.SessionId, Keys.Ed25519SecretKey, 0));
            }
            catch (ServiceNodeException error)
            {
                throw new InvalidOperationException("the inbox could not be read in " + Polls + " polls; this client's requests:\n"
                    + string.Join("\n", Transport.Lines), error);
            }
        }

        /// <summary>
        /// An alert from this client's identity to <paramref name="recipient"/>, encoded as the core encodes it, and stored.
        /// A store that fails is made again with the same payload after a pause, up to <paramref name="sends"/> times in all,
        /// as the beacon's outbox sends a queued alert again.
        /// </summary>
        public Sent SendAlert(IdentityKeys recipient, string body, int requiredSignatures, int sends = 1)
        {
            long timestamp = NetworkClock.Now;
            byte[] payload = MessageEncoder.Encode(Keys, Convert.FromHexString(recipient.SessionId), new ContentMessage(body, "Beacon", timestamp), Random);
            return new Sent(body, timestamp, payload,
                NetworkRetry.Request(sends, () => Client.Store(recipient.SessionId, payload, ServiceNodeClient.DefaultTtl, requiredSignatures)));
        }
    }

    public sealed record Sent(string Body, long Timestamp, byte[] Payload, StoreReceipt Receipt);
}
