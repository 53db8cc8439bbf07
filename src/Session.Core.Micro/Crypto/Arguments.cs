// Door checks shared by the stream ciphers, MACs and AEADs: nulls, exact sizes and (offset, count)
// slices of caller buffers. They throw the factories in Errors.cs, so every primitive words its
// misuse the same way; inner code relies on these checks and only uses Debug.Assert.
namespace Session.Core.Micro.Crypto
{
    internal static class Arguments
    {
        /// <summary>Throws unless <paramref name="value"/> is non-null and exactly <paramref name="size"/> bytes.</summary>
        internal static void Size(byte[] value, int size, string name)
        {
            if (value == null)
            {
                throw Errors.Null(name);
            }
            if (value.Length != size)
            {
                throw Errors.Length(name, size);
            }
        }

        /// <summary>Throws unless <paramref name="buffer"/> is non-null and holds <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        internal static void Slice(byte[] buffer, string bufferName, int offset, string offsetName, int count)
        {
            if (buffer == null)
            {
                throw Errors.Null(bufferName);
            }
            // count is checked by the caller to be non-negative, so Length - count cannot overflow.
            if (offset < 0 || offset > buffer.Length - count)
            {
                throw Errors.Range(offsetName);
            }
        }

        /// <summary>Throws unless <paramref name="count"/> is non-negative.</summary>
        internal static void Count(int count, string name)
        {
            if (count < 0)
            {
                throw Errors.Range(name);
            }
        }
    }
}
