// The retry loop behind every ServiceNodeClient request (the recovery table is in
// ServiceNodeClient's header): pick a route, send, judge the reply, and either return the body,
// try again on another route, or give up with the last failure. Split in those three parts;
// the per-request memory is a DeliveryState and the clock handling is ClockSync.
// The first attempt may come ready-made (armed onion keys, or a whole prepared store): it is used
// only while current, and its keys are wiped after the attempt like any other.
// Swarms come from SwarmLookup (the pinned seed's list), never from a node: a 421 only makes the
// client ask the seed again, at most once per request and once per MinimumRefetch per swarm.
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Onion;

namespace Session.Core.Micro.Network
{
    internal sealed class OnionDelivery
    {
        // What an attempt's reply means for the loop.
        private const int Done = 0;
        private const int Retry = 1;
        private const int RetryUncounted = 2;

        private readonly NodePool _pool;
        private readonly OnionPaths _paths;
        private readonly SwarmCache _swarms;
        private readonly NetworkClock _clock;
        private readonly IHttpTransport _transport;
        private readonly IRandomSource _random;
        private readonly SwarmLookup _lookup;
        // Whether, and when (local ms), a fetch of the seed's list last failed.
        private bool _fetchFailed;
        private long _failedFetchAt;

        /// <summary>The least time between two fetches of a swarm that a 421 can cause, ms: a node answering 421 to everything cannot make every request fetch the seed's list.</summary>
        internal const long MinimumRefetch = 60000;

        internal OnionDelivery(NodePool pool, OnionPaths paths, SwarmCache swarms, NetworkClock clock, IHttpTransport transport, IRandomSource random)
        {
            _pool = pool;
            _paths = paths;
            _swarms = swarms;
            _clock = clock;
            _transport = transport;
            _random = random;
            _lookup = new SwarmLookup(pool.Profile, transport, random);
            Timeout = ServiceNodeClient.OnionTimeout;
        }

        /// <summary>Timeout of one onion request, ms.</summary>
        internal int Timeout;

        internal NetworkClock Clock
        {
            get { return _clock; }
        }

        /// <summary>A copy of the pool's nodes.</summary>
        internal ServiceNode[] PoolNodes()
        {
            return _pool.Nodes;
        }

        /// <summary>
        /// Delivers <paramref name="request"/> to a member of <paramref name="swarmOwner"/>'s swarm (or,
        /// with null, to any pool node) and returns the reply's JSON body; <paramref name="first"/>, when
        /// current, carries the first attempt.
        /// </summary>
        internal JsonValue Deliver(string swarmOwner, RpcRequest request, ArrayList avoided, OnionRoute first)
        {
            DeliveryState state = new DeliveryState(avoided);
            for (int attempt = 0; attempt < ServiceNodeClient.MaxAttempts; attempt++)
            {
                if (attempt > 0)
                {
                    _clock.Local.Sleep(ServiceNodeClient.BackoffBase << (attempt - 1));
                }
                OnionPath firstPath = attempt == 0 && first != null ? CurrentPath(swarmOwner, first.Keys) : null;
                OnionRoute route = firstPath != null
                    ? new OnionRoute(firstPath, first.Destination, first.Keys, first.Wire)
                    : NewRoute(swarmOwner, request, state);
                OnionReply reply = Send(route, request, state);
                JsonValue body;
                int outcome = Judge(swarmOwner, request, route, reply, state, out body);
                if (outcome == Done)
                {
                    return body;
                }
                if (outcome == RetryUncounted)
                {
                    attempt--;
                }
            }
            if (swarmOwner != null && _swarms.PickMember(swarmOwner, state.AvoidedAndSuspects(), _random) == null)
            {
                throw new ServiceNodeException(request.Method + ": every member of the swarm of " + swarmOwner + " failed this request; last: " + state.Last, state.LastStatus);
            }
            throw new ServiceNodeException(request.Method + " failed after " + ServiceNodeClient.MaxAttempts.ToString() + " attempts; last: " + state.Last, state.LastStatus);
        }

