// The kinds of JSON value (RFC 8259 §3) that JsonReader produces.
namespace Session.Core.Micro.Encoding
{
    /// <summary>What a <see cref="JsonValue"/> holds.</summary>
    public enum JsonKind
    {
        /// <summary>The literal null.</summary>
        Null,

        /// <summary>true or false.</summary>
        Boolean,

        /// <summary>A number; integers that fit in 64 bits can be read as such.</summary>
        Number,

        /// <summary>A string.</summary>
        String,

        /// <summary>An ordered list of values.</summary>
        Array,

        /// <summary>Named members, in the order they appeared.</summary>
        Object,
    }
}
