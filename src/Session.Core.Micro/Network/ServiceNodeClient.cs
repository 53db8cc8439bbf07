// The service-node client (docs/protocol.md §3, §4.6, §7): every request goes through a 3-hop onion
// path to a destination that is never on the path; store and retrieve go to a random live member
// of the owner's swarm, other requests to a random pool node. Swarms are computed from the pinned
// seed's node list (SwarmLookup, SwarmCache), never taken from a node, and used for at most
// SwarmCache.Lifetime. A store counts as stored only with verified receipts from at least k distinct
// members of that swarm (all of them when it has fewer than k). Recovery, per attempt:
//   "Next node not found: <key>"   -> drop that node from pool, swarms and paths; retry
//   no answer (refused, timeout)   -> drop the path; retry as below
//   answer too large to read       -> nothing against the path; avoid that member; retry elsewhere
//   other path errors / bad reply  -> count a path failure (3 drop it); retry on a path without
//                                     any node of the failed paths, to another destination
//   406 / 425 (HTTP or RPC)        -> resynchronise the clock (ClockSync: 3 to 10 nodes' `info` in
//                                     distinct /24s, never the refusing node), retry once; a node
//                                     that refuses again disagrees with the network: avoid it
//   421                            -> avoid that node; ask the seed's list again (once per request, and
//                                     not within OnionDelivery.MinimumRefetch of the last fetch); retry
//   401, 400, 403, 404             -> give up: the request itself is wrong
//   other RPC status               -> count a node failure, avoid that member; retry
// When the pool can no longer supply a path, it is fetched again from a seed (once per request).
// Backoff waits BackoffBase * 2^(attempt-1) on the injected clock; MaxAttempts bounds the tries.
// The clock is set from several nodes before the first timestamp goes out, and stays within
// MaxTimeStep of the local clock unless ten nodes agree on a jump (ClockSync); no single reply moves
// it. Not thread-safe, like the pool, paths and swarm
// cache it drives: one caller at a time (the device's network thread).
// This file is the public surface; the retry loop is OnionDelivery (with DeliveryState and
// OnionRoute), the clock handling ClockSync, and each RPC body one RpcRequest class.
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Onion;

namespace Session.Core.Micro.Network
{
    /// <summary>Onion-routed get_swarm, info, store and retrieve with recovery from network faults.</summary>
    public sealed class ServiceNodeClient
    {
        /// <summary>
        /// Attempts per request (not counting the one retry after a clock resync). A failed path does not say
        /// which hop broke, so with a few nodes down several attempts can meet one (end-to-end tests: 4 was too few).
        /// </summary>
        public const int MaxAttempts = 6;

        /// <summary>The first backoff wait, ms; it doubles per attempt.</summary>
        public const int BackoffBase = 250;

        /// <summary>Nodes (in distinct /24 subnets) asked for the time at most per round; a jump needs two full rounds that agree.</summary>
        public const int ResyncSamples = 5;

        /// <summary>Nodes that must tell the time for it to be set; when they agree near the local clock no more are asked.</summary>
        public const int MinimumClockSamples = 3;

        /// <summary>How far, ms, the network time may be from the local clock (plus the last agreed jump) without nodes agreeing on a jump: the store tolerance, docs/protocol.md §3.7.</summary>
        public const long MaxTimeStep = 10000;

        /// <summary>How close, ms, nodes' times must be to count as agreeing.</summary>
        public const long AgreementMs = 10000;

        /// <summary>Timeout of one onion request, ms.</summary>
        public const int OnionTimeout = 30000;

        /// <summary>The largest message a swarm stores, bytes (before base64).</summary>
        public const int MaxStoreData = 76800;

        /// <summary>Default and largest TTL for namespace 0: 14 days in ms.</summary>
        public const long DefaultTtl = 14L * 24 * 60 * 60 * 1000;

        /// <summary>Smallest TTL a swarm accepts: 10 s.</summary>
        public const long MinimumTtl = 10000;

        /// <summary>How far a store's timestamp may lead, and its expiry trail, the node's clock: 10 s (docs/protocol.md §3.2).</summary>
        public const long StoreTolerance = 10000;

        private readonly NodePool _pool;
        private readonly OnionPaths _paths;
        private readonly SwarmCache _swarms;
        private readonly NetworkClock _clock;
        private readonly IKeyValueStore _store;
        private readonly IRandomSource _random;
        private readonly OnionDelivery _delivery;

