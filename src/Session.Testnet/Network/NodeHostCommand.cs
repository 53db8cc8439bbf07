namespace Session.Testnet
{
    /// <summary>
    /// How to start one node in its own process: <see cref="FileName"/> with <see cref="Arguments"/>, then
    /// "--data DIR --index N" appended. The process must run <see cref="NodeProcess.RunAsync"/>, such as the
    /// harness's "testnet node".
    /// </summary>
    public sealed record NodeHostCommand(string FileName, string[] Arguments);
}
