// The core's operations that the benchmarks time, on fixed inputs, by name. The JIT benchmark
// sets libsodium and BouncyCastle beside the same names; the interpreter benchmark runs these alone.
using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Onion;
using Session.Core.Micro.Ratchet;
using SessionBeacon.App;
using SessionBeacon.Arming;
using SessionBeacon.Delivery;

namespace Session.Core.Micro.Bench
{
    public sealed class CoreOperations
    {
        public const string X25519Name = "X25519 shared secret";
        public const string X25519BaseName = "X25519 public key";
        public const string SignName = "Ed25519 sign (200 B)";
        public const string VerifyName = "Ed25519 verify (200 B)";
        public const string SealName = "sealed box seal (200 B)";
        public const string OpenName = "sealed box open (200 B)";
        public const string XChaChaName = "XChaCha20-Poly1305 encrypt (1 KiB)";
        public const string ChaChaName = "ChaCha20 (1 KiB)";
        public const string Poly1305Name = "Poly1305 (1 KiB)";
        public const string SecretBoxName = "XSalsa20-Poly1305 secretbox (1 KiB)";
        public const string Sha256Name = "SHA-256 (1 KiB)";
        public const string Sha512Name = "SHA-512 (1 KiB)";
        public const string Blake2bName = "BLAKE2b-256 (1 KiB)";
        public const string HmacName = "HMAC-SHA-256 (1 KiB)";
        public const string HkdfName = "HKDF-SHA-256 (32 B out)";
        public const string AlertName = "alert payload (200 B)";
        public const string OnionKeysName = "onion keys, 3 hops + destination (8 X25519)";
        public const string OnionBuildName = "onion build, 3 hops, 1 KiB store (keys ready)";
        public const string OnionRequestName = "onion request, 3 hops, 1 KiB store (keys + build)";
        public const string OnionReplyName = "onion reply read (store receipt, 3 members)";
        public const string JsonParseName = "JSON parse (store reply, 3 members)";
        public const string ReceiptName = "store receipt verify (3 signatures)";
        public const string RatchetSendName = "ratchet send (200 B alert)";
        public const string RatchetAckName = "ratchet acknowledgement open (DH step)";
        public const string RatchetAlertPayloadName = "ratcheted alert payload (ratchet send + v1 encode, 200 B)";
        public const string RatchetAckPayloadName = "ratcheted acknowledgement open (v1 open + ratchet DH step)";
        public const string PressFlashName = "press to first onion bytes, flash alert (75 chars), not armed";
        public const string PressDetailedName = "press to first onion bytes, detailed alert (1,000 chars), not armed";
        public const string ArmedFlashName = "press to first onion bytes, flash alert (75 chars), armed: pre-built alert + outbox add";
        public const string ArmedDetailedName = "press to first onion bytes, detailed alert (1,000 chars), armed: seal, decoy, nonce, onion keys";
        public const string ResignedFlashName = "press to first onion bytes, flash alert (75 chars), re-signed at press: seal, decoy, nonce, onion keys";
        public const string FlashRefreshName = "flash alert refresh, one recipient: payload rebuilt, onion keys kept";
        public const string RetrieveReplyName = "onion reply read, retrieve reply";
        public const string RetrieveStreamedName = "onion reply read as it arrives, retrieve reply";
        public const string SeedListName = "seed node list read for swarms (2,000 nodes in 270 swarms, 1 KB pieces), one account";
        public const string SeedListThreeName = "seed node list read for swarms (2,000 nodes in 270 swarms, 1 KB pieces), three accounts";

        // Stored alerts per retrieve reply: about 1.4, 11, 22 and 44 KB of reply on the wire.
        private static readonly int[] RetrieveReplyMessages = { 1, 9, 19, 38 };

        // A 200-character alert's payload, the size of each stored alert above.
        private const int AlertPayloadBytes = 558;

        // A stranger's message of 40,000 base64 characters: larger than the 26,880 bytes of data a page at the
        // largest reply cap keeps, so the reader measures it and hands it back skipped.
        private const int SkippedDataBytes = 30000;

