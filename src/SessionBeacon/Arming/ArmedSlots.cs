using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Onion;

// Pre-arming (docs/architecture.md): in idle time, the message-independent, expensive parts of
// an alert to each recipient are computed ahead into single-use slots, so a press costs symmetric
// crypto, one signature and the network round trip:
//   - a seal slot: the prepared sealed-box key to the recipient (SealingKey, 2 X25519), a decoy
//     proSig (1 fixed-base multiplication) and, when the sender's keys are given, the signature's
//     nonce (Ed25519Nonce, 1 fixed-base multiplication), so the press signs with two hashes and a
//     multiply-add; taken by the Outbox when it composes the alert;
//   - an onion slot: the onion keys for a live path to a member of the recipient's swarm (8 X25519);
//     taken by ServiceNodeAlertSender for the first store attempt.
// Each slot is handed out once and removed; the taker uses it up (MessageEncoder wipes the seal,
// ServiceNodeClient.Store wipes the onion keys). Onion slots whose path is no longer live or whose
// destination left the recipient's swarm are wiped and dropped on the next Step. Everything lives in
// RAM only; Stop wipes it all.
// Lifecycle (CONTRIBUTING.md rule 13): Start(now), Step(now) -> next wake, Stop(). Each Step does
// at most one slot's worth of work, so the device's loop stays responsive.
namespace SessionBeacon.Arming
{
    /// <summary>Single-use armed slots per recipient, computed in idle time.</summary>
    public sealed class ArmedSlots
    {
        /// <summary>Step's answer when nothing is left to do.</summary>
        public const long Never = long.MaxValue;

        /// <summary>How often a full set of slots is checked against the live paths and swarms (ms).</summary>
        public const long RecheckMs = 10000;

        /// <summary>How long to wait after the network could not supply a path or a swarm (ms).</summary>
        public const long RetryMs = 30000;

        private readonly ServiceNodeClient _client;
        private readonly OnionPaths _paths;
        private readonly SwarmCache _swarms;
        private readonly IRandomSource _random;
        private readonly string[] _ids;
        private readonly byte[][] _keys;
        private readonly int _perRecipient;
        // Flat arrays, recipient r's slots at r * _perRecipient .. + _perRecipient - 1; null = empty.
        private readonly SealingKey[] _seals;
        private readonly byte[][] _decoys;
        private readonly Ed25519Nonce[] _nonces;
        private readonly OnionKeys[] _onions;
        private readonly IdentityKeys _sender;
        private bool _started;
        private long _networkRetryAt;

        /// <summary>
        /// Slots for <paramref name="recipientIds"/>, <paramref name="perRecipient"/> of each kind each,
        /// built over the client's <paramref name="paths"/> and <paramref name="swarms"/>.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument or a recipient is null.</exception>
        /// <exception cref="System.ArgumentException">A recipient is not a Session ID, or perRecipient is not 1 to 4.</exception>
        public ArmedSlots(ServiceNodeClient client, OnionPaths paths, SwarmCache swarms, IRandomSource random, string[] recipientIds, int perRecipient)
            : this(client, paths, swarms, random, recipientIds, perRecipient, null)
        {
        }

        /// <summary>
        /// As the constructor without <paramref name="sender"/>, and each seal slot also carries a
        /// signing nonce for <paramref name="sender"/>'s key (null: none, the press signs in full).
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument other than sender, or a recipient, is null.</exception>
        /// <exception cref="System.ArgumentException">A recipient is not a Session ID, or perRecipient is not 1 to 4.</exception>
        public ArmedSlots(ServiceNodeClient client, OnionPaths paths, SwarmCache swarms, IRandomSource random, string[] recipientIds, int perRecipient, IdentityKeys sender)
        {
            if (client == null) { throw Errors.Null("client"); }
            if (paths == null) { throw Errors.Null("paths"); }
            if (swarms == null) { throw Errors.Null("swarms"); }
            if (random == null) { throw Errors.Null("random"); }
            if (recipientIds == null) { throw Errors.Null("recipientIds"); }
            if (perRecipient < 1 || perRecipient > 4)
            {
                throw Errors.Range("perRecipient", "must be 1 to 4");
            }
            _client = client;
            _paths = paths;
            _swarms = swarms;
            _random = random;
            _sender = sender;
            _perRecipient = perRecipient;
            _ids = new string[recipientIds.Length];
            _keys = new byte[recipientIds.Length][];
            for (int r = 0; r < recipientIds.Length; r++)
            {
                if (recipientIds[r] == null)
                {
                    throw Errors.Null("recipientIds");
                }
                _keys[r] = SessionId.TryParse(recipientIds[r]);
                if (_keys[r] == null)
                {
                    throw Errors.Range("recipientIds", "must hold Session IDs");
                }
                _ids[r] = recipientIds[r].Trim().ToLower();
            }
            _seals = new SealingKey[_ids.Length * perRecipient];
            _decoys = new byte[_seals.Length][];
            _nonces = new Ed25519Nonce[_seals.Length];
            _onions = new OnionKeys[_seals.Length];
        }

