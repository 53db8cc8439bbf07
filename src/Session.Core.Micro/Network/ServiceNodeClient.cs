// The service-node client (protocol.md §3, §4.6, §7): every request goes through a 3-hop onion
// path to a destination that is never on the path; store and retrieve go to a random live member
// of the owner's swarm, other requests to a random pool node. Recovery, per attempt:
//   "Next node not found: <key>"   -> drop that node from pool, swarms and paths; retry
//   no answer (refused, timeout)   -> drop the path; retry as below
//   other path errors / bad reply  -> count a path failure (3 drop it); retry on a path without
//                                     any node of the failed paths, to another destination
//   406 / 425 (HTTP or RPC)        -> resynchronise the clock (median of ResyncSamples nodes'
//                                     `info`, never the refusing node), retry once; a node that
//                                     refuses again disagrees with the network: avoid it
//   421                            -> replace the swarm from the body's snodes; avoid that node; retry
//   401, 400, 403, 404             -> give up: the request itself is wrong
//   other RPC status               -> count a node failure, avoid that member; retry
// When the pool can no longer supply a path, it is fetched again from a seed (once per request).
// Backoff waits BackoffBase * 2^(attempt-1) on the injected clock; MaxAttempts bounds the tries.
// The clock is set from the median of several nodes before the first timestamp goes out; every
// reply's "t" then nudges it by at most MaxTimeStep. Not thread-safe, like the pool, paths and swarm
// cache it drives: one caller at a time (the device's network thread).
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

        /// <summary>Nodes asked for the time when a timestamp was refused; the median is taken.</summary>
        public const int ResyncSamples = 3;

        /// <summary>The largest correction, ms, one reply's "t" may make to a synchronised clock (the store tolerance, protocol.md §3.7).</summary>
        public const long MaxTimeStep = 10000;

        /// <summary>Timeout of one onion request, ms.</summary>
        public const int OnionTimeout = 30000;

        /// <summary>The largest message a swarm stores, bytes (before base64).</summary>
        public const int MaxStoreData = 76800;

        /// <summary>Default and largest TTL for namespace 0: 14 days in ms.</summary>
        public const long DefaultTtl = 14L * 24 * 60 * 60 * 1000;

        /// <summary>Smallest TTL a swarm accepts: 10 s.</summary>
        public const long MinimumTtl = 10000;

        private readonly NodePool _pool;
        private readonly OnionPaths _paths;
        private readonly SwarmCache _swarms;
        private readonly NetworkClock _clock;
        private readonly IHttpTransport _transport;
        private readonly IKeyValueStore _store;
        private readonly IRandomSource _random;
        private int _requestTimeout = OnionTimeout;

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
            _transport = transport;
            _store = store;
            _random = random;
        }

        /// <summary>Timeout of one onion request in ms (default OnionTimeout); a reply slower than this counts as the path's failure.</summary>
        /// <exception cref="System.ArgumentException">The value is below 1.</exception>
        public int RequestTimeout
        {
            get { return _requestTimeout; }
            set
            {
                if (value < 1)
                {
                    throw Errors.Range("value");
                }
                _requestTimeout = value;
            }
        }

        /// <summary>The swarm of <paramref name="sessionId"/>: cached, or fetched with an onion get_swarm.</summary>
        /// <exception cref="System.ArgumentException">sessionId is not a Session ID.</exception>
        /// <exception cref="ServiceNodeException">Every attempt failed, or the network named no members.</exception>
        public ServiceNode[] GetSwarm(string sessionId)
        {
            CheckSessionId(sessionId, "sessionId");
            ServiceNode[] cached = _swarms.Get(sessionId);
            if (cached != null)
            {
                return cached;
            }
            JsonValue reply = Deliver(null, new GetSwarmRequest(sessionId.ToLower()));
            ServiceNode[] members = SwarmCache.ParseSnodes(reply);
            if (members.Length == 0)
            {
                throw new ServiceNodeException("get_swarm named no usable members for " + sessionId, 200);
            }
            _swarms.Set(sessionId, members);
            return _swarms.Get(sessionId);
        }

        /// <summary>Sets the network clock to the median of ResyncSamples random nodes' `info` times.</summary>
        /// <exception cref="ServiceNodeException">No node told the time.</exception>
        public void SyncClock()
        {
            Resync("info", null);
        }

        /// <summary>
        /// Stores <paramref name="data"/> in the swarm of <paramref name="recipient"/> (namespace 0) and
        /// checks the receipt: the locally computed hash signed by at least <paramref name="requiredSignatures"/> swarm members.
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
        /// Store with the first attempt's onion keys prebuilt (pre-arming, issue 7): when
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

        /// <summary>The live path whose relays are exactly <paramref name="relays"/>, in order; null if none.</summary>
        public OnionPath FindPath(ServiceNode[] relays)
        {
            if (relays == null)
            {
                throw Errors.Null("relays");
            }
            for (int p = 0; p < _paths.Count; p++)
            {
                OnionPath path = _paths.Path(p);
                ServiceNode[] nodes = path.Raw;
                if (nodes.Length != relays.Length)
                {
                    continue;
                }
                bool same = true;
                for (int i = 0; i < nodes.Length && same; i++)
                {
                    same = relays[i] != null && nodes[i].SameNode(relays[i]);
                }
                if (same)
                {
                    return path;
                }
            }
            return null;
        }

        private StoreReceipt StoreChecked(string recipient, byte[] data, long ttl, int requiredSignatures, OnionKeys armed)
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
            string hash = MessageHash.Compute(recipient, 0, data);
            EnsureClock("store");
            GetSwarm(recipient);
            JsonValue reply = Deliver(recipient.ToLower(), new StoreRequest(recipient.ToLower(), data, ttl), new ArrayList(), armed);
            ServiceNode[] swarm = _swarms.Get(recipient);
            return StoreReceipt.Verify(reply, hash, swarm == null ? new ServiceNode[0] : swarm, requiredSignatures);
        }

        /// <summary>
        /// Reads new messages of namespace <paramref name="messageNamespace"/> from one random member of
        /// one's own swarm, signed with <paramref name="ed25519SecretKey"/>; the member's last_hash cursor is kept in the store.
        /// </summary>
        /// <param name="sessionId">One's own Session ID.</param>
        /// <param name="ed25519SecretKey">The 64-byte Ed25519 secret key (seed || public key) behind the Session ID.</param>
        /// <param name="messageNamespace">The namespace; 0 for 1-to-1 messages.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">sessionId is not a Session ID, the key is not 64 bytes, or the namespace is out of range.</exception>
        /// <exception cref="ServiceNodeException">Every attempt failed, or the network refused the request (401: wrong key).</exception>
        public RetrieveResult Retrieve(string sessionId, byte[] ed25519SecretKey, int messageNamespace)
        {
            CheckSessionId(sessionId, "sessionId");
            Arguments.Size(ed25519SecretKey, Ed25519.SecretKeySize, "ed25519SecretKey");
            if (messageNamespace < short.MinValue || messageNamespace > short.MaxValue)
            {
                throw Errors.Range("messageNamespace");
            }
            EnsureClock("retrieve");
            GetSwarm(sessionId);
            RetrieveRequest request = new RetrieveRequest(this, sessionId.ToLower(), ed25519SecretKey, messageNamespace);
            JsonValue reply = Deliver(sessionId.ToLower(), request);
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
            if (messages.Length > 0)
            {
                _store.Put(CursorKey(sessionId.ToLower(), messageNamespace, request.LastDestination), Utf8.Encode(messages[messages.Length - 1].Hash));
            }
            return new RetrieveResult(messages, more != null && more.Kind == JsonKind.Boolean && more.AsBoolean(), request.LastDestination.Ed25519Hex);
        }

        /// <summary>The store key of the last_hash cursor for one (account, namespace, node).</summary>
        public static string CursorKey(string sessionId, int messageNamespace, ServiceNode node)
        {
            return "last_hash/" + messageNamespace.ToString() + "/" + sessionId + "/" + node.Ed25519Hex;
        }

        private JsonValue Deliver(string swarmOwner, RpcRequest request)
        {
            return Deliver(swarmOwner, request, new ArrayList(), null);
        }

        // avoided: destinations not to ask again in this request (they failed it, disowned the
        // pubkey or disagree with the network's clock). suspects: every node of a path that failed
        // in this request (and its destination); the next attempt takes a path without them and,
        // while another one is left, another destination.
        private JsonValue Deliver(string swarmOwner, RpcRequest request, ArrayList avoided, OnionKeys armed)
        {
            ArrayList suspects = new ArrayList();
            bool clockRetried = false;
            bool poolRefetched = false;
            string last = "no attempt made";
            int lastStatus = 0;
            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                if (attempt > 0)
                {
                    _clock.Local.Sleep(BackoffBase << (attempt - 1));
                }
                OnionPath armedPath = attempt == 0 ? ArmedPath(swarmOwner, armed) : null;
                ServiceNode destination = armedPath != null ? armed.Destination : PickDestination(swarmOwner, Union(avoided, suspects));
                if (destination == null)
                {
                    // A failed path does not prove its destination was at fault: ask it again rather than give up.
                    destination = PickDestination(swarmOwner, ToArray(avoided));
                }
                if (destination == null)
                {
                    throw new ServiceNodeException(request.Method + ": " + (swarmOwner == null
                        ? "no node left in the pool that has not failed this request (" + _pool.Count.ToString() + " in the pool)"
                        : "every member of the swarm of " + swarmOwner + " failed this request") + "; last: " + last, lastStatus);
                }
                OnionPath path = armedPath;
                try
                {
                    if (path == null)
                    {
                        path = _paths.SelectAvoiding(destination, ToArray(suspects));
                    }
                }
                catch (ServiceNodeException)
                {
                    // The pool lost too many nodes to build a path: fetch it again from a seed, once per request.
                    if (poolRefetched)
                    {
                        throw;
                    }
                    poolRefetched = true;
                    _pool.Bootstrap();
                    path = _paths.SelectAvoiding(destination, ToArray(suspects));
                }
                OnionKeys keys = armedPath != null ? armed : OnionKeys.Create(path.Raw, destination, _random);
                OnionReply reply;
                try
                {
                    byte[] wire = OnionBuilder.Build(keys, request.Build(_clock.Now, destination), _random);
                    HttpResponse http = _transport.Post(path.Guard.BaseUrl + "/onion_req/v2", wire, _requestTimeout);
                    reply = OnionReply.Read(keys, http.Status, http.Body);
                    if (http.Status == 0)
                    {
                        last = "no answer through guard " + path.Guard.Ed25519Hex + ": " + Short(http.Error);
                    }
                }
                finally
                {
                    keys.Wipe();
                }
                lastStatus = reply.Status;
                switch (reply.Kind)
                {
                    case OnionReplyKind.NextNodeNotFound:
                        last = "a hop could not reach node " + reply.MissingNode + " (Next node not found)";
                        _pool.Remove(reply.MissingNode);
                        _swarms.RemoveNode(reply.MissingNode);
                        _paths.DropNode(reply.MissingNode);
                        continue;
                    case OnionReplyKind.PathFailure:
                    case OnionReplyKind.Undecryptable:
                        if (reply.HttpStatus != 0 || reply.Kind == OnionReplyKind.Undecryptable)
                        {
                            last = "path failed: " + reply.HttpStatus.ToString() + " " + reply.Body;
                        }
                        if (reply.HttpStatus == 0)
                        {
                            // No answer at all within the timeout: waiting on this path again would cost another timeout.
                            _paths.Drop(path);
                        }
                        else
                        {
                            _paths.RecordFailure(path);
                        }
                        // Any hop, or the destination itself, may be the one that broke: try other ones,
                        // and keep the destination off the next paths too (it may be down).
                        // Once per failed path: a node in several failed paths is the likeliest culprit.
                        AddAll(suspects, path.Raw);
                        if (!path.Contains(destination))
                        {
                            suspects.Add(destination);
                        }
                        continue;
                    case OnionReplyKind.Rejected:
                        throw new ServiceNodeException(request.Method + " refused by a hop: " + reply.HttpStatus.ToString() + " " + reply.Body, reply.HttpStatus);
                    case OnionReplyKind.ClockOutOfSync:
                        if (clockRetried)
                        {
                            throw new ServiceNodeException(request.Method + ": clock still out of sync after resynchronising", reply.HttpStatus);
                        }
                        clockRetried = true;
                        Resync(request.Method, null);
                        attempt--;
                        continue;
                }

                _paths.RecordSuccess(path);
                JsonValue body = TryParse(reply.Body);
                ObserveTime(body);
                int status = reply.Status;
                if (status == 200)
                {
                    if (body == null)
                    {
                        throw new ServiceNodeException(request.Method + ": the reply is not JSON", 200);
                    }
                    _pool.RecordSuccess(destination);
                    return body;
                }
                last = request.Method + " answered " + status.ToString() + " by " + destination.Ed25519Hex + ": " + Short(reply.Body);
                if (status == 406 || status == 425)
                {
                    if (!clockRetried)
                    {
                        // Our clock may be off: take the network's time from other nodes and try again.
                        clockRetried = true;
                        Resync(request.Method, destination);
                        attempt--;
                        continue;
                    }
                    // Still refused after resynchronising: this node's clock disagrees with the network's.
                    last = request.Method + ": node " + destination.Ed25519Hex + " refused the timestamp (" + status.ToString()
                        + ") after the clock was resynchronised: its clock disagrees with the network's";
                    AddOnce(avoided, destination);
                    continue;
                }
                if (status == 421 && swarmOwner != null)
                {
                    ServiceNode[] members = null;
                    if (body != null)
                    {
                        try
                        {
                            members = SwarmCache.ParseSnodes(body);
                        }
                        catch (MalformedDataException)
                        {
                            members = null;
                        }
                    }
                    if (members != null && members.Length > 0)
                    {
                        _swarms.Set(swarmOwner, members);
                    }
                    last = request.Method + ": node " + destination.Ed25519Hex + " is not in the swarm of " + swarmOwner + " (421)";
                    // It disowned the pubkey: whatever swarm it names, do not ask it again for this request.
                    AddOnce(avoided, destination);
                    continue;
                }
                if (status == 400 || status == 401 || status == 403 || status == 404)
                {
                    throw new ServiceNodeException(request.Method + " refused: " + status.ToString() + " " + Short(reply.Body), status);
                }
                AddOnce(avoided, destination);
                if (_pool.RecordFailure(destination))
                {
                    _swarms.RemoveNode(destination.Ed25519Hex);
                    _paths.DropNode(destination.Ed25519Hex);
                }
            }
            if (swarmOwner != null && _swarms.PickMember(swarmOwner, Union(avoided, suspects), _random) == null)
            {
                throw new ServiceNodeException(request.Method + ": every member of the swarm of " + swarmOwner + " failed this request; last: " + last, lastStatus);
            }
            throw new ServiceNodeException(request.Method + " failed after " + MaxAttempts.ToString() + " attempts; last: " + last, lastStatus);
        }

        // The network's time from up to ResyncSamples distinct nodes (never <paramref name="suspect"/>,
        // the node that refused our timestamp): the median offset, so one node with a wrong clock
        // cannot set ours.
        // Timestamps go out only after the network's time is known from several nodes.
        private void EnsureClock(string method)
        {
            if (!_clock.IsSynchronised)
            {
                Resync(method, null);
            }
        }

        private void Resync(string method, ServiceNode suspect)
        {
            ArrayList asked = new ArrayList();
            if (suspect != null)
            {
                asked.Add(suspect);
            }
            long[] offsets = new long[ResyncSamples];
            int count = 0;
            string problem = "no node left to ask";
            for (int i = 0; i < ResyncSamples; i++)
            {
                InfoRequest info = new InfoRequest();
                JsonValue reply;
                try
                {
                    reply = Deliver(null, info, (ArrayList)asked.Clone(), null);
                }
                catch (ServiceNodeException e)
                {
                    problem = e.Message;
                    break;
                }
                asked.Add(info.LastDestination);
                JsonValue timestamp = reply.Get("timestamp");
                if (timestamp != null && timestamp.IsInteger && timestamp.AsInt64() > 0)
                {
                    offsets[count++] = timestamp.AsInt64() - _clock.Local.UnixMilliseconds;
                }
            }
            if (count == 0)
            {
                throw new ServiceNodeException(method + ": no node told the network's time (" + problem + ")", 0);
            }
            // Insertion sort of at most ResyncSamples values.
            for (int i = 1; i < count; i++)
            {
                long value = offsets[i];
                int j = i - 1;
                while (j >= 0 && offsets[j] > value)
                {
                    offsets[j + 1] = offsets[j];
                    j--;
                }
                offsets[j + 1] = value;
            }
            _clock.Observe(_clock.Local.UnixMilliseconds + offsets[count / 2]);
        }

        // The live path of armed onion keys whose destination is still in swarmOwner's swarm; null
        // when there are none, they are used, or the path or the swarm has changed since arming.
        private OnionPath ArmedPath(string swarmOwner, OnionKeys armed)
        {
            if (armed == null || armed.IsWiped || swarmOwner == null)
            {
                return null;
            }
            ServiceNode[] swarm = _swarms.Get(swarmOwner);
            bool member = false;
            for (int i = 0; swarm != null && i < swarm.Length && !member; i++)
            {
                member = swarm[i].SameNode(armed.Destination);
            }
            if (!member)
            {
                return null;
            }
            ServiceNode[] relays = new ServiceNode[armed.LayerCount - 1];
            for (int i = 0; i < relays.Length; i++)
            {
                relays[i] = armed.Node(i);
            }
            return FindPath(relays);
        }

        private ServiceNode PickDestination(string swarmOwner, ServiceNode[] avoided)
        {
            if (swarmOwner == null)
            {
                return _pool.PickRandom(avoided);
            }
            if (_swarms.Get(swarmOwner) == null)
            {
                // The cached swarm lost its last member (or was never fetched): ask the network again.
                GetSwarm(swarmOwner);
            }
            return _swarms.PickMember(swarmOwner, avoided, _random);
        }

        private static void AddOnce(ArrayList nodes, ServiceNode node)
        {
            for (int i = 0; i < nodes.Count; i++)
            {
                if (((ServiceNode)nodes[i]).SameNode(node))
                {
                    return;
                }
            }
            nodes.Add(node);
        }

        private static void AddAll(ArrayList nodes, ServiceNode[] more)
        {
            for (int i = 0; i < more.Length; i++)
            {
                nodes.Add(more[i]);
            }
        }

        private static ServiceNode[] Union(ArrayList first, ArrayList second)
        {
            ArrayList all = (ArrayList)first.Clone();
            for (int i = 0; i < second.Count; i++)
            {
                AddOnce(all, (ServiceNode)second[i]);
            }
            return ToArray(all);
        }

        private void ObserveTime(JsonValue body)
        {
            if (body == null || body.Kind != JsonKind.Object)
            {
                return;
            }
            JsonValue t = body.Get("t");
            if (t == null || !t.IsInteger || t.AsInt64() <= 0)
            {
                return;
            }
            // One node's "t" may only nudge a synchronised clock; setting it, or a larger jump (a node
            // whose clock is off), takes the median of several nodes (Resync).
            long step = t.AsInt64() - _clock.Now;
            if (_clock.IsSynchronised && step <= MaxTimeStep && step >= -MaxTimeStep)
            {
                _clock.Observe(t.AsInt64());
            }
        }

        private static JsonValue TryParse(string text)
        {
            if (text == null || text.Length == 0)
            {
                return null;
            }
            try
            {
                return JsonReader.Parse(text);
            }
            catch (MalformedDataException)
            {
                return null;
            }
            catch (System.ArgumentException)
            {
                return null;
            }
        }

        private static string Short(string text)
        {
            return text == null ? "" : (text.Length > 120 ? text.Substring(0, 120) : text);
        }

        private static ServiceNode[] ToArray(ArrayList nodes)
        {
            return (ServiceNode[])nodes.ToArray(typeof(ServiceNode));
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

        private sealed class GetSwarmRequest : RpcRequest
        {
            private readonly byte[] _body;

            internal GetSwarmRequest(string sessionId)
            {
                _body = Requests.GetSwarm(sessionId);
            }

            internal override string Method
            {
                get { return "get_swarm"; }
            }

            internal override byte[] Build(long now, ServiceNode destination)
            {
                return _body;
            }
        }

        private sealed class InfoRequest : RpcRequest
        {
            internal ServiceNode LastDestination;

            internal override string Method
            {
                get { return "info"; }
            }

            internal override byte[] Build(long now, ServiceNode destination)
            {
                LastDestination = destination;
                return Requests.Info();
            }
        }

        private sealed class StoreRequest : RpcRequest
        {
            private readonly string _recipient;
            private readonly byte[] _data;
            private readonly long _ttl;

            internal StoreRequest(string recipient, byte[] data, long ttl)
            {
                _recipient = recipient;
                _data = data;
                _ttl = ttl;
            }

            internal override string Method
            {
                get { return "store"; }
            }

            internal override byte[] Build(long now, ServiceNode destination)
            {
                return Requests.Store(_recipient, now, _ttl, _data, 0);
            }
        }

        private sealed class RetrieveRequest : RpcRequest
        {
            private readonly ServiceNodeClient _client;
            private readonly string _sessionId;
            private readonly byte[] _secretKey;
            private readonly int _namespace;

            internal RetrieveRequest(ServiceNodeClient client, string sessionId, byte[] secretKey, int messageNamespace)
            {
                _client = client;
                _sessionId = sessionId;
                _secretKey = secretKey;
                _namespace = messageNamespace;
            }

            internal ServiceNode LastDestination;

            internal override string Method
            {
                get { return "retrieve"; }
            }

            // Signature: Ed25519 over "retrieve" || NS || timestamp, NS empty for namespace 0 (protocol.md §3.3).
            internal override byte[] Build(long now, ServiceNode destination)
            {
                LastDestination = destination;
                byte[] message = Utf8.Encode("retrieve" + (_namespace == 0 ? "" : _namespace.ToString()) + now.ToString());
                byte[] signature = new byte[Ed25519.SignatureSize];
                Ed25519.Sign(signature, _secretKey, message);
                byte[] publicKey = new byte[Ed25519.PublicKeySize];
                System.Array.Copy(_secretKey, Ed25519.SeedSize, publicKey, 0, Ed25519.PublicKeySize);
                byte[] cursor = _client._store.Get(CursorKey(_sessionId, _namespace, destination));
                string lastHash = cursor == null ? "" : Utf8.Decode(cursor, 0, cursor.Length);
                return Requests.Retrieve(_sessionId, _namespace, now, signature, Hex.Encode(publicKey), lastHash);
            }
        }
    }
}
