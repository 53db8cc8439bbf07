// The WebSocketMessage wrapper around every Envelope stored in a swarm (docs/protocol.md §2.1, §2.4):
//   WebSocketMessage { type(1) = REQUEST 1, request(2) = WebSocketRequestMessage {
//       verb(1) = "", path(2) = "", body(3) = Envelope, requestId(4) = 0 } }
// written as 08 01 12 <len> 0a 00 12 00 1a <len> <envelope> 20 00 (verb, path and requestId are set
// but unused, as libsession writes them). A reader requires request and body and ignores the rest.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Messages
{
    /// <summary>Writes and unwraps the WebSocketMessage around an Envelope.</summary>
    internal static class WebSocketMessage
    {
        /// <summary>WebSocketMessage.type of a request.</summary>
        public const int RequestType = 1;

        private const int FieldType = 1;
        private const int FieldRequest = 2;
        private const int RequestVerb = 1;
        private const int RequestPath = 2;
        private const int RequestBody = 3;
        private const int RequestId = 4;

        /// <summary>The exact size of the wrapper around an envelope of <paramref name="envelopeSize"/> bytes.</summary>
        public static int EncodedSize(int envelopeSize)
        {
            int request = 2 + 2                                                        // 0a 00 12 00
                + 1 + ProtobufWriter.VarintSize((uint)envelopeSize) + envelopeSize      // 1a <len> <envelope>
                + 2;                                                                    // 20 00
            return 2 + 1 + ProtobufWriter.VarintSize((uint)request) + request;         // 08 01 12 <len>
        }

        /// <summary>Writes the type, opens the request and writes verb and path; returns the request's token for <see cref="EndRequest"/>.</summary>
        internal static int BeginRequest(ProtobufWriter writer)
        {
            writer.WriteEnum(FieldType, RequestType);
            int request = writer.BeginMessage(FieldRequest);
            writer.WriteString(RequestVerb, "");
            writer.WriteString(RequestPath, "");
            return request;
        }

        /// <summary>Opens the request's body, where the envelope goes; returns its token for <see cref="ProtobufWriter.EndMessage"/>.</summary>
        internal static int BeginBody(ProtobufWriter writer)
        {
            return writer.BeginMessage(RequestBody);
        }

        /// <summary>Writes requestId 0 and closes the request.</summary>
        internal static void EndRequest(ProtobufWriter writer, int request)
        {
            writer.WriteUInt64(RequestId, 0);
            writer.EndMessage(request);
        }

        /// <summary>
        /// Finds the envelope in a stored WebSocketMessage: returns where request.body starts in
        /// <paramref name="data"/> and sets <paramref name="count"/> to its length (no copy).
        /// </summary>
        /// <exception cref="MessageException">
        /// The bytes are not protobuf (<see cref="MessageError.MalformedProtobuf"/>) or have no request or no body
        /// (<see cref="MessageError.MissingField"/>).
        /// </exception>
        internal static int Unwrap(byte[] data, int offset, int length, out int count)
        {
            int bodyOffset = -1;
            count = 0;
            bool hasRequest = false;
            try
            {
                var reader = new ProtobufReader(data, offset, length);
                while (reader.Next())
                {
                    if (reader.FieldNumber != FieldRequest)
                    {
                        continue;
                    }
                    hasRequest = true;
                    ProtobufReader request = reader.ReadMessage();
                    while (request.Next())
                    {
                        if (request.FieldNumber == RequestBody)
                        {
                            bodyOffset = request.ReadLengthDelimited(out count);
                        }
                    }
                }
            }
            catch (MalformedDataException error)
            {
                throw Errors.MalformedLayer("WebSocketMessage", error);
            }
            if (!hasRequest)
            {
                throw Errors.MissingField("WebSocketMessage", "request");
            }
            if (bodyOffset < 0)
            {
                throw Errors.MissingField("WebSocketMessage request", "body");
            }
            return bodyOffset;
        }
    }
}