        // nf.config's shipped panic text, and a detailed alert with a long body.
        private const string FlashText = "PANIC: I need help now. Call me, and if I do not answer, come or send help.";
        private readonly ContentMessage _flash = new ContentMessage(FlashText, "SessionBeacon", 1764237600000);
        private readonly ContentMessage _detailed = new ContentMessage(new string('D', 1000), "SessionBeacon", 1764237600000);

        public readonly byte[] SecretKey = Fixed(32, 1);
        public readonly byte[] PeerPublicKey = new byte[32];
        public readonly byte[] PeerSecretKey = Fixed(32, 2);
        public readonly byte[] Seed = Fixed(32, 3);
        public readonly byte[] EdPublicKey = new byte[Ed25519.PublicKeySize];
        public readonly byte[] EdSecretKey = new byte[Ed25519.SecretKeySize];
        public readonly byte[] Message200 = Fixed(200, 4);
        public readonly byte[] Message1K = Fixed(1024, 5);
        public readonly byte[] Key = Fixed(32, 6);
        public readonly byte[] Nonce24 = Fixed(24, 7);
        public readonly byte[] Nonce12 = Fixed(12, 8);
        public readonly byte[] Signature = new byte[Ed25519.SignatureSize];
        public readonly byte[] Sealed200 = new byte[200 + SealedBox.Overhead];

        private readonly byte[] _out32 = new byte[32];
        private readonly byte[] _out64 = new byte[64];
        private readonly byte[] _tag16 = new byte[16];
        private readonly byte[] _out1K = new byte[1024];
        private readonly byte[] _out1KTag = new byte[1024 + 16];
        private readonly byte[] _opened200 = new byte[200];
        private readonly FixedSource _ephemeral = new FixedSource(Fixed(32, 9));
        private readonly FixedSource _alertRandom = new FixedSource(Fixed(160, 10));
        private readonly IdentityKeys _sender;
        private readonly ContentMessage _alert = new ContentMessage(new string('A', 200), "SessionBeacon", 1764237600000);
        private readonly FixedSource _onionRandom = new FixedSource(Fixed(32, 10));
        private readonly ServiceNode[] _path = new ServiceNode[3];
        private readonly ServiceNode[] _swarm = new ServiceNode[3];
        private ServiceNode _destination;
        private OnionKeys _keys;
        private byte[] _storeBody;
        private byte[] _replyJson;
        private byte[] _sealedReply;
        private readonly byte[][] _retrieveReplies = new byte[RetrieveReplyMessages.Length][];
        private byte[] _skippedReply;
        // The beacon's inbox request at the largest reply cap of any board: it gives the reader of each answer.
        private readonly RetrieveRequest _inboxPage = new RetrieveRequest(null, null, null, 0, Inbox.DefaultReplyBytes);
        private string _hash;
        private readonly RatchetSession _beacon;
        private readonly FixedStore _beaconBeforeAck;
        private readonly byte[] _acknowledgement;
        private readonly IdentityKeys _linkBeacon = IdentityKeys.FromSeed(Fixed(32, 40));
        private readonly RatchetLink _beaconLink;
        private readonly FixedStore _linkBeforeAck;
        private readonly MessageReceiver _beaconInbox;
        private readonly byte[] _acknowledgementPayload;
        private readonly string _alertText = new string('A', 200);
        private readonly string _peerId;
        private byte[] _flashPayload;
        private byte[] _flashWire;
        private readonly byte[] _seedList = SeedList(2000, 270);
        private readonly byte[] _piece = new byte[1024];

