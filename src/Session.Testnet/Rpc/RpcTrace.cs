using System.Collections.Generic;

namespace Session.Testnet
{
    /// <summary>Collects, while a request is handled, which methods ran and which pubkeys they named, for the observation log.</summary>
    public sealed class RpcTrace
    {
        private readonly List<string> _methods = new List<string>();
        private readonly List<string> _pubkeys = new List<string>();

        public void Method(string name)
        {
            lock (_methods)
            {
                _methods.Add(name);
            }
        }

        public void Pubkey(string hex)
        {
            lock (_pubkeys)
            {
                if (!_pubkeys.Contains(hex))
                {
                    _pubkeys.Add(hex);
                }
            }
        }

        public string Methods => _methods.Count == 0 ? null : string.Join(",", _methods);

        public string Pubkeys => _pubkeys.Count == 0 ? null : string.Join(",", _pubkeys);
    }
}
