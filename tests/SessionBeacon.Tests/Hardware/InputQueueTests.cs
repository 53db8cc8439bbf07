using System;
using System.Linq;
using System.Threading;
using SessionBeacon.Hardware;
using SessionBeacon.Policy;
using SessionBeacon.Tests.Policy;
using Xunit;

namespace SessionBeacon.Tests.Hardware
{
    public class InputQueueTests
    {
        [Fact]
        public void DrainInto_FeedsPolicyInOrder()
        {
            var policy = new AlertPolicy(PolicyScript.Settings("sensor = contact 5 Door\n"));
            policy.Start(0);
            var queue = new InputQueue(8);
            queue.Post(InputKind.Button, 0, true, 0);
            queue.Post(InputKind.Sensor, 0, true, 100);
            queue.Post(InputKind.Button, 0, false, 2000);

            Assert.Equal(3, queue.DrainInto(policy));
            Assert.Equal(0, queue.Count);
            policy.Step(20000);
            Assert.Equal(new[] { DecisionKind.FireSensor, DecisionKind.CuePending, DecisionKind.FirePanic },
                policy.TakeDecisions().Select(d => d.Kind).ToArray());
        }

        [Fact]
        public void Post_Full_DropsAndCounts()
        {
            var queue = new InputQueue(2);
            Assert.True(queue.Post(InputKind.Button, 0, true, 0));
            Assert.True(queue.Post(InputKind.Button, 0, false, 1));
            Assert.False(queue.Post(InputKind.Button, 0, true, 2));
            Assert.Equal(1, queue.Dropped);
            var policy = new AlertPolicy(PolicyScript.Settings(""));
            policy.Start(0);
            Assert.Equal(2, queue.DrainInto(policy));
            Assert.True(queue.Post(InputKind.Button, 0, true, 3));
        }

        [Fact]
        public void Post_FromManyThreads_NothingLostBelowCapacity()
        {
            var queue = new InputQueue(4000);
            var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    queue.Post(InputKind.Sensor, t, (i & 1) == 0, i);
                }
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }
            foreach (var thread in threads)
            {
                thread.Join();
            }
            Assert.Equal(4000, queue.Count);
            Assert.Equal(0, queue.Dropped);
        }

        [Fact]
        public void BadArguments_Throw()
        {
            Assert.Throws<ArgumentException>(() => new InputQueue(0));
            Assert.Throws<ArgumentNullException>(() => new InputQueue(1).DrainInto(null));
        }
    }
}