        /// <summary>Starts arming; returns when to call <see cref="Step"/> (now).</summary>
        public long Start(long now)
        {
            _started = true;
            _networkRetryAt = now;
            return now;
        }

        /// <summary>
        /// Drops onion slots whose path or swarm changed, then fills one empty slot (a seal slot
        /// first, then an onion slot). Returns when to call again: now while slots are missing,
        /// later to recheck a full set.
        /// </summary>
        /// <exception cref="System.InvalidOperationException">Not started.</exception>
        public long Step(long now)
        {
            if (!_started)
            {
                throw Errors.NotStarted("ArmedSlots");
            }
            DropStale();
            for (int i = 0; i < _seals.Length; i++)
            {
                if (_seals[i] == null)
                {
                    ArmSeal(i);
                    return now;
                }
            }
            if (now < _networkRetryAt)
            {
                return _networkRetryAt < now + RecheckMs ? _networkRetryAt : now + RecheckMs;
            }
            for (int i = 0; i < _onions.Length; i++)
            {
                if (_onions[i] == null)
                {
                    if (!ArmOnion(i))
                    {
                        _networkRetryAt = now + RetryMs;
                        return now + RecheckMs;
                    }
                    return now;
                }
            }
            return now + RecheckMs;
        }

        /// <summary>Wipes and drops every slot; Start again to re-arm.</summary>
        public void Stop()
        {
            for (int i = 0; i < _seals.Length; i++)
            {
                DropSeal(i);
                DropOnion(i);
            }
            _started = false;
        }

        /// <summary>Armed seal slots ready for <paramref name="recipientId"/>.</summary>
        public int SealCount(string recipientId)
        {
            return Count(recipientId, true);
        }

        /// <summary>Armed onion slots ready for <paramref name="recipientId"/>.</summary>
        public int OnionCount(string recipientId)
        {
            return Count(recipientId, false);
        }

        /// <summary>
        /// Takes one seal slot for <paramref name="recipientId"/>: the prepared seal (used up by
        /// MessageEncoder.Encode) and its 64-byte decoy proSig written into <paramref name="proSignature"/>
        /// (the slot's copy is wiped). Null, with proSignature untouched, when none is armed.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">proSignature is null.</exception>
        /// <exception cref="System.ArgumentException">proSignature is not 64 bytes.</exception>
        public SealingKey TakeSeal(string recipientId, byte[] proSignature)
        {
            Ed25519Nonce nonce;
            SealingKey seal = TakeSeal(recipientId, proSignature, out nonce);
            if (nonce != null)
            {
                nonce.Wipe();
            }
            return seal;
        }

        /// <summary>
        /// As TakeSeal, also handing out the slot's signing nonce (null when the slots carry none), for
        /// MessageEncoder.Encode, which uses it up.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">proSignature is null.</exception>
        /// <exception cref="System.ArgumentException">proSignature is not 64 bytes.</exception>
        public SealingKey TakeSeal(string recipientId, byte[] proSignature, out Ed25519Nonce nonce)
        {
            nonce = null;
            if (proSignature == null)
            {
                throw Errors.Null("proSignature");
            }
            if (proSignature.Length != DecoyProSignature.Size)
            {
                throw Errors.Range("proSignature", "must be 64 bytes");
            }
            int r = IndexOf(recipientId);
            for (int j = 0; r >= 0 && j < _perRecipient; j++)
            {
                int i = r * _perRecipient + j;
                if (_seals[i] != null)
                {
                    SealingKey seal = _seals[i];
                    System.Array.Copy(_decoys[i], proSignature, DecoyProSignature.Size);
                    CryptoBytes.Wipe(_decoys[i]);
                    nonce = _nonces[i];
                    _seals[i] = null;
                    _decoys[i] = null;
                    _nonces[i] = null;
                    return seal;
                }
            }
            return null;
        }

