// One side's ratchet state (Double Ratchet section 3.2) and its fixed-size serialization, format
// version 1 (docs/ratchet.md, "Stored state"). Big-endian numbers; 1,085 bytes whatever the
// contents, so a store can reserve one fixed slot per receiver:
//     0   1  format version, 0x01
//     1   1  role: 0 initiator (beacon), 1 responder (receiver)
//     2   1  flags: bit 0 initiation pending, bit 1 receiving chain present
//     3  32  own identity X25519 public key
//    35  32  peer identity X25519 public key
//    67  32  initiator's ephemeral public key (identifies the pairing)
//    99  32  root key
//   131  32  own ratchet secret key
//   163  32  own ratchet public key
//   195  32  sending chain key
//   227  32  peer's ratchet public key
//   259  32  receiving chain key (zeros when absent)
//   291   4  Ns, messages in the sending chain
//   295   4  Nr, messages in the receiving chain
//   299   4  PN, length of the previous sending chain
//   303   4  last message counter sent
//   307   4  highest message counter opened
//   311   4  messages opened (the clock of skipped-key expiry)
//   315 577  skipped message keys: count, then 8 x (ratchet key 32, N 4, stored at 4, key 32)
//   892 193  received log: count, then 16 x (counter 4, tag prefix 8)
using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Ratchet
{
    internal sealed class RatchetState
    {
        internal const byte FormatVersion = 1;
        internal const byte RoleInitiator = 0;
        internal const byte RoleResponder = 1;

        private const byte PendingFlag = 0x01;
        private const byte ReceivingChainFlag = 0x02;
        private const int KeySize = 32;

        internal const int LocalIdentityOffset = 3;
        internal const int RemoteIdentityOffset = LocalIdentityOffset + KeySize;
        internal const int InitiationKeyOffset = RemoteIdentityOffset + KeySize;
        internal const int RootKeyOffset = InitiationKeyOffset + KeySize;
        internal const int SendingSecretOffset = RootKeyOffset + KeySize;
        internal const int SendingPublicOffset = SendingSecretOffset + KeySize;
        internal const int SendingChainOffset = SendingPublicOffset + KeySize;
        internal const int ReceivingKeyOffset = SendingChainOffset + KeySize;
        internal const int ReceivingChainOffset = ReceivingKeyOffset + KeySize;
        internal const int CountersOffset = ReceivingChainOffset + KeySize;
        internal const int SkippedOffset = CountersOffset + 6 * 4;
        internal const int LogOffset = SkippedOffset + SkippedMessageKeys.SerializedSize;
        internal const int Size = LogOffset + ReceivedLog.SerializedSize;

        internal byte Role;
        internal bool InitiationPending;
        internal bool HasReceivingChain;
        internal readonly byte[] LocalIdentity = new byte[KeySize];
        internal readonly byte[] RemoteIdentity = new byte[KeySize];
        internal readonly byte[] InitiationKey = new byte[KeySize];
        internal readonly byte[] RootKey = new byte[KeySize];
        internal readonly byte[] SendingSecret = new byte[KeySize];
        internal readonly byte[] SendingPublic = new byte[KeySize];
        internal readonly byte[] SendingChain = new byte[KeySize];
        internal readonly byte[] ReceivingKey = new byte[KeySize];
        internal readonly byte[] ReceivingChain = new byte[KeySize];
        internal uint SendingCount;
        internal uint ReceivingCount;
        internal uint PreviousSendingCount;
        internal uint LastSequenceSent;
        internal uint HighestSequenceOpened;
        internal uint OpenedCount;
        internal readonly SkippedMessageKeys Skipped = new SkippedMessageKeys();
        internal readonly ReceivedLog Received = new ReceivedLog();

        /// <summary>05 || initiator identity || 05 || responder identity: first part of every message's associated data.</summary>
        internal byte[] SessionAssociatedData()
        {
            byte[] ad = new byte[2 + 2 * KeySize];
            byte[] initiator = Role == RoleInitiator ? LocalIdentity : RemoteIdentity;
            byte[] responder = Role == RoleInitiator ? RemoteIdentity : LocalIdentity;
            ad[0] = Identity.SessionId.Prefix;
            Array.Copy(initiator, 0, ad, 1, KeySize);
            ad[1 + KeySize] = Identity.SessionId.Prefix;
            Array.Copy(responder, 0, ad, 2 + KeySize, KeySize);
            return ad;
        }

        internal RatchetState Clone()
        {
            var copy = new RatchetState();
            copy.Role = Role;
            copy.InitiationPending = InitiationPending;
            copy.HasReceivingChain = HasReceivingChain;
            Array.Copy(LocalIdentity, copy.LocalIdentity, KeySize);
            Array.Copy(RemoteIdentity, copy.RemoteIdentity, KeySize);
            Array.Copy(InitiationKey, copy.InitiationKey, KeySize);
            Array.Copy(RootKey, copy.RootKey, KeySize);
            Array.Copy(SendingSecret, copy.SendingSecret, KeySize);
            Array.Copy(SendingPublic, copy.SendingPublic, KeySize);
            Array.Copy(SendingChain, copy.SendingChain, KeySize);
            Array.Copy(ReceivingKey, copy.ReceivingKey, KeySize);
            Array.Copy(ReceivingChain, copy.ReceivingChain, KeySize);
            copy.SendingCount = SendingCount;
            copy.ReceivingCount = ReceivingCount;
            copy.PreviousSendingCount = PreviousSendingCount;
            copy.LastSequenceSent = LastSequenceSent;
            copy.HighestSequenceOpened = HighestSequenceOpened;
            copy.OpenedCount = OpenedCount;
            Skipped.CopyTo(copy.Skipped);
            Received.CopyTo(copy.Received);
            return copy;
        }

        internal byte[] Serialize()
        {
            byte[] buffer = new byte[Size];
            buffer[0] = FormatVersion;
            buffer[1] = Role;
            buffer[2] = (byte)((InitiationPending ? PendingFlag : 0) | (HasReceivingChain ? ReceivingChainFlag : 0));
            Array.Copy(LocalIdentity, 0, buffer, LocalIdentityOffset, KeySize);
            Array.Copy(RemoteIdentity, 0, buffer, RemoteIdentityOffset, KeySize);
            Array.Copy(InitiationKey, 0, buffer, InitiationKeyOffset, KeySize);
            Array.Copy(RootKey, 0, buffer, RootKeyOffset, KeySize);
            Array.Copy(SendingSecret, 0, buffer, SendingSecretOffset, KeySize);
            Array.Copy(SendingPublic, 0, buffer, SendingPublicOffset, KeySize);
            Array.Copy(SendingChain, 0, buffer, SendingChainOffset, KeySize);
            Array.Copy(ReceivingKey, 0, buffer, ReceivingKeyOffset, KeySize);
            Array.Copy(ReceivingChain, 0, buffer, ReceivingChainOffset, KeySize);
            RatchetHeader.WriteUInt32(buffer, CountersOffset, SendingCount);
            RatchetHeader.WriteUInt32(buffer, CountersOffset + 4, ReceivingCount);
            RatchetHeader.WriteUInt32(buffer, CountersOffset + 8, PreviousSendingCount);
            RatchetHeader.WriteUInt32(buffer, CountersOffset + 12, LastSequenceSent);
            RatchetHeader.WriteUInt32(buffer, CountersOffset + 16, HighestSequenceOpened);
            RatchetHeader.WriteUInt32(buffer, CountersOffset + 20, OpenedCount);
            Skipped.Write(buffer, SkippedOffset);
            Received.Write(buffer, LogOffset);
            return buffer;
        }

        /// <summary>Parses a stored state. Throws RatchetException when it is not one this build wrote.</summary>
        internal static RatchetState Deserialize(byte[] buffer)
        {
            if (buffer.Length > 0 && buffer[0] != FormatVersion)
            {
                throw Errors.RatchetVersion("stored state", buffer[0], FormatVersion);
            }
            if (buffer.Length != Size)
            {
                throw Errors.RatchetMalformed("stored state is " + buffer.Length.ToString() + " bytes, not " + Size.ToString());
            }
            if (buffer[1] > RoleResponder)
            {
                throw Errors.RatchetMalformed("stored state has unknown role " + buffer[1].ToString());
            }
            if ((buffer[2] & ~(PendingFlag | ReceivingChainFlag)) != 0)
            {
                throw Errors.RatchetMalformed("stored state has unknown flags 0x" + buffer[2].ToString("x2"));
            }
            var state = new RatchetState();
            state.Role = buffer[1];
            state.InitiationPending = (buffer[2] & PendingFlag) != 0;
            state.HasReceivingChain = (buffer[2] & ReceivingChainFlag) != 0;
            Array.Copy(buffer, LocalIdentityOffset, state.LocalIdentity, 0, KeySize);
            Array.Copy(buffer, RemoteIdentityOffset, state.RemoteIdentity, 0, KeySize);
            Array.Copy(buffer, InitiationKeyOffset, state.InitiationKey, 0, KeySize);
            Array.Copy(buffer, RootKeyOffset, state.RootKey, 0, KeySize);
            Array.Copy(buffer, SendingSecretOffset, state.SendingSecret, 0, KeySize);
            Array.Copy(buffer, SendingPublicOffset, state.SendingPublic, 0, KeySize);
            Array.Copy(buffer, SendingChainOffset, state.SendingChain, 0, KeySize);
            Array.Copy(buffer, ReceivingKeyOffset, state.ReceivingKey, 0, KeySize);
            Array.Copy(buffer, ReceivingChainOffset, state.ReceivingChain, 0, KeySize);
            state.SendingCount = RatchetHeader.ReadUInt32(buffer, CountersOffset);
            state.ReceivingCount = RatchetHeader.ReadUInt32(buffer, CountersOffset + 4);
            state.PreviousSendingCount = RatchetHeader.ReadUInt32(buffer, CountersOffset + 8);
            state.LastSequenceSent = RatchetHeader.ReadUInt32(buffer, CountersOffset + 12);
            state.HighestSequenceOpened = RatchetHeader.ReadUInt32(buffer, CountersOffset + 16);
            state.OpenedCount = RatchetHeader.ReadUInt32(buffer, CountersOffset + 20);
            if (!state.Skipped.Read(buffer, SkippedOffset))
            {
                state.Wipe();
                throw Errors.RatchetMalformed("stored state holds more than " + SkippedMessageKeys.Capacity.ToString() + " skipped keys");
            }
            if (!state.Received.Read(buffer, LogOffset))
            {
                state.Wipe();
                throw Errors.RatchetMalformed("stored state logs more than " + ReceivedLog.Capacity.ToString() + " messages");
            }
            return state;
        }

        /// <summary>Clears every secret; the state is unusable afterwards.</summary>
        internal void Wipe()
        {
            CryptoBytes.Wipe(RootKey);
            CryptoBytes.Wipe(SendingSecret);
            CryptoBytes.Wipe(SendingChain);
            CryptoBytes.Wipe(ReceivingChain);
            Skipped.Wipe();
        }
    }
}
