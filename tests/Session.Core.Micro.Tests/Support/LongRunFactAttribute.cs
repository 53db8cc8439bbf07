using System;
using Xunit;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// A test that runs only with SESSIONBEACON_LONG_RUN=1; otherwise the runner reports it as
    /// skipped with the reason, so a short run never looks as if it had covered it.
    /// </summary>
    public sealed class LongRunFactAttribute : FactAttribute
    {
        public LongRunFactAttribute()
        {
            if (Environment.GetEnvironmentVariable("SESSIONBEACON_LONG_RUN") != "1")
            {
                Skip = "long run only: set SESSIONBEACON_LONG_RUN=1 to run it";
            }
        }
    }
}
