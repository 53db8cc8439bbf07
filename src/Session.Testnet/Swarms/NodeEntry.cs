namespace Session.Testnet
{
    /// <summary>One storage node as every other node knows it: address, keys and swarm.</summary>
    public sealed record NodeEntry(int Index, string Ip, int Port, string Ed25519Hex, string X25519Hex, ulong SwarmId)
    {
        /// <summary>The node's HTTPS base address, such as https://127.0.1.1:40123.</summary>
        public string BaseUrl => "https://" + Ip + ":" + Port;

        /// <summary>The swarm id as clients see it: 16 lowercase hex digits.</summary>
        public string SwarmHex => SwarmId.ToString("x16");
    }
}
