using System;

namespace Session.Testnet
{
    /// <summary>Ends an RPC with an HTTP status and a plain-text reason (thrown inside handlers, caught by the dispatcher).</summary>
    public class RpcException : Exception
    {
        public RpcException(int status, string message) : base(message)
        {
            Status = status;
        }

        public int Status { get; }
    }
}