        /// <summary>Creates a client over the given pool, paths and swarm cache.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public ServiceNodeClient(NodePool pool, OnionPaths paths, SwarmCache swarms, NetworkClock clock,
            IHttpTransport transport, IKeyValueStore store, IRandomSource random)
        {
            if (pool == null) { throw Errors.Null("pool"); }
            if (paths == null) { throw Errors.Null("paths"); }
            if (swarms == null) { throw Errors.Null("swarms"); }
            if (clock == null) { throw Errors.Null("clock"); }
            if (transport == null) { throw Errors.Null("transport"); }
            if (store == null) { throw Errors.Null("store"); }
            if (random == null) { throw Errors.Null("random"); }
            _pool = pool;
            _paths = paths;
            _swarms = swarms;
            _clock = clock;
            _store = store;
            _random = random;
            _delivery = new OnionDelivery(pool, paths, swarms, clock, transport, random);
        }

        /// <summary>Timeout of one onion request in ms (default OnionTimeout); a reply slower than this counts as the path's failure.</summary>
        /// <exception cref="System.ArgumentException">The value is below 1.</exception>
        public int RequestTimeout
        {
            get { return _delivery.Timeout; }
            set
            {
                if (value < 1)
                {
                    throw Errors.Range("value");
                }
                _delivery.Timeout = value;
            }
        }

        /// <summary>
        /// The swarm of <paramref name="sessionId"/> (its members not set aside after failures): cached while
        /// younger than SwarmCache.Lifetime, else computed from a seed's node list (with every other cached swarm).
        /// </summary>
        /// <exception cref="System.ArgumentException">sessionId is not a Session ID.</exception>
        /// <exception cref="ServiceNodeException">No seed gave a usable list, or it has no usable member in that swarm.</exception>
        public ServiceNode[] GetSwarm(string sessionId)
        {
            CheckSessionId(sessionId, "sessionId");
            return _delivery.Swarm(sessionId);
        }

        /// <summary>Sets the network clock from independent nodes' `info` times (ClockSync: the median of 3 to 5 near the local clock, a jump only when two rounds of 5 agree).</summary>
        /// <exception cref="ServiceNodeException">Fewer than MinimumClockSamples nodes told the time.</exception>
        public void SyncClock()
        {
            ClockSync.Resync(_delivery, "info", null);
        }

        /// <summary>
        /// Stores <paramref name="data"/> in the swarm of <paramref name="recipient"/> (namespace 0) and
        /// checks the receipt: the locally computed hash signed by at least <paramref name="requiredSignatures"/> distinct
        /// members of the swarm the seed's list gives (by all of them when it has fewer, see <see cref="RequiredSignaturesFor"/>).
        /// </summary>
        /// <param name="recipient">The recipient's Session ID.</param>
        /// <param name="data">The message bytes (a WebSocketMessage); at most MaxStoreData.</param>
        /// <param name="ttl">Time to live in ms, MinimumTtl .. DefaultTtl.</param>
        /// <param name="requiredSignatures">k: verified member signatures needed (at least 1).</param>
        /// <returns>The checked receipt; see IsSuccess and Already.</returns>
        /// <exception cref="System.ArgumentNullException">recipient or data is null.</exception>
        /// <exception cref="System.ArgumentException">recipient is not a Session ID, data is too large, or ttl or requiredSignatures is out of range.</exception>
        /// <exception cref="ServiceNodeException">Every attempt failed, or the network refused the request.</exception>
        public StoreReceipt Store(string recipient, byte[] data, long ttl, int requiredSignatures)
        {
            return Store(recipient, data, ttl, requiredSignatures, null);
        }

        /// <summary>
        /// Store with the first attempt's onion keys prebuilt (pre-arming): when
        /// <paramref name="armed"/> runs through one of the live paths to a current member of the
        /// recipient's swarm, the first attempt uses it and skips the 8 X25519 multiplications of
        /// OnionKeys.Create; otherwise (path or swarm changed) it is discarded. Retries build fresh keys.
        /// The armed keys are wiped in every case, so they are used at most once.
        /// </summary>
        /// <param name="armed">Onion keys from OnionKeys.Create over a path of this client's OnionPaths; null for none.</param>
        /// <exception cref="System.ArgumentNullException">recipient or data is null.</exception>
        /// <exception cref="System.ArgumentException">recipient is not a Session ID, data is too large, or ttl or requiredSignatures is out of range.</exception>
        /// <exception cref="ServiceNodeException">Every attempt failed, or the network refused the request.</exception>
        public StoreReceipt Store(string recipient, byte[] data, long ttl, int requiredSignatures, OnionKeys armed)
        {
            try
            {
                return StoreChecked(recipient, data, ttl, requiredSignatures, armed);
            }
            finally
            {
                if (armed != null)
                {
                    armed.Wipe();
                }
            }
        }

