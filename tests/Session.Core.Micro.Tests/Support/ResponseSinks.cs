using Session.Core.Micro.Network;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>The streaming IHttpTransport.Post for the tests' in-memory transports: the body goes to the sink in pieces, as a network read hands it over.</summary>
    public static class ResponseSinks
    {
        public const int Piece = 700;

        public static HttpResponse Feed(HttpResponse response, IResponseSink sink)
        {
            if (response.Status == 0)
            {
                return response;
            }
            byte[] body = response.Body;
            var buffer = new byte[Piece];
            for (int at = 0; at < body.Length; at += Piece)
            {
                int count = System.Math.Min(Piece, body.Length - at);
                System.Array.Copy(body, at, buffer, 0, count);
                if (!sink.Write(buffer, 0, count))
                {
                    return HttpResponse.Failed("the reader refused the answer");
                }
            }
            return new HttpResponse(response.Status, new byte[0]);
        }
    }
}
