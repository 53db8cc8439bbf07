using System.Text.Json;
using Session.Core.Micro.Tests.Support;

namespace Session.Testnet.Tests.Support
{
    /// <summary>Vectors from session/session-upstream.json by name.</summary>
    public static class Upstream
    {
        public static JsonElement Vector(string name)
        {
            foreach (JsonElement vector in TestVectors.Json("session/session-upstream.json").GetProperty("vectors").EnumerateArray())
            {
                if (vector.GetProperty("name").GetString() == name)
                {
                    return vector;
                }
            }
            throw new System.IO.InvalidDataException("vector " + name + " is missing from session-upstream.json");
        }
    }
}