        public CoreOperations()
        {
            X25519.ScalarMultBase(PeerPublicKey, PeerSecretKey);
            Ed25519.KeyPairFromSeed(EdPublicKey, EdSecretKey, Seed);
            Ed25519.Sign(Signature, EdSecretKey, Message200);
            SealedBox.Seal(Sealed200, PeerPublicKey, Message200, _ephemeral);
            _sender = IdentityKeys.FromSeed(Seed);
            _peerId = "05" + Hex.Encode(PeerPublicKey);
            SetUpOnion();
            // The flash alert as FlashAlert builds it in idle time: the payload and its whole store request.
            _flashPayload = MessageEncoder.Encode(_sender, PeerPublicKey, _flash, _alertRandom);
            _flashWire = OnionBuilder.Build(_keys, Requests.Store(_peerId, _flash.SigTimestamp, FlashTtl, _flashPayload, 0), _onionRandom);

            // A paired beacon (identity PeerSecretKey) and receiver (identity EdSecretKey); the receiver's
            // first acknowledgement, and the beacon's state just before it, so that every timed open
            // does the same DH ratchet step (it includes loading the 1,085-byte state).
            var receiverIdentity = new byte[32];
            Ed25519ToX25519.SecretKey(receiverIdentity, EdSecretKey);
            var receiverPublic = new byte[32];
            Ed25519ToX25519.PublicKey(receiverPublic, EdPublicKey);
            var bundle = new byte[RatchetPreKey.Size];
            var preKeySecret = new byte[32];
            RatchetPreKey.Create(bundle, preKeySecret, EdSecretKey, new FixedSource(Fixed(32, 10)));
            var random = new FixedSource(Fixed(32, 11));
            var beaconStore = new FixedStore();
            _beacon = RatchetSession.Initiate(beaconStore, random, PeerSecretKey, PeerPublicKey, receiverPublic, bundle);
            byte[] first = _beacon.Encrypt(Message200);
            var receiver = RatchetSession.Accept(new FixedStore(), random, receiverIdentity, receiverPublic, preKeySecret, PeerPublicKey, first, out _);
            _acknowledgement = receiver.Encrypt(Message200);
            _beaconBeforeAck = new FixedStore();
            _beaconBeforeAck.Save(beaconStore.Load());
            _beaconBeforeAck.Frozen = true;
            // Sends are timed after the acknowledgement, as they run once a pairing is settled.
            _beacon.Decrypt(_acknowledgement);

            // The same over Session v1 (RatchetLink): the beacon _linkBeacon, the receiver _sender (whose
            // Ed25519 key is EdSecretKey). The acknowledgement payload is the receiver's first, and the
            // beacon's state before it is kept, so every timed open does the v1 open and the DH step.
            var linkStore = new FixedStore();
            var linkBundle = new byte[RatchetPreKey.Size];
            var linkPreKeySecret = new byte[32];
            RatchetPreKey.Create(linkBundle, linkPreKeySecret, _sender, new FixedSource(Fixed(32, 41)));
            _beaconLink = new RatchetLink(_linkBeacon,
                RatchetSession.Initiate(linkStore, _alertRandom, _linkBeacon, _sender.X25519PublicKey, linkBundle), _alertRandom);
            byte[] firstPayload = _beaconLink.EncodeAlert(_alertText, "SessionBeacon", 1764237600000, out _);
            RatchetLink receiverLink = RatchetLink.Accept(new FixedStore(), _alertRandom, _sender, linkPreKeySecret,
                _linkBeacon.X25519PublicKey, new MessageReceiver(_sender).Open(firstPayload), out _);
            _acknowledgementPayload = receiverLink.EncodeAcknowledgement(new uint[] { 1 }, null, 1764237601000);
            _linkBeforeAck = new FixedStore();
            _linkBeforeAck.Save(linkStore.Load());
            _linkBeforeAck.Frozen = true;
            _beaconInbox = new MessageReceiver(_linkBeacon);
            if (!_beaconLink.Open(_beaconInbox.Open(_acknowledgementPayload)).Acknowledges(1))
            {
                throw new InvalidOperationException("benchmark acknowledgement does not open");
            }
        }