        /// <summary>
        /// Builds the whole store request for <paramref name="data"/> now, to send later with
        /// <see cref="Store(PreparedStore, int)"/> (pre-arming): the store timestamp is the
        /// network time now, the destination a random member of the recipient's swarm, the path a live one,
        /// the onion keys fresh. Costs what a store's first attempt costs before posting (8 X25519 and the
        /// onion layers); nothing is sent, except that the clock and the swarm are fetched when unknown.
        /// </summary>
        /// <param name="recipient">The recipient's Session ID.</param>
        /// <param name="data">The message bytes; kept by reference (the caller must not change them).</param>
        /// <param name="ttl">Time to live from the timestamp, ms, MinimumTtl .. DefaultTtl.</param>
        /// <exception cref="System.ArgumentNullException">recipient or data is null.</exception>
        /// <exception cref="System.ArgumentException">recipient is not a Session ID, data is too large, or ttl is out of range.</exception>
        /// <exception cref="ServiceNodeException">The clock, the swarm or a path could not be had from the network.</exception>
        public PreparedStore PrepareStore(string recipient, byte[] data, long ttl)
        {
            return PrepareStore(recipient, data, ttl, null);
        }

        /// <summary>
        /// As <see cref="PrepareStore(string, byte[], long)"/>, replacing <paramref name="replaced"/>, an unsent
        /// request of the same recipient: while it is current (<see cref="IsCurrent"/>), the new request takes over its
        /// onion keys, destination and path, so only the store body and the layers' symmetric encryption are redone
        /// (fresh random nonces under the same layer keys; only one of the two requests can ever be sent). Otherwise
        /// the new request gets fresh keys. Once the new request is built, <paramref name="replaced"/> is used up: its
        /// bytes are wiped, and its keys too unless taken over; when this throws, it is left as it was.
        /// </summary>
        /// <param name="replaced">An unsent request from this client's PrepareStore, or null.</param>
        /// <exception cref="System.ArgumentNullException">recipient or data is null.</exception>
        /// <exception cref="System.ArgumentException">recipient is not a Session ID, data is too large, or ttl is out of range.</exception>
        /// <exception cref="ServiceNodeException">The clock, the swarm or a path could not be had from the network.</exception>
        public PreparedStore PrepareStore(string recipient, byte[] data, long ttl, PreparedStore replaced)
        {
            CheckStore(recipient, data, ttl, 1);
            string owner = recipient.ToLower();
            ClockSync.Ensure(_delivery, "store");
            GetSwarm(owner);
            OnionKeys keys;
            if (replaced != null && replaced.Recipient == owner && IsCurrent(replaced))
            {
                keys = replaced.TakeKeys();
            }
            else
            {
                // Fresh keys first: when the network cannot give them, the replaced request is left as it was.
                keys = NewKeys(owner);
                if (replaced != null)
                {
                    replaced.Wipe();
                }
            }
            long timestamp = _clock.Now;
            byte[] wire = OnionBuilder.Build(keys, Requests.Store(owner, timestamp, ttl, data, 0), _random);
            return new PreparedStore(owner, data, MessageHash.Compute(owner, 0, data), timestamp, ttl, keys, wire);
        }

        // Fresh onion keys to a member of the swarm, over a live path.
        private OnionKeys NewKeys(string owner)
        {
            // A member on none of the live paths when there is one: then no path has to be replaced for
            // it, which would make requests prepared earlier over that path stale.
            ServiceNode destination = _swarms.PickMember(owner, NodesOnLivePaths(), _random);
            if (destination == null)
            {
                destination = _swarms.PickMember(owner, null, _random);
            }
            if (destination == null)
            {
                throw new ServiceNodeException("store: the swarm of " + owner + " has no member left", 0);
            }
            OnionPath path = _paths.Select(destination);
            return OnionKeys.Create(path.Raw, destination, _random);
        }

