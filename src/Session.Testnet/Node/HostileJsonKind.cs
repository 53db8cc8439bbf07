namespace Session.Testnet
{
    /// <summary>What a node with the hostile_json fault puts in front of its real answer (HostileAnswer).</summary>
    public enum HostileJsonKind
    {
        /// <summary>Nothing: the answer as a healthy node gives it.</summary>
        None,

        /// <summary>One huge string.</summary>
        Huge,

        /// <summary>Thousands of short strings made of \u escapes.</summary>
        Escapes,

        /// <summary>Arrays nested as deep as the size allows.</summary>
        Nested,
    }
}