        // Four nodes with real X25519 keys and three swarm members that sign a store receipt; the
        // reply is sealed under the destination's layer key exactly as a node would.
        private void SetUpOnion()
        {
            byte[][] edSecrets = new byte[3][];
            for (int i = 0; i < 4; i++)
            {
                byte[] secret = Fixed(32, 20 + i);
                byte[] x = new byte[32];
                X25519.ScalarMultBase(x, secret);
                byte[] ed = new byte[32];
                byte[] edSecret = new byte[64];
                Ed25519.KeyPairFromSeed(ed, edSecret, Fixed(32, 30 + i));
                ServiceNode node = new ServiceNode("10.0." + i + ".1", 22021, ed, x);
                if (i < 3)
                {
                    _path[i] = node;
                    _swarm[i] = node;
                    edSecrets[i] = edSecret;
                }
                else
                {
                    _destination = node;
                }
            }
            byte[] data = Fixed(1024, 11);
            var writer = new JsonWriter(1600);
            writer.BeginObject();
            writer.WriteName("method");
            writer.WriteString("store");
            writer.WriteName("params");
            writer.BeginObject();
            writer.WriteName("pubkey");
            writer.WriteString("05" + Hex.Encode(PeerPublicKey));
            writer.WriteName("timestamp");
            writer.WriteInt64(1700000000000);
            writer.WriteName("ttl");
            writer.WriteInt64(1209600000);
            writer.WriteName("data");
            writer.WriteString(Base64.Encode(data));
            writer.WriteName("namespace");
            writer.WriteInt64(0);
            writer.EndObject();
            writer.EndObject();
            _storeBody = writer.ToArray();
            _keys = OnionKeys.Create(_path, _destination, _onionRandom);
            _hash = MessageHash.Compute("05" + Hex.Encode(PeerPublicKey), 0, data);

            var reply = new JsonWriter(1024);
            reply.BeginObject();
            reply.WriteName("swarm");
            reply.BeginObject();
            for (int i = 0; i < 3; i++)
            {
                byte[] sig = new byte[64];
                Ed25519.Sign(sig, edSecrets[i], Utf8.Encode(_hash));
                reply.WriteName(_swarm[i].Ed25519Hex);
                reply.BeginObject();
                reply.WriteName("hash");
                reply.WriteString(_hash);
                reply.WriteName("signature");
                reply.WriteString(Base64.Encode(sig));
                reply.WriteName("expiry");
                reply.WriteInt64(1701209600000);
                reply.EndObject();
            }
            reply.EndObject();
            reply.WriteName("hash");
            reply.WriteString(_hash);
            reply.WriteName("t");
            reply.WriteInt64(1700000000000);
            reply.EndObject();
            _replyJson = reply.ToArray();
            _sealedReply = SealReply(_replyJson);
            // The timed operations must do the real work, not fail early.
            if (OnionReply.Read(_keys, 200, _sealedReply).Kind != OnionReplyKind.Delivered
                || !StoreReceipt.Verify(JsonReader.Parse(_replyJson), _hash, _swarm, 3).IsSuccess)
            {
                throw new InvalidOperationException("benchmark reply or receipt does not verify");
            }
            for (int i = 0; i < RetrieveReplyMessages.Length; i++)
            {
                _retrieveReplies[i] = SealReply(RetrieveReply(RetrieveReplyMessages[i], AlertPayloadBytes));
                RetrievedMessage[] streamed = ReadAsItArrives(_retrieveReplies[i]);
                if (JsonReader.Parse(OnionReply.Read(_keys, 200, _retrieveReplies[i]).Body).Require("messages").Count != RetrieveReplyMessages[i]
                    || streamed.Length != RetrieveReplyMessages[i] || streamed[0].IsSkipped || streamed[0].Data.Length != AlertPayloadBytes)
                {
                    throw new InvalidOperationException("benchmark retrieve reply does not read back");
                }
            }
            _skippedReply = SealReply(RetrieveReply(1, SkippedDataBytes));
            RetrievedMessage[] skipped = ReadAsItArrives(_skippedReply);
            if (skipped.Length != 1 || !skipped[0].IsSkipped || skipped[0].Size != SkippedDataBytes)
            {
                throw new InvalidOperationException("benchmark retrieve reply with a large message is not read past");
            }
        }

        // What the destination sends back through the guard: {"status": 200, "body": <json as a string>},
        // sealed under the destination's layer key, base64, as the HTTP body.
        private byte[] SealReply(byte[] json)
        {
            var envelope = new JsonWriter(json.Length + 64);
            envelope.BeginObject();
            envelope.WriteName("status");
            envelope.WriteInt64(200);
            envelope.WriteName("body");
            envelope.WriteString(Utf8.Decode(json, 0, json.Length));
            envelope.EndObject();
            byte[] layerKey = new byte[32];
            HopEncryption.DeriveKey(layerKey, Fixed(32, 23), _keys.EphemeralPublicKey(3), _keys.EphemeralPublicKey(3), _destination.X25519PublicKey);
            return Utf8.Encode(Base64.Encode(HopEncryption.Seal(layerKey, Nonce24, envelope.ToArray())));
        }

