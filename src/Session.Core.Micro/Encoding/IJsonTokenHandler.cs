// What JsonTokenStream tells the reader behind it, in document order (RFC 8259): containers opening
// and closing, object names, and scalar values. The handler decides which tokens' bytes are worth
// keeping, or which strings to have in pieces (too long to hold); the stream checks the syntax of all of them.
namespace Session.Core.Micro.Encoding
{
    internal interface IJsonTokenHandler
    {
        /// <summary>An object or array opens: the root, an array item, or the value of the name read last at this level.</summary>
        void Open(bool isObject);

        /// <summary>The innermost container closes.</summary>
        void Close(bool isObject);

        /// <summary>Asked before each name and each string or number value: true when its bytes are to be handed over.</summary>
        bool Keeps(bool isName);

        /// <summary>
        /// Asked before each string value, before Keeps: true to have its bytes handed over unescaped, in pieces, as they
        /// are read (Piece), however long it is; its end is then told as Value(false, null, 0, true).
        /// </summary>
        bool Pieces();

        /// <summary>The next <paramref name="count"/> unescaped bytes of a string handed over in pieces; the buffer is reused after the call.</summary>
        void Piece(byte[] buffer, int offset, int count);

        /// <summary>An object name; <paramref name="usable"/> is false when it had escapes or outgrew the token buffer.</summary>
        void Name(byte[] token, int length, bool usable);

        /// <summary>A string value (<paramref name="isNumber"/> false) or a number's text; only for tokens the handler keeps. Literals are told by Boolean (null not at all).</summary>
        void Value(bool isNumber, byte[] token, int length, bool usable);
    
        /// <summary>A true or false value.</summary>
        void Boolean(bool value);
    }
}
