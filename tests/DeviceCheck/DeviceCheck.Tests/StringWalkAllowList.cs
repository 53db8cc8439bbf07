using System.Collections.Generic;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The members of the device code that may index a string or take its length in a loop
    /// (docs/portable-csharp.md §5): each one's strings are short and bounded, so walking them costs
    /// little even on nanoCLR. Key: Namespace.Type.Member as the scanner reports it; value: why it is fine.
    /// </summary>
    internal static class StringWalkAllowList
    {
        public static readonly IReadOnlyDictionary<string, string> Entries = new Dictionary<string, string>
        {
            ["Session.Core.Micro.Encoding.JsonReader+Parser.ExpectLiteral"] = "compares the literal true, false or null: at most 5 characters",
            ["Session.Core.Micro.Encoding.JsonWriter.WriteAscii"] = "writes a number's digits or true, false, null: at most 20 characters",
            ["Session.Core.Micro.Network.NodeParser.ParsePort"] = "a port number's text, refused before the loop when longer than 5 characters",
            ["Session.Core.Micro.Network.ServiceNode.IsUsableIPv4"] = "an IPv4 address, refused before the loop when longer than 15 characters",
        };
    }
}