        /// <summary>
        /// Sends a prepared store and checks its receipt exactly as <see cref="Store(string, byte[], long, int)"/>
        /// does. While <paramref name="prepared"/> is current (see <see cref="IsCurrent"/>), its bytes are the
        /// first attempt; when they fail, or the path or destination changed since it was built, the normal
        /// retry loop continues with fresh requests of the same data, expiring when the prepared one would.
        /// The prepared store is used up (wiped) in every case.
        /// </summary>
        /// <param name="prepared">From <see cref="PrepareStore"/> of this client; not used before.</param>
        /// <param name="requiredSignatures">k: verified member signatures needed (at least 1).</param>
        /// <returns>The checked receipt; see IsSuccess and Already.</returns>
        /// <exception cref="System.ArgumentNullException">prepared is null.</exception>
        /// <exception cref="System.ArgumentException">requiredSignatures is below 1.</exception>
        /// <exception cref="System.InvalidOperationException">The prepared store was sent or wiped already.</exception>
        /// <exception cref="ServiceNodeException">Every attempt failed, or the network refused the request.</exception>
        public StoreReceipt Store(PreparedStore prepared, int requiredSignatures)
        {
            if (prepared == null)
            {
                throw Errors.Null("prepared");
            }
            if (requiredSignatures < 1)
            {
                throw Errors.Range("requiredSignatures");
            }
            if (prepared.IsUsed)
            {
                throw Errors.PreparedStoreUsed();
            }
            prepared.MarkUsed();
            try
            {
                string owner = prepared.Recipient;
                ClockSync.Ensure(_delivery, "store");
                GetSwarm(owner);
                OnionRoute first = prepared.Expiry > _clock.Now + StoreTolerance
                    ? new OnionRoute(null, prepared.Destination, prepared.Keys, prepared.Wire)
                    : null;
                JsonValue reply = _delivery.Deliver(owner, new StoreRequest(owner, prepared.Data, 0, prepared.Expiry), new ArrayList(), first);
                return Receipt(owner, reply, prepared.Hash, requiredSignatures);
            }
            finally
            {
                prepared.Wipe();
            }
        }

        /// <summary>
        /// True while <paramref name="prepared"/> can still go out as built: unused, its relays still one
        /// of the live paths, its destination still in the recipient's swarm, and its expiry more than
        /// the swarm's 10 s clock tolerance ahead of the network time.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">prepared is null.</exception>
        public bool IsCurrent(PreparedStore prepared)
        {
            if (prepared == null)
            {
                throw Errors.Null("prepared");
            }
            return !prepared.IsUsed && prepared.Expiry > _clock.Now + StoreTolerance && _delivery.IsCurrent(prepared.Recipient, prepared.Keys);
        }

        /// <summary>The live path whose relays are exactly <paramref name="relays"/>, in order; null if none.</summary>
        /// <exception cref="System.ArgumentNullException">relays is null.</exception>
        public OnionPath FindPath(ServiceNode[] relays)
        {
            if (relays == null)
            {
                throw Errors.Null("relays");
            }
            return _delivery.FindPath(relays);
        }

        private ServiceNode[] NodesOnLivePaths()
        {
            ArrayList nodes = new ArrayList();
            for (int p = 0; p < _paths.Count; p++)
            {
                ServiceNode[] relays = _paths.Path(p).Raw;
                for (int i = 0; i < relays.Length; i++)
                {
                    nodes.Add(relays[i]);
                }
            }
            return (ServiceNode[])nodes.ToArray(typeof(ServiceNode));
        }

        private StoreReceipt StoreChecked(string recipient, byte[] data, long ttl, int requiredSignatures, OnionKeys armed)
        {
            CheckStore(recipient, data, ttl, requiredSignatures);
            string hash = MessageHash.Compute(recipient, 0, data);
            ClockSync.Ensure(_delivery, "store");
            GetSwarm(recipient);
            OnionRoute first = armed == null ? null : new OnionRoute(null, armed.Destination, armed, null);
            JsonValue reply = _delivery.Deliver(recipient.ToLower(), new StoreRequest(recipient.ToLower(), data, ttl, 0), new ArrayList(), first);
            return Receipt(recipient, reply, hash, requiredSignatures);
        }

        // Only members of the authenticated swarm count, those set aside after failures too: they are members still.
        private StoreReceipt Receipt(string recipient, JsonValue reply, string hash, int requiredSignatures)
        {
            ServiceNode[] swarm = _swarms.Members(recipient);
            if (swarm == null)
            {
                swarm = new ServiceNode[0];
            }
            return StoreReceipt.Verify(reply, hash, swarm, RequiredSignaturesFor(requiredSignatures, swarm.Length));
        }