        // A retrieve reply (docs/protocol.md §3.3) holding count stored messages of dataBytes each.
        private static byte[] RetrieveReply(int count, int dataBytes)
        {
            var writer = new JsonWriter(1024);
            writer.BeginObject();
            writer.WriteName("messages");
            writer.BeginArray();
            for (int i = 0; i < count; i++)
            {
                writer.BeginObject();
                writer.WriteName("hash");
                writer.WriteString(Base64.EncodeUnpadded(Fixed(32, 100 + i)));
                writer.WriteName("timestamp");
                writer.WriteInt64(1700000000000 + i);
                writer.WriteName("expiration");
                writer.WriteInt64(1701209600000 + i);
                writer.WriteName("data");
                writer.WriteBase64(Fixed(dataBytes, 200 + i));
                writer.EndObject();
            }
            writer.EndArray();
            writer.WriteName("more");
            writer.WriteBoolean(false);
            writer.WriteName("t");
            writer.WriteInt64(1700000000000);
            writer.WriteName("hf");
            writer.BeginArray();
            writer.WriteInt64(19);
            writer.WriteInt64(0);
            writer.WriteInt64(0);
            writer.EndArray();
            writer.EndObject();
            return writer.ToArray();
        }

        /// <summary>Bytes of the ratchet state a beacon stores per receiver.</summary>
        public static int RatchetStateBytes => RatchetSession.StateSize;

        /// <summary>Every operation, in report order.</summary>
        public (string Name, Action Run)[] All()
        {
            var all = new System.Collections.Generic.List<(string, Action)>(SingleSizeOperations());
            // Reading grows with the reply: base64, decryption and the {status, body} parse are each one
            // pass over it (docs/performance.md, "Onion replies by size").
            foreach (byte[] reply in _retrieveReplies)
            {
                all.Add((RetrieveReplyName + ", " + Size(reply), () => OnionReply.Read(_keys, 200, reply)));
            }
            // The beacon's own inbox pages are read as they arrive instead (docs/performance.md, "Onion replies by size").
            foreach (byte[] reply in _retrieveReplies)
            {
                all.Add((RetrieveStreamedName + ", " + Size(reply), () => ReadAsItArrives(reply)));
            }
            all.Add((RetrieveStreamedName + ", one skipped message of " + SkippedDataBytes + " B, " + Size(_skippedReply), () => ReadAsItArrives(_skippedReply)));
            return all.ToArray();
        }

