using System;
using System.Linq;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    public class OnionPathsTests
    {
        private readonly ITestOutputHelper _output;

        public OnionPathsTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Select_BuildsDistinctNodesInDistinctSubnets_GuardTestedDirectly()
        {
            // 12 nodes in 4 subnets of 3: a path can only be built by taking one per /24.
            var f = new NetworkFixture(_output, nameof(Select_BuildsDistinctNodesInDistinctSubnets_GuardTestedDirectly), 12, ipOf: i => "10.1." + (i % 4) + "." + (i + 1));
            f.Pool.Bootstrap();
            for (int round = 0; round < 50; round++)
            {
                ServiceNode destination = f.Pool.Nodes[round % f.Pool.Count];
                OnionPath path = f.Paths.Select(destination);
                Assert.Equal(3, path.Nodes.Length);
                Assert.Equal(3, path.Nodes.Select(n => n.Ed25519Hex).Distinct().Count());
                Assert.Equal(3, path.Nodes.Select(n => n.Subnet24).Distinct().Count());
                Assert.False(path.Contains(destination));
            }
            Assert.Equal(2, f.Paths.Count);
            Assert.NotEqual(f.Paths.Path(0).Guard.Ed25519Hex, f.Paths.Path(1).Guard.Ed25519Hex);
            foreach (int i in new[] { 0, 1 })
            {
                Assert.Contains(f.Paths.Path(i).Guard.BaseUrl + "/storage_rpc/v1", f.Network.Posts);
            }
        }

        [Fact]
        public void SelectAvoiding_SuspectsOfFailedPaths_PathWithoutAnyOfThem()
        {
            // 12 nodes in 6 subnets of 2.
            var f = new NetworkFixture(_output, nameof(SelectAvoiding_SuspectsOfFailedPaths_PathWithoutAnyOfThem), 12, ipOf: i => "10.2." + (i % 6) + "." + (i + 1));
            f.Pool.Bootstrap();
            ServiceNode destination = f.Pool.Nodes[0];
            OnionPath first = f.Paths.Select(destination);
            ServiceNode[] suspects = first.Nodes;
            for (int round = 0; round < 20; round++)
            {
                OnionPath next = f.Paths.SelectAvoiding(destination, suspects);
                Assert.All(suspects, s => Assert.False(next.Contains(s)));
                Assert.False(next.Contains(destination));
                Assert.Equal(3, next.Nodes.Select(n => n.Subnet24).Distinct().Count());
            }
            Assert.Equal(2, f.Paths.Count);
        }

        [Fact]
        public void SelectAvoiding_TooFewNodesOutsideSuspects_BuildsAroundTheMostSuspected()
        {
            // 7 nodes in 3 subnets (3, 2, 2): no path avoids all four suspects; one avoids the two seen twice.
            var f = new NetworkFixture(_output, nameof(SelectAvoiding_TooFewNodesOutsideSuspects_BuildsAroundTheMostSuspected), 7, ipOf: i => "10.3." + (i % 3) + "." + (i + 1));
            f.Pool.Bootstrap();
            var bySubnet = f.Pool.Nodes.GroupBy(n => n.Subnet24).OrderByDescending(g => g.Count()).Select(g => g.ToArray()).ToArray();
            ServiceNode[] a = bySubnet[0], b = bySubnet[1], c = bySubnet[2];
            ServiceNode destination = a[0];
            // All four leave only two subnets; the two seen in two failed paths (one of a, one of c) leave three.
            ServiceNode[] suspects = { a[1], b[0], c[0], b[1], a[1], c[0] };
            OnionPath path = f.Paths.SelectAvoiding(destination, suspects);
            Assert.False(path.Contains(a[1]));
            Assert.False(path.Contains(c[0]));
            Assert.False(path.Contains(destination));
        }

        [Fact]
        public void Select_GuardCandidatesDown_SkippedAndCounted()
        {
            var f = new NetworkFixture(_output, nameof(Select_GuardCandidatesDown_SkippedAndCounted), 8);
            f.Pool.Bootstrap();
            foreach (OnionTestNode n in f.Network.Nodes.Take(4))
            {
                f.Network.Down.Add(n.Hex);
            }
            ServiceNode destination = f.Pool.Find(f.Network.Nodes[7].Hex);
            OnionPath path = f.Paths.Select(destination);
            Assert.DoesNotContain(path.Guard.Ed25519Hex, f.Network.Down);
        }

        [Fact]
        public void Select_TooFewSubnets_ThrowsClearly()
        {
            var f = new NetworkFixture(_output, nameof(Select_TooFewSubnets_ThrowsClearly), 6, ipOf: i => "10.2." + (i % 2) + "." + (i + 1));
            f.Pool.Bootstrap();
            var error = Assert.Throws<ServiceNodeException>(() => f.Paths.Select(f.Pool.Nodes[0]));
            Assert.Contains("/24", error.Message);
        }

        [Fact]
        public void RecordFailure_ThreeStrikesDropPath_DropNodeRemovesPaths()
        {
            var f = new NetworkFixture(_output, nameof(RecordFailure_ThreeStrikesDropPath_DropNodeRemovesPaths), 10);
            f.Pool.Bootstrap();
            OnionPath path = f.Paths.Select(f.Pool.Nodes[0]);
            Assert.False(f.Paths.RecordFailure(path));
            Assert.False(f.Paths.RecordFailure(path));
            Assert.True(f.Paths.RecordFailure(path));
            Assert.Equal(1, f.Paths.Count);
            OnionPath other = f.Paths.Path(0);
            f.Paths.DropNode(other.Nodes[2].Ed25519Hex);
            Assert.Equal(0, f.Paths.Count);
        }
    }
}