        /// <summary>
        /// The verified signatures a store needs from a swarm of <paramref name="swarmSize"/> members when the caller asks
        /// for <paramref name="requiredSignatures"/>: that many, or every member of a smaller swarm (at least 1).
        /// </summary>
        public static int RequiredSignaturesFor(int requiredSignatures, int swarmSize)
        {
            int needed = requiredSignatures < swarmSize ? requiredSignatures : swarmSize;
            return needed < 1 ? 1 : needed;
        }

        private static void CheckStore(string recipient, byte[] data, long ttl, int requiredSignatures)
        {
            CheckSessionId(recipient, "recipient");
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (data.Length > MaxStoreData)
            {
                throw Errors.DataTooLarge("data", data.Length, MaxStoreData);
            }
            if (ttl < MinimumTtl || ttl > DefaultTtl)
            {
                throw Errors.Range("ttl");
            }
            if (requiredSignatures < 1)
            {
                throw Errors.Range("requiredSignatures");
            }
        }

        /// <summary>
        /// Reads new messages of namespace <paramref name="messageNamespace"/> from one random member of
        /// one's own swarm, signed with <paramref name="ed25519SecretKey"/>, and moves that member's last_hash
        /// cursor (kept in the store) past them all; <see cref="Peek"/> leaves it for the caller to move.
        /// </summary>
        /// <param name="sessionId">One's own Session ID.</param>
        /// <param name="ed25519SecretKey">The 64-byte Ed25519 secret key (seed || public key) behind the Session ID.</param>
        /// <param name="messageNamespace">The namespace; 0 for 1-to-1 messages.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">sessionId is not a Session ID, the key is not 64 bytes, or the namespace is out of range.</exception>
        /// <exception cref="ServiceNodeException">Every attempt failed, or the network refused the request (401: wrong key).</exception>
        public RetrieveResult Retrieve(string sessionId, byte[] ed25519SecretKey, int messageNamespace)
        {
            return Retrieve(sessionId, ed25519SecretKey, messageNamespace, 0, null);
        }

        /// <summary>
        /// Reads one page of new messages whose reply fits <paramref name="maxReplyBytes"/> (docs/protocol.md §3.3: the
        /// request's max_size and max_count, RetrieveRequest.Budget), the answer read as it arrives: a message larger than
        /// such a page (a node returns the first one whatever the budget) comes back skipped, without its data
        /// (RetrievedMessage.IsSkipped), and the cursor moves past it. From member <paramref name="fromNode"/> when it is
        /// still in the swarm, so that a page follows the last one on that member's cursor; otherwise from a random member.
        /// Moves that member's cursor past them all. When the result says More, ask again (from its Node) for the next page.
        /// </summary>
        /// <param name="sessionId">One's own Session ID.</param>
        /// <param name="ed25519SecretKey">The 64-byte Ed25519 secret key (seed || public key) behind the Session ID.</param>
        /// <param name="messageNamespace">The namespace; 0 for 1-to-1 messages.</param>
        /// <param name="maxReplyBytes">The largest HTTP body the transport reads, RetrieveRequest.MinReplyBytes or more; 0 for the node's default budget.</param>
        /// <param name="fromNode">The Ed25519 hex key of the member to ask (a RetrieveResult's Node); null for a random one.</param>
        /// <exception cref="System.ArgumentNullException">sessionId or the key is null.</exception>
        /// <exception cref="System.ArgumentException">sessionId is not a Session ID, the key is not 64 bytes, or the namespace or maxReplyBytes is out of range.</exception>
        /// <exception cref="ServiceNodeException">Every attempt failed, or the network refused the request (401: wrong key).</exception>
        public RetrieveResult Retrieve(string sessionId, byte[] ed25519SecretKey, int messageNamespace, int maxReplyBytes, string fromNode)
        {
            RetrieveResult result = Peek(sessionId, ed25519SecretKey, messageNamespace, maxReplyBytes, fromNode);
            if (result.Count > 0)
            {
                MoveCursor(result, result.Count - 1);
            }
            return result;
        }

        /// <summary>
        /// Reads new messages as <see cref="Retrieve(string, byte[], int)"/> does, but leaves the member's cursor where it
        /// was, so a receiver that stops while handling them gets them again: it calls <see cref="MoveCursor"/> once each
        /// message is handled.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">sessionId is not a Session ID, the key is not 64 bytes, or the namespace is out of range.</exception>
        /// <exception cref="ServiceNodeException">Every attempt failed, or the network refused the request (401: wrong key).</exception>
        public RetrieveResult Peek(string sessionId, byte[] ed25519SecretKey, int messageNamespace)
        {
            return Peek(sessionId, ed25519SecretKey, messageNamespace, 0, null);
        }