        private static string Size(byte[] reply)
        {
            return (reply.Length / 1000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KB (" + reply.Length + " B)";
        }

        private (string Name, Action Run)[] SingleSizeOperations()
        {
            return new (string, Action)[]
            {
                (X25519Name, () => X25519.ScalarMult(_out32, SecretKey, PeerPublicKey)),
                (X25519BaseName, () => X25519.ScalarMultBase(_out32, SecretKey)),
                (SignName, () => Ed25519.Sign(_out64, EdSecretKey, Message200)),
                (VerifyName, () => Ed25519.Verify(Signature, Message200, EdPublicKey)),
                (SealName, () => SealedBox.Seal(Sealed200, PeerPublicKey, Message200, _ephemeral)),
                (OpenName, () => SealedBox.Open(_opened200, PeerPublicKey, PeerSecretKey, Sealed200)),
                (XChaChaName, () => XChaCha20Poly1305.Encrypt(_out1KTag, Key, Nonce24, null, Message1K)),
                (ChaChaName, () => ChaCha20.Xor(_out1K, 0, Key, Nonce12, 1, Message1K, 0, Message1K.Length)),
                (Poly1305Name, () => Poly1305.Compute(_tag16, Key, Message1K)),
                (SecretBoxName, () => SecretBox.Seal(_out1KTag, Key, Nonce24, Message1K)),
                (Sha256Name, () => Sha256.Hash(_out32, 0, Message1K, 0, Message1K.Length)),
                (Sha512Name, () => Sha512.Hash(_out64, 0, Message1K, 0, Message1K.Length)),
                (Blake2bName, () => Blake2b.Hash(_out32, 0, 32, null, Message1K, 0, Message1K.Length)),
                (HmacName, () => HmacSha256.Compute(Key, Message1K)),
                (HkdfName, () => HkdfSha256.DeriveKey(Key, Nonce24, Nonce12, 32)),
                // The whole message layer (docs/protocol.md §2): Content, pad, sign, seal, decoy proSig, envelope.
                (AlertName, () => MessageEncoder.Encode(_sender, PeerPublicKey, _alert, _alertRandom)),
                (OnionKeysName, () => OnionKeys.Create(_path, _destination, _onionRandom)),
                (OnionBuildName, () => OnionBuilder.Build(_keys, _storeBody, _onionRandom)),
                (OnionRequestName, () => OnionBuilder.Build(OnionKeys.Create(_path, _destination, _onionRandom), _storeBody, _onionRandom)),
                (OnionReplyName, () => OnionReply.Read(_keys, 200, _sealedReply)),
                (JsonParseName, () => JsonReader.Parse(_replyJson)),
                (ReceiptName, () => StoreReceipt.Verify(JsonReader.Parse(_replyJson), _hash, _swarm, 3)),
                (RatchetSendName, () => _beacon.Encrypt(Message200)),
                (RatchetAckName, () => RatchetSession.Load(_beaconBeforeAck, _ephemeral).Decrypt(_acknowledgement)),
                // The carriage (docs/ratchet.md, "Carriage"): what a press and an answer cost end to end, minus the network.
                (RatchetAlertPayloadName, () => _beaconLink.EncodeAlert(_alertText, "SessionBeacon", 1764237600000, out _)),
                (RatchetAckPayloadName, () => new RatchetLink(_linkBeacon, RatchetSession.Load(_linkBeforeAck, _alertRandom), _alertRandom)
                    .Open(_beaconInbox.Open(_acknowledgementPayload))),
                // Device CPU from press to first onion bytes ready, without pre-arming (see Armed() for with).
                (PressFlashName, () => Press(_flash)),
                (PressDetailedName, () => Press(_detailed)),
                // Idle-time work per recipient for each flash alert refresh (FlashAlert): what keeps its timestamp fresh
                // without signing at the press. With fresh onion keys it costs what the "not armed" press does.
                (FlashRefreshName, () => OnionBuilder.Build(_keys, StoreBody(MessageEncoder.Encode(_sender, PeerPublicKey, _flash, _alertRandom)), _onionRandom)),
                // The swarm lookup (docs/protocol.md §3.6): a mainnet-size answer of the seed, as the transport hands it over.
                (SeedListName, () => ReadSeedList(1)),
                (SeedListThreeName, () => ReadSeedList(3)),
            };
        }

        /// <summary>
        /// Press to first onion bytes with pre-arming; each entry prepares its single-use state untimed
        /// and returns the press to time.
        ///   flash: a pre-built alert as FlashAlert.Take hands it out (payload and finished onion request,
        ///     built in the constructor; the prepared store's keys and bytes are shared between calls,
        ///     as the timed part does not use them up), then Outbox.Add with an in-memory store (the
        ///     record encoded with its SHA-256 and written) and what ServiceNodeAlertSender does before
        ///     posting: match the prepared request to the record's payload and take its bytes.
        ///   detailed: an armed seal slot (seal key, decoy proSig, signing nonce; the set-up path's onion
        ///     keys are reused, as building does not use them up), then encode, store body, onion build.
        /// </summary>
        public (string Name, Func<Action> Prepare)[] Armed()
        {
            return new (string, Func<Action>)[]
            {
                (ArmedFlashName, PreBuiltFlashPress),
                (ArmedDetailedName, () => ArmedPress(_detailed)),
                // The flash alert signed at the press instead of ahead: its seal, decoy and nonce armed, its onion keys kept.
                (ResignedFlashName, () => ArmedPress(_flash)),
            };
        }

        private const long FlashTtl = 3_600_000;

        /// <summary>
        /// A flash alert as FlashAlert hands it out at a press, for <paramref name="recipientIds"/>: each
        /// recipient's payload and finished store request the size of the shipped panic text's (the bytes
        /// are one recipient's, which changes nothing of what a write hashes and stores).
        /// </summary>
        public PreparedAlert PreparedFlashAlert(string[] recipientIds, long created)
        {
            var payloads = new byte[recipientIds.Length][];
            var stores = new PreparedStore[recipientIds.Length];
            for (int i = 0; i < recipientIds.Length; i++)
            {
                payloads[i] = _flashPayload;
                stores[i] = new PreparedStore(recipientIds[i], _flashPayload, MessageHash.Compute(recipientIds[i], 0, _flashPayload), created, FlashTtl, _keys, _flashWire);
            }
            return new PreparedAlert(recipientIds, payloads, stores, created, FlashTtl);
        }

        private Action PreBuiltFlashPress()
        {
            long created = _flash.SigTimestamp;
            var store = new PreparedStore(_peerId, _flashPayload, MessageHash.Compute(_peerId, 0, _flashPayload), created, FlashTtl, _keys, _flashWire);
            var alert = new PreparedAlert(new[] { _peerId }, new[] { _flashPayload }, new[] { store }, created, FlashTtl);
            var outbox = new Outbox(new BenchStore(), new NoSender(), 1);
            outbox.Start(created + 1000);
            return () =>
            {
                OutboxRecord record = outbox.Add(AlertKind.Panic, created + 1000, alert, _alertRandom);
                // The sender is handed the record's own payload array (no copy), as Outbox.Step hands it.
                PreparedStore prepared = alert.Store(0);
                if (!prepared.Carries(record.RecipientId(0), _flashPayload) || prepared.Wire.Length == 0)
                {
                    throw new InvalidOperationException("the prepared request does not carry the record's payload");
                }
            };
        }

        private Action ArmedPress(ContentMessage content)
        {
            SealingKey seal = SealingKey.Create(PeerPublicKey, _alertRandom);
            byte[] proSignature = new byte[DecoyProSignature.Size];
            DecoyProSignature.Write(proSignature, 0, _alertRandom);
            Ed25519Nonce nonce = Ed25519Nonce.Create(_sender.Ed25519SecretKey, _alertRandom);
            return () => OnionBuilder.Build(_keys, StoreBody(MessageEncoder.Encode(_sender, content, seal, proSignature, nonce)), _onionRandom);
        }

        // What a press does without pre-arming: the whole alert payload, the store request, fresh onion keys, the build.
        private void Press(ContentMessage content)
        {
            byte[] payload = MessageEncoder.Encode(_sender, PeerPublicKey, content, _alertRandom);
            OnionBuilder.Build(OnionKeys.Create(_path, _destination, _onionRandom), StoreBody(payload), _onionRandom);
        }

        private void ReadSeedList(int accounts)
        {
            ulong[] positions = new ulong[accounts];
            for (int i = 0; i < accounts; i++)
            {
                positions[i] = 0x1234567890abcdefUL * (ulong)(i + 1);
            }
            var reader = new SeedSwarmReader(positions);
            Feed(reader, _seedList);
            if (!reader.Finish() || reader.Choice(0).Members().Length == 0)
            {
                throw new InvalidOperationException("benchmark seed list does not read: " + reader.Problem);
            }
        }

        // A retrieve answer as OnionDelivery reads the beacon's own: the request's reader behind an OnionReplyReader.
        private RetrievedMessage[] ReadAsItArrives(byte[] reply)
        {
            var page = (RetrieveReplyReader)_inboxPage.NewReplyReader();
            var reader = new OnionReplyReader(_keys, page);
            Feed(reader, reply);
            if (reader.Finish(200).Kind != OnionReplyKind.Delivered || !page.IsComplete)
            {
                throw new InvalidOperationException("benchmark retrieve reply does not read as it arrives");
            }
            return page.Messages();
        }

        // Hands a body over as the device's transport does: in pieces of 1,024 bytes, what one read of the
        // TLS stream gives (HttpResponseReader's ReadChunk), each copied into the same buffer.
        private void Feed(IResponseSink sink, byte[] body)
        {
            for (int at = 0; at < body.Length; at += _piece.Length)
            {
                int count = Math.Min(_piece.Length, body.Length - at);
                Array.Copy(body, at, _piece, 0, count);
                sink.Write(_piece, 0, count);
            }
        }

        // A seed's get_n_service_nodes answer with swarm ids as oxend writes it: keys in alphabetical order.
        private static byte[] SeedList(int nodes, int swarms)
        {
            byte[] random = Fixed(nodes * 72 + swarms * 8, 50);
            var writer = new JsonWriter(nodes * 260);
            writer.BeginObject();
            writer.WriteName("id");
            writer.WriteString("0");
            writer.WriteName("jsonrpc");
            writer.WriteString("2.0");
            writer.WriteName("result");
            writer.BeginObject();
            writer.WriteName("height");
            writer.WriteInt64(1530000);
            writer.WriteName("service_node_states");
            writer.BeginArray();
            for (int i = 0; i < nodes; i++)
            {
                int at = swarms * 8 + i * 72;
                int swarm = random[at] % swarms;
                ulong id = BitConverter.ToUInt64(random, swarm * 8);
                writer.BeginObject();
                writer.WriteName("public_ip");
                writer.WriteString((11 + random[at + 1] % 200).ToString() + "." + random[at + 2].ToString() + "." + random[at + 3].ToString() + "." + (1 + i % 250).ToString());
                writer.WriteName("pubkey_ed25519");
                writer.WriteString(Hex.Encode(Slice(random, at + 8, 32)));
                writer.WriteName("pubkey_x25519");
                writer.WriteString(Hex.Encode(Slice(random, at + 40, 32)));
                writer.WriteName("storage_port");
                writer.WriteInt64(22021);
                writer.WriteName("swarm_id");
                writer.WriteUInt64(id);
                writer.EndObject();
            }
            writer.EndArray();
            writer.EndObject();
            writer.EndObject();
            return writer.ToArray();
        }

        private static byte[] Slice(byte[] source, int offset, int count)
        {
            var slice = new byte[count];
            Array.Copy(source, offset, slice, 0, count);
            return slice;
        }

        // The store request's JSON body exactly as ServiceNodeClient writes it (docs/protocol.md §3.2).
        private byte[] StoreBody(byte[] payload)
        {
            return Requests.Store(_peerId, 1700000000000, 1209600000, payload, 0);
        }

        private static byte[] Fixed(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        // Hands out the same ephemeral key every time: a benchmark must time the same work each call.
        private sealed class FixedSource : IRandomSource
        {
            private readonly byte[] _bytes;

            public FixedSource(byte[] bytes)
            {
                _bytes = bytes;
            }

            public void Fill(byte[] buffer, int offset, int count)
            {
                Array.Copy(_bytes, 0, buffer, offset, count);
            }
        }

        // The outbox's key-value store in memory; like flash, it keeps no heap copy beyond the value written.
        private sealed class BenchStore : IKeyValueStore
        {
            private readonly System.Collections.Generic.Dictionary<string, byte[]> _values = new System.Collections.Generic.Dictionary<string, byte[]>();

            public byte[] Get(string key) => _values.TryGetValue(key, out byte[] value) ? value : null;

            public void Put(string key, byte[] value) => _values[key] = value;

            public void Remove(string key) => _values.Remove(key);
        }

        // The outbox's sender when nothing is sent in the timed part.
        private sealed class NoSender : IAlertSender
        {
            public bool Send(string recipientSessionId, byte[] payload, long ttlMs) => false;
        }

        // A state store in memory. Frozen, it keeps what it holds and drops later saves, so a
        // benchmark can start each call from the same state.
        private sealed class FixedStore : IRatchetStateStore
        {
            private byte[] _state;

            public bool Frozen { get; set; }

            public void Save(byte[] state)
            {
                if (!Frozen)
                {
                    _state = (byte[])state.Clone();
                }
            }

            public byte[] Load() => _state;
        }
    }
}
