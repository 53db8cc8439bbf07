using System;
using System.Text.Json.Nodes;

namespace Session.Testnet.Tests.Support
{
    /// <summary>What came back from an onion request.</summary>
    public sealed record OnionReply(int HttpStatus, string PlainBody, int Status, string Body, bool Decrypted)
    {
        public static OnionReply From(int httpStatus, string text, OnionClient.Onion onion, string encType)
        {
            if (httpStatus != 200)
            {
                return new OnionReply(httpStatus, text, 0, null, false);
            }
            byte[] sealedReply;
            try
            {
                sealedReply = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                return new OnionReply(httpStatus, text, 0, null, false);
            }
            byte[] plain = OnionClient.Open(encType, onion.DestinationKey, sealedReply);
            if (plain == null)
            {
                return new OnionReply(httpStatus, text, 0, null, false);
            }
            JsonNode reply = JsonNode.Parse(plain);
            return new OnionReply(httpStatus, text, (int)reply["status"], (string)reply["body"], true);
        }

        public JsonObject Json => JsonNode.Parse(Body).AsObject();
    }
}