        // One page, as Retrieve reads it, with the cursor left where it was.
        private RetrieveResult Peek(string sessionId, byte[] ed25519SecretKey, int messageNamespace, int maxReplyBytes, string fromNode)
        {
            CheckSessionId(sessionId, "sessionId");
            if (maxReplyBytes != 0 && maxReplyBytes < RetrieveRequest.MinReplyBytes)
            {
                throw Errors.Range("maxReplyBytes");
            }
            Arguments.Size(ed25519SecretKey, Ed25519.SecretKeySize, "ed25519SecretKey");
            if (messageNamespace < short.MinValue || messageNamespace > short.MaxValue)
            {
                throw Errors.Range("messageNamespace");
            }
            ClockSync.Ensure(_delivery, "retrieve");
            GetSwarm(sessionId);
            RetrieveRequest request = new RetrieveRequest(_store, sessionId.ToLower(), ed25519SecretKey, messageNamespace, maxReplyBytes);
            JsonValue reply = _delivery.Deliver(sessionId.ToLower(), request, OtherMembers(sessionId, fromNode), null);
            string cursorKey = CursorKey(sessionId.ToLower(), messageNamespace, request.LastDestination);
            if (request.LastReply != null)
            {
                return new RetrieveResult(request.LastReply.Messages(), request.LastReply.More, request.LastDestination.Ed25519Hex, cursorKey);
            }
            JsonValue list = reply.Require("messages");
            if (list.Kind != JsonKind.Array)
            {
                throw Errors.JsonShape(list.Offset, "an array of messages");
            }
            RetrievedMessage[] messages = new RetrievedMessage[list.Count];
            for (int i = 0; i < messages.Length; i++)
            {
                JsonValue m = list.Item(i);
                byte[] data = Base64.TryDecode(m.Require("data").AsString());
                if (data == null)
                {
                    throw Errors.JsonShape(m.Require("data").Offset, "base64 message data");
                }
                JsonValue expiration = m.Get("expiration");
                messages[i] = new RetrievedMessage(m.Require("hash").AsString(), m.Require("timestamp").AsInt64(),
                    expiration != null && expiration.IsInteger ? expiration.AsInt64() : 0, data);
            }
            JsonValue more = reply.Get("more");
            return new RetrieveResult(messages, more != null && more.Kind == JsonKind.Boolean && more.AsBoolean(), request.LastDestination.Ed25519Hex, cursorKey);
        }

        /// <summary>
        /// Moves the cursor of the member that answered <paramref name="result"/> to its message
        /// <paramref name="index"/>: that member's next answer starts after it.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">result is null.</exception>
        /// <exception cref="System.ArgumentException">index is outside 0 .. Count - 1.</exception>
        public void MoveCursor(RetrieveResult result, int index)
        {
            if (result == null)
            {
                throw Errors.Null("result");
            }
            _store.Put(result.CursorKey, Utf8.Encode(result.Message(index).Hash));
        }

        // Every member of the owner's swarm but fromNode, to be avoided; none when fromNode is null or no longer a member.
        private ArrayList OtherMembers(string owner, string fromNode)
        {
            ArrayList others = new ArrayList();
            ServiceNode[] swarm = _swarms.Get(owner);
            bool member = false;
            for (int i = 0; fromNode != null && swarm != null && i < swarm.Length; i++)
            {
                if (swarm[i].Ed25519Hex == fromNode)
                {
                    member = true;
                }
                else
                {
                    others.Add(swarm[i]);
                }
            }
            return member ? others : new ArrayList();
        }

        /// <summary>The store key of the last_hash cursor for one (account, namespace, node).</summary>
        public static string CursorKey(string sessionId, int messageNamespace, ServiceNode node)
        {
            return "last_hash/" + messageNamespace.ToString() + "/" + sessionId + "/" + node.Ed25519Hex;
        }

        private static void CheckSessionId(string sessionId, string parameter)
        {
            if (sessionId == null)
            {
                throw Errors.Null(parameter);
            }
            if (SessionId.TryParse(sessionId) == null)
            {
                throw Errors.NotSessionId(parameter);
            }
        }
    }
}
