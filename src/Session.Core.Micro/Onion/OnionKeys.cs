// The key material of one onion request, computed before the payload is known (docs/protocol.md
// §4.3; pre-arming). For each layer - the path's hops from the guard outwards, then the
// destination - it draws a fresh ephemeral X25519 secret e, computes E = X25519(e, 9) and the layer
// key K = BLAKE2b-256(X25519(e, N) || E || N), then wipes e and the shared secret. What it keeps
// per layer is public E (announced in the routing JSON) and K (seals the layer; the destination's K
// also opens the reply). Cost: 2 X25519 scalar multiplications per layer, 8 for a 3-hop path; all
// of them depend only on the path and the destination, none on the payload.
// Memory: 64 bytes of keys per layer. Wipe() clears the keys once the reply is read.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Network;

namespace Session.Core.Micro.Onion
{
    /// <summary>Per-layer ephemeral public keys and layer keys for one onion request.</summary>
    public sealed class OnionKeys
    {
        /// <summary>The most hops a path may have (the storage server's limit is 15 including the destination).</summary>
        public const int MaxHops = 14;

        private readonly ServiceNode[] _nodes;
        private readonly byte[][] _ephemeralPublic;
        private readonly byte[][] _layerKeys;

        private OnionKeys(ServiceNode[] nodes, byte[][] ephemeralPublic, byte[][] layerKeys)
        {
            _nodes = nodes;
            _ephemeralPublic = ephemeralPublic;
            _layerKeys = layerKeys;
        }

        /// <summary>
        /// Draws fresh ephemeral keys and derives the layer keys for a request through
        /// <paramref name="path"/> (guard first) to <paramref name="destination"/>.
        /// </summary>
        /// <param name="path">The relays, guard first: 1 to MaxHops distinct nodes.</param>
        /// <param name="destination">The node that executes the request; not on the path.</param>
        /// <param name="random">The source of the ephemeral secrets (32 bytes per layer).</param>
        /// <exception cref="System.ArgumentNullException">An argument or a path entry is null.</exception>
        /// <exception cref="System.ArgumentException">The path is empty or too long, repeats a node or contains the destination, or a node's X25519 key is a small-order point.</exception>
        public static OnionKeys Create(ServiceNode[] path, ServiceNode destination, IRandomSource random)
        {
            if (path == null)
            {
                throw Errors.Null("path");
            }
            if (destination == null)
            {
                throw Errors.Null("destination");
            }
            if (random == null)
            {
                throw Errors.Null("random");
            }
            if (path.Length < 1 || path.Length > MaxHops)
            {
                throw Errors.Range("path");
            }
            ServiceNode[] nodes = new ServiceNode[path.Length + 1];
            for (int i = 0; i < path.Length; i++)
            {
                if (path[i] == null)
                {
                    throw Errors.Null("path");
                }
                for (int j = 0; j < i; j++)
                {
                    if (path[j].SameNode(path[i]))
                    {
                        throw Errors.PathRepeatsNode("path", path[i].Ed25519Hex);
                    }
                }
                if (path[i].SameNode(destination))
                {
                    throw Errors.PathRepeatsNode("destination", destination.Ed25519Hex);
                }
                nodes[i] = path[i];
            }
            nodes[path.Length] = destination;

            byte[][] ephemeralPublic = new byte[nodes.Length][];
            byte[][] layerKeys = new byte[nodes.Length][];
            byte[] secret = new byte[X25519.ScalarSize];
            try
            {
                for (int i = 0; i < nodes.Length; i++)
                {
                    random.Fill(secret, 0, secret.Length);
                    byte[] e = new byte[X25519.KeySize];
                    X25519.ScalarMultBase(e, secret);
                    byte[] k = new byte[HopEncryption.KeySize];
                    if (!HopEncryption.DeriveKey(k, secret, nodes[i].X25519Raw, e, nodes[i].X25519Raw))
                    {
                        throw Errors.SmallOrderKey(i == path.Length ? "destination" : "path");
                    }
                    ephemeralPublic[i] = e;
                    layerKeys[i] = k;
                }
            }
            finally
            {
                CryptoBytes.Wipe(secret);
            }
            return new OnionKeys(nodes, ephemeralPublic, layerKeys);
        }

        /// <summary>Layers in the request: path hops plus the destination.</summary>
        public int LayerCount
        {
            get { return _nodes.Length; }
        }

        /// <summary>The entry node, to which the request is posted.</summary>
        public ServiceNode Guard
        {
            get { return _nodes[0]; }
        }

        /// <summary>The node that executes the request.</summary>
        public ServiceNode Destination
        {
            get { return _nodes[_nodes.Length - 1]; }
        }

        /// <summary>The node of layer <paramref name="index"/> (0 = guard, LayerCount - 1 = destination).</summary>
        /// <exception cref="System.ArgumentException">index is outside 0 .. LayerCount - 1.</exception>
        public ServiceNode Node(int index)
        {
            CheckIndex(index);
            return _nodes[index];
        }

        /// <summary>A copy of the ephemeral public key E of layer <paramref name="index"/>.</summary>
        /// <exception cref="System.ArgumentException">index is outside 0 .. LayerCount - 1.</exception>
        public byte[] EphemeralPublicKey(int index)
        {
            CheckIndex(index);
            return (byte[])_ephemeralPublic[index].Clone();
        }

        /// <summary>Clears every layer key; the object cannot build or read a request afterwards.</summary>
        public void Wipe()
        {
            for (int i = 0; i < _layerKeys.Length; i++)
            {
                CryptoBytes.Wipe(_layerKeys[i]);
            }
            _wiped = true;
        }

        /// <summary>True once <see cref="Wipe"/> has run.</summary>
        public bool IsWiped
        {
            get { return _wiped; }
        }

        private bool _wiped;

        internal byte[] LayerKey(int index)
        {
            return _layerKeys[index];
        }

        internal byte[] EphemeralRaw(int index)
        {
            return _ephemeralPublic[index];
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= _nodes.Length)
            {
                throw Errors.Range("index");
            }
        }
    }
}
