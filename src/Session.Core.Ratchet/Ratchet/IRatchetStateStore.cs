// Where one ratchet session keeps its state between boots (docs/ratchet.md, "Persistence").
// The ratchet calls Save before any packet it encrypts is returned and before any plaintext it
// decrypts is returned, so what is stored is never behind what has left the device. Save must be
// atomic: after a power cut, Load returns either the previous state or the new one, never a mix
// (the device maps this onto its key-value store, for example with two slots and a counter).
namespace Session.Core.Micro.Ratchet
{
    /// <summary>Atomic storage for one serialized ratchet state (about 1.1 KB, a fixed size per format version).</summary>
    public interface IRatchetStateStore
    {
        /// <summary>
        /// Replaces the stored state with <paramref name="state"/>, atomically. Throws when it cannot
        /// promise that the new state is stored; the session then refuses further use until it is loaded again.
        /// The ratchet wipes <paramref name="state"/> when Save returns: write or copy it before then.
        /// </summary>
        void Save(byte[] state);

        /// <summary>Returns the state last saved, or null when none was ever saved.</summary>
        byte[] Load();
    }
}