        /// <summary>
        /// The Session v1 payload of <paramref name="content"/> from <paramref name="sender"/> to
        /// <paramref name="recipientId"/>: sealed with an armed seal slot (and its signing nonce) when one
        /// is ready, so the press costs no X25519; else encoded in full. The slot is used up and wiped.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">recipientId is not a Session ID.</exception>
        public byte[] Encode(IdentityKeys sender, string recipientId, ContentMessage content, IRandomSource random)
        {
            byte[] proSignature = new byte[DecoyProSignature.Size];
            Ed25519Nonce nonce;
            SealingKey seal = TakeSeal(recipientId, proSignature, out nonce);
            if (seal == null)
            {
                byte[] key = SessionId.TryParse(recipientId);
                if (key == null)
                {
                    throw Errors.Range("recipientId", "must be a Session ID");
                }
                return MessageEncoder.Encode(sender, key, content, random);
            }
            try
            {
                return MessageEncoder.Encode(sender, content, seal, proSignature, nonce);
            }
            finally
            {
                seal.Wipe();
                CryptoBytes.Wipe(proSignature);
                if (nonce != null)
                {
                    nonce.Wipe();
                }
            }
        }

        /// <summary>
        /// Takes one onion slot for <paramref name="recipientId"/> whose path and destination are still
        /// current, for ServiceNodeClient.Store (which wipes it); null when none is armed.
        /// </summary>
        public OnionKeys TakeOnion(string recipientId)
        {
            DropStale();
            int r = IndexOf(recipientId);
            for (int j = 0; r >= 0 && j < _perRecipient; j++)
            {
                int i = r * _perRecipient + j;
                if (_onions[i] != null)
                {
                    OnionKeys keys = _onions[i];
                    _onions[i] = null;
                    return keys;
                }
            }
            return null;
        }

        private void ArmSeal(int i)
        {
            byte[] decoy = new byte[DecoyProSignature.Size];
            SealingKey seal = SealingKey.Create(_keys[i / _perRecipient], _random);
            DecoyProSignature.Write(decoy, 0, _random);
            _nonces[i] = _sender == null ? null : Ed25519Nonce.Create(_sender.Ed25519SecretKey, _random);
            _seals[i] = seal;
            _decoys[i] = decoy;
        }

        private bool ArmOnion(int i)
        {
            string id = _ids[i / _perRecipient];
            try
            {
                if (_swarms.Get(id) == null)
                {
                    _client.GetSwarm(id);
                }
                ServiceNode destination = _swarms.PickMember(id, null, _random);
                if (destination == null)
                {
                    return false;
                }
                OnionPath path = _paths.Select(destination);
                _onions[i] = OnionKeys.Create(path.Nodes, destination, _random);
                return true;
            }
            catch (ServiceNodeException)
            {
                // No swarm or no path just now: the next try comes after RetryMs.
                return false;
            }
        }

        // An onion slot is stale once its relays are no longer a live path or its destination left the swarm.
        private void DropStale()
        {
            for (int i = 0; i < _onions.Length; i++)
            {
                OnionKeys keys = _onions[i];
                if (keys == null)
                {
                    continue;
                }
                if (keys.IsWiped || !InSwarm(_ids[i / _perRecipient], keys.Destination) || _client.FindPath(Relays(keys)) == null)
                {
                    DropOnion(i);
                }
            }
        }

        private bool InSwarm(string id, ServiceNode node)
        {
            ServiceNode[] swarm = _swarms.Get(id);
            for (int i = 0; swarm != null && i < swarm.Length; i++)
            {
                if (swarm[i].SameNode(node))
                {
                    return true;
                }
            }
            return false;
        }

        private static ServiceNode[] Relays(OnionKeys keys)
        {
            ServiceNode[] relays = new ServiceNode[keys.LayerCount - 1];
            for (int i = 0; i < relays.Length; i++)
            {
                relays[i] = keys.Node(i);
            }
            return relays;
        }

        private void DropSeal(int i)
        {
            if (_seals[i] != null)
            {
                _seals[i].Wipe();
                CryptoBytes.Wipe(_decoys[i]);
                if (_nonces[i] != null)
                {
                    _nonces[i].Wipe();
                }
                _seals[i] = null;
                _decoys[i] = null;
                _nonces[i] = null;
            }
        }

        private void DropOnion(int i)
        {
            if (_onions[i] != null)
            {
                _onions[i].Wipe();
                _onions[i] = null;
            }
        }

        private int Count(string recipientId, bool seals)
        {
            int r = IndexOf(recipientId);
            int count = 0;
            for (int j = 0; r >= 0 && j < _perRecipient; j++)
            {
                int i = r * _perRecipient + j;
                if (seals ? _seals[i] != null : _onions[i] != null)
                {
                    count++;
                }
            }
            return count;
        }

        private int IndexOf(string recipientId)
        {
            if (recipientId == null)
            {
                throw Errors.Null("recipientId");
            }
            string id = recipientId.Trim().ToLower();
            for (int r = 0; r < _ids.Length; r++)
            {
                if (_ids[r] == id)
                {
                    return r;
                }
            }
            return -1;
        }
    }
}
