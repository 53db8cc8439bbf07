// One parsed JSON value (RFC 8259) as JsonReader builds it: a small tree with no generics, so the
// device can hold it. Every value remembers the byte offset where it started in the input, so a
// reply that has the wrong shape ("expected a string") is reported at its place, like bad syntax.
// Numbers keep their exact 64-bit integer value when they have no fraction or exponent; other
// numbers are kept as text (the service-node protocol has none that a client needs).
using System.Diagnostics;

namespace Session.Core.Micro.Encoding
{
    /// <summary>A JSON value: null, boolean, number, string, array or object.</summary>
    public sealed class JsonValue
    {
        private readonly JsonKind _kind;
        private readonly int _offset;
        private readonly string _text;
        private readonly ulong _magnitude;
        private readonly bool _negative;
        private readonly bool _isInteger;
        private readonly JsonValue[] _items;
        private readonly string[] _names;

        private JsonValue(JsonKind kind, int offset, string text, ulong magnitude, bool negative, bool isInteger,
            JsonValue[] items, string[] names)
        {
            _kind = kind;
            _offset = offset;
            _text = text;
            _magnitude = magnitude;
            _negative = negative;
            _isInteger = isInteger;
            _items = items;
            _names = names;
        }

        /// <summary>What this value holds.</summary>
        public JsonKind Kind
        {
            get { return _kind; }
        }

        /// <summary>The index in the parsed array of the value's first byte.</summary>
        public int Offset
        {
            get { return _offset; }
        }

        /// <summary>True for a number without fraction or exponent that fits in 64 bits (signed or unsigned).</summary>
        public bool IsInteger
        {
            get { return _kind == JsonKind.Number && _isInteger; }
        }

        /// <summary>The number of elements of an array or members of an object; 0 for anything else.</summary>
        public int Count
        {
            get { return _items == null ? 0 : _items.Length; }
        }

        /// <summary>The element (array) or member value (object) at <paramref name="index"/>.</summary>
        /// <exception cref="System.ArgumentException">index is outside 0 .. Count - 1.</exception>
        public JsonValue Item(int index)
        {
            if (_items == null || index < 0 || index >= _items.Length)
            {
                throw Errors.Range("index");
            }
            return _items[index];
        }

        /// <summary>The name of the object member at <paramref name="index"/>.</summary>
        /// <exception cref="System.ArgumentException">This is not an object or index is outside 0 .. Count - 1.</exception>
        public string Name(int index)
        {
            if (_names == null || index < 0 || index >= _names.Length)
            {
                throw Errors.Range("index");
            }
            return _names[index];
        }

        /// <summary>The value of the member called <paramref name="name"/> (the first one, if repeated), or null when absent or when this is not an object.</summary>
        /// <exception cref="System.ArgumentNullException">name is null.</exception>
        public JsonValue Get(string name)
        {
            if (name == null)
            {
                throw Errors.Null("name");
            }
            if (_names == null)
            {
                return null;
            }
            for (int i = 0; i < _names.Length; i++)
            {
                if (_names[i] == name)
                {
                    return _items[i];
                }
            }
            return null;
        }

        /// <summary>The member called <paramref name="name"/>, which must exist.</summary>
        /// <exception cref="System.ArgumentNullException">name is null.</exception>
        /// <exception cref="MalformedDataException">This is not an object, or it has no such member.</exception>
        public JsonValue Require(string name)
        {
            if (_kind != JsonKind.Object)
            {
                throw Errors.JsonShape(_offset, "an object");
            }
            JsonValue value = Get(name);
            if (value == null)
            {
                throw Errors.JsonMissing(_offset, name);
            }
            return value;
        }

        /// <summary>The text of a string.</summary>
        /// <exception cref="MalformedDataException">This is not a string.</exception>
        public string AsString()
        {
            if (_kind != JsonKind.String)
            {
                throw Errors.JsonShape(_offset, "a string");
            }
            return _text;
        }

        /// <summary>The value of true or false.</summary>
        /// <exception cref="MalformedDataException">This is not a boolean.</exception>
        public bool AsBoolean()
        {
            if (_kind != JsonKind.Boolean)
            {
                throw Errors.JsonShape(_offset, "true or false");
            }
            return _isInteger;
        }

        /// <summary>The value of an integer from -2^63 to 2^63 - 1.</summary>
        /// <exception cref="MalformedDataException">This is not an integer, or it does not fit in a long.</exception>
        public long AsInt64()
        {
            if (!IsInteger)
            {
                throw Errors.JsonShape(_offset, "an integer");
            }
            if (_negative)
            {
                if (_magnitude > 0x8000000000000000UL)
                {
                    throw Errors.JsonShape(_offset, "an integer from -2^63 to 2^63-1");
                }
                return (long)(0UL - _magnitude);
            }
            if (_magnitude > 0x7FFFFFFFFFFFFFFFUL)
            {
                throw Errors.JsonShape(_offset, "an integer from -2^63 to 2^63-1");
            }
            return (long)_magnitude;
        }

        /// <summary>The value of a non-negative integer up to 2^64 - 1.</summary>
        /// <exception cref="MalformedDataException">This is not a non-negative integer.</exception>
        public ulong AsUInt64()
        {
            if (!IsInteger || (_negative && _magnitude != 0))
            {
                throw Errors.JsonShape(_offset, "a non-negative integer");
            }
            return _magnitude;
        }

        /// <summary>The value of an integer from -2^31 to 2^31 - 1.</summary>
        /// <exception cref="MalformedDataException">This is not an integer in that range.</exception>
        public int AsInt32()
        {
            long value = AsInt64();
            if (value < int.MinValue || value > int.MaxValue)
            {
                throw Errors.JsonShape(_offset, "an integer from -2^31 to 2^31-1");
            }
            return (int)value;
        }

        /// <summary>The number exactly as it was written (integers in decimal).</summary>
        /// <exception cref="MalformedDataException">This is not a number.</exception>
        public string NumberText()
        {
            if (_kind != JsonKind.Number)
            {
                throw Errors.JsonShape(_offset, "a number");
            }
            if (_isInteger)
            {
                return _negative ? "-" + _magnitude.ToString() : _magnitude.ToString();
            }
            return _text;
        }

        internal static JsonValue Null(int offset)
        {
            return new JsonValue(JsonKind.Null, offset, null, 0, false, false, null, null);
        }

        internal static JsonValue Boolean(int offset, bool value)
        {
            return new JsonValue(JsonKind.Boolean, offset, null, 0, false, value, null, null);
        }

        internal static JsonValue Integer(int offset, ulong magnitude, bool negative)
        {
            return new JsonValue(JsonKind.Number, offset, null, magnitude, negative, true, null, null);
        }

        internal static JsonValue Decimal(int offset, string text)
        {
            return new JsonValue(JsonKind.Number, offset, text, 0, false, false, null, null);
        }

        internal static JsonValue String(int offset, string text)
        {
            Debug.Assert(text != null);
            return new JsonValue(JsonKind.String, offset, text, 0, false, false, null, null);
        }

        internal static JsonValue Array(int offset, JsonValue[] items)
        {
            return new JsonValue(JsonKind.Array, offset, null, 0, false, false, items, null);
        }

        internal static JsonValue Object(int offset, string[] names, JsonValue[] values)
        {
            Debug.Assert(names.Length == values.Length);
            return new JsonValue(JsonKind.Object, offset, null, 0, false, false, values, names);
        }
    }
}