        /// <summary>
        /// True while <paramref name="keys"/> (unwiped) run through one of the live paths to a current member of
        /// <paramref name="swarmOwner"/>'s swarm.
        /// </summary>
        internal bool IsCurrent(string swarmOwner, OnionKeys keys)
        {
            return CurrentPath(swarmOwner, keys) != null;
        }

        /// <summary>The live path of <paramref name="keys"/> when they are current (see IsCurrent); else null.</summary>
        internal OnionPath CurrentPath(string swarmOwner, OnionKeys keys)
        {
            if (keys == null || keys.IsWiped || swarmOwner == null)
            {
                return null;
            }
            ServiceNode[] swarm = _swarms.Get(swarmOwner);
            bool member = false;
            for (int i = 0; swarm != null && i < swarm.Length && !member; i++)
            {
                member = swarm[i].SameNode(keys.Destination);
            }
            return member ? FindPath(OnionRoute.Relays(keys)) : null;
        }

        /// <summary>The live path whose relays are exactly <paramref name="relays"/>, in order; null if none.</summary>
        internal OnionPath FindPath(ServiceNode[] relays)
        {
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

        /// <summary>A destination that has not failed this request, a path to it without the suspects, and fresh keys.</summary>
        internal OnionRoute NewRoute(string swarmOwner, RpcRequest request, DeliveryState state)
        {
            ServiceNode destination = PickDestination(swarmOwner, state.AvoidedAndSuspects());
            if (destination == null)
            {
                // A failed path does not prove its destination was at fault: ask it again rather than give up.
                destination = PickDestination(swarmOwner, state.Avoided());
            }
            if (destination == null)
            {
                throw new ServiceNodeException(request.Method + ": " + (swarmOwner == null
                    ? "no node left in the pool that has not failed this request (" + _pool.Count.ToString() + " in the pool)"
                    : "every member of the swarm of " + swarmOwner + " failed this request") + "; last: " + state.Last, state.LastStatus);
            }
            OnionPath path;
            try
            {
                path = _paths.SelectAvoiding(destination, state.Suspects());
            }
            catch (ServiceNodeException)
            {
                // The pool lost too many nodes to build a path: fetch it again from a seed, once per request.
                if (state.PoolRefetched)
                {
                    throw;
                }
                state.PoolRefetched = true;
                _pool.Bootstrap();
                path = _paths.SelectAvoiding(destination, state.Suspects());
            }
            return new OnionRoute(path, destination, OnionKeys.Create(path.Raw, destination, _random), null);
        }

        // Posts the route's request (built now unless it came ready) and reads the reply, or null when the answer was
        // larger than the transport reads, or, read as it arrives, longer than any node's; the keys are wiped after.
        private OnionReply Send(OnionRoute route, RpcRequest request, DeliveryState state)
        {
            OnionPath path = route.Path;
            try
            {
                byte[] wire = route.Wire != null ? route.Wire : OnionBuilder.Build(route.Keys, request.Build(_clock.Now, route.Destination), _random);
                IResponseSink body = request.NewReplyReader();
                if (body != null)
                {
                    OnionReplyReader reader = new OnionReplyReader(route.Keys, body);
                    HttpResponse streamed = _transport.Post(path.Guard.BaseUrl + "/onion_req/v2", wire, Timeout, reader);
                    OnionReply reply = reader.Finish(streamed.Status);
                    return reader.IsTooLong ? TooLarge(request, route, state, "longer than any node sends") : Judged(reply, streamed, path, state);
                }
                HttpResponse http = _transport.Post(path.Guard.BaseUrl + "/onion_req/v2", wire, Timeout);
                if (http.IsTooLarge)
                {
                    return TooLarge(request, route, state, "too large: " + Short(http.Error));
                }
                return Judged(OnionReply.Read(route.Keys, http.Status, http.Body), http, path, state);
            }
            finally
            {
                route.Keys.Wipe();
            }
        }

        // An answer larger than the device reads: noted, and null, which Judge does not charge to the path.
        private static OnionReply TooLarge(RpcRequest request, OnionRoute route, DeliveryState state, string why)
        {
            state.Last = request.Method + ": the answer through guard " + route.Path.Guard.Ed25519Hex + " from " + route.Destination.Ed25519Hex + " was " + why;
            state.LastStatus = 0;
            return null;
        }

        // Notes what a reply says about the attempt.
        private static OnionReply Judged(OnionReply reply, HttpResponse http, OnionPath path, DeliveryState state)
        {
            if (http.Status == 0)
            {
                state.Last = "no answer through guard " + path.Guard.Ed25519Hex + ": " + Short(http.Error);
            }
            state.LastStatus = reply.Status;
            return reply;
        }

        // What the reply means: Done (body set), Retry, or RetryUncounted (after a clock resync); throws when the request itself is refused.
        private int Judge(string swarmOwner, RpcRequest request, OnionRoute route, OnionReply reply, DeliveryState state, out JsonValue body)
        {
            body = null;
            OnionPath path = route.Path;
            if (reply == null)
            {
                // Too large for the transport: the path carried an answer, so nothing counts against it, not even as a
                // suspect of this request (that would rebuild paths): an inbox that strangers filled must not cost the
                // paths alerts use. The retry goes to another member.
                state.Avoid(route.Destination);
                return Retry;
            }
            switch (reply.Kind)
            {
                case OnionReplyKind.NextNodeNotFound:
                    state.Last = "a hop could not reach node " + reply.MissingNode + " (Next node not found)";
                    _pool.Remove(reply.MissingNode);
                    _swarms.RemoveNode(reply.MissingNode);
                    _paths.DropNode(reply.MissingNode);
                    return Retry;
                case OnionReplyKind.PathFailure:
                case OnionReplyKind.Undecryptable:
                    PathFailed(path, route.Destination, reply, state);
                    return Retry;
                case OnionReplyKind.Rejected:
                    throw new ServiceNodeException(request.Method + " refused by a hop: " + reply.HttpStatus.ToString() + " " + reply.Body, reply.HttpStatus);
                case OnionReplyKind.ClockOutOfSync:
                    if (state.ClockRetried)
                    {
                        throw new ServiceNodeException(request.Method + ": clock still out of sync after resynchronising", reply.HttpStatus);
                    }
                    state.ClockRetried = true;
                    ClockSync.Resync(this, request.Method, null);
                    return RetryUncounted;
            }
            _paths.RecordSuccess(path);
            // A reply read as it arrived was parsed by its reader; Body holds only its start.
            JsonValue json = request.ReplyRead ? null : TryParse(reply.Body);
            return JudgeStatus(swarmOwner, request, route.Destination, reply, json, state, out body);
        }

        private void PathFailed(OnionPath path, ServiceNode destination, OnionReply reply, DeliveryState state)
        {
            if (reply.HttpStatus != 0 || reply.Kind == OnionReplyKind.Undecryptable)
            {
                state.Last = "path failed: " + reply.HttpStatus.ToString() + " " + reply.Body;
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
            state.Suspect(path, destination);
        }

        // The destination's own answer (the request reached it).
        private int JudgeStatus(string swarmOwner, RpcRequest request, ServiceNode destination, OnionReply reply, JsonValue json, DeliveryState state, out JsonValue body)
        {
            body = null;
            int status = reply.Status;
            if (status == 200 && (json != null || request.ReplyRead))
            {
                _pool.RecordSuccess(destination);
                body = json;
                return Done;
            }
            if (status == 200)
            {
                // Broken, or shaped to hurt a parser: the destination failed this request like one that answered an
                // error, and another is asked; one such node must not end a request the others can answer.
                state.Last = request.Method + ": the answer of " + destination.Ed25519Hex + " is not JSON the reader takes";
                return Failed(destination, state);
            }
            state.Last = request.Method + " answered " + status.ToString() + " by " + destination.Ed25519Hex + ": " + Short(reply.Body);
            if (status == 406 || status == 425)
            {
                if (!state.ClockRetried)
                {
                    // Our clock may be off: take the network's time from other nodes and try again.
                    state.ClockRetried = true;
                    ClockSync.Resync(this, request.Method, destination);
                    return RetryUncounted;
                }
                // Still refused after resynchronising: this node's clock disagrees with the network's.
                state.Last = request.Method + ": node " + destination.Ed25519Hex + " refused the timestamp (" + status.ToString()
                    + ") after the clock was resynchronised: its clock disagrees with the network's";
                state.Avoid(destination);
                return Retry;
            }
            if (status == 421 && swarmOwner != null)
            {
                state.Last = request.Method + ": node " + destination.Ed25519Hex + " is not in the swarm of " + swarmOwner + " (421)";
                // It disowned the pubkey: do not ask it again for this request. The swarm it names is not
                // believed; the seed's list, asked again, says whether the swarm really moved.
                state.Avoid(destination);
                ConfirmMove(swarmOwner, state);
                return Retry;
            }
            if (status == 400 || status == 401 || status == 403 || status == 404)
            {
                throw new ServiceNodeException(request.Method + " refused: " + status.ToString() + " " + Short(reply.Body), status);
            }
            return Failed(destination, state);
        }

        // The destination failed this request: not asked again for it, and dropped from the pool, its swarms and the
        // paths once it has failed often enough.
        private int Failed(ServiceNode destination, DeliveryState state)
        {
            state.Avoid(destination);
            if (_pool.RecordFailure(destination))
            {
                _swarms.RemoveNode(destination.Ed25519Hex);
                _paths.DropNode(destination.Ed25519Hex);
            }
            return Retry;
        }

        // After a 421: the seed's list again, unless this request asked it already or the swarm is younger than MinimumRefetch.
        private void ConfirmMove(string swarmOwner, DeliveryState state)
        {
            long now = _clock.Local.UnixMilliseconds;
            if (state.SwarmRefetched || _swarms.Age(swarmOwner, now) < MinimumRefetch)
            {
                return;
            }
            state.SwarmRefetched = true;
            try
            {
                Fetch(swarmOwner);
            }
            catch (ServiceNodeException failed)
            {
                // No seed now: keep the swarm the seed gave before, without that member for this request.
                state.Last += "; the seed could not be asked again: " + Short(failed.Message);
            }
        }

        /// <summary>
        /// The swarm of <paramref name="sessionId"/>: cached while fresh and not all set aside, else fetched from a
        /// seed. When no seed answers, a cached swarm past its lifetime is still used (it came from the seed too),
        /// and the seed is not asked again for MinimumRefetch: an alert must not wait on a seed that is away.
        /// </summary>
        internal ServiceNode[] Swarm(string sessionId)
        {
            long now = _clock.Local.UnixMilliseconds;
            ServiceNode[] cached = _swarms.Get(sessionId);
            bool seedAway = _fetchFailed && now >= _failedFetchAt && now - _failedFetchAt < MinimumRefetch;
            if (cached != null && (_swarms.IsFresh(sessionId, now) || seedAway))
            {
                return cached;
            }
            try
            {
                Fetch(sessionId);
                _fetchFailed = false;
            }
            catch (ServiceNodeException)
            {
                _fetchFailed = true;
                _failedFetchAt = now;
                if (cached != null)
                {
                    return cached;
                }
                throw;
            }
            ServiceNode[] members = _swarms.Get(sessionId);
            if (members == null)
            {
                throw new ServiceNodeException("the seed's list has no usable member in the swarm of " + sessionId, 0);
            }
            return members;
        }

        // One seed answer for this account and every other one cached or tracked.
        private void Fetch(string sessionId)
        {
            string[] known = _swarms.Owners();
            string[] owners = new string[known.Length + 1];
            owners[0] = sessionId.ToLower();
            int count = 1;
            for (int i = 0; i < known.Length; i++)
            {
                if (known[i] != owners[0])
                {
                    owners[count++] = known[i];
                }
            }
            if (count < owners.Length)
            {
                string[] exact = new string[count];
                System.Array.Copy(owners, exact, count);
                owners = exact;
            }
            _lookup.Resolve(owners, _swarms, _clock.Local.UnixMilliseconds);
        }

        private ServiceNode PickDestination(string swarmOwner, ServiceNode[] avoided)
        {
            if (swarmOwner == null)
            {
                return _pool.PickRandom(avoided);
            }
            // Fetched again when it is stale, was never fetched, or every member was set aside.
            Swarm(swarmOwner);
            return _swarms.PickMember(swarmOwner, avoided, _random);
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

        internal static string Short(string text)
        {
            return text == null ? "" : (text.Length > 120 ? text.Substring(0, 120) : text);
        }
    }
}
