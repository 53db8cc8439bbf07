using SessionBeacon.Esp32;
using Xunit;

namespace SessionBeacon.Tests.Esp32
{
    /// <summary>The device transport's URL parsing.</summary>
    public class HttpTargetTests
    {
        [Theory]
        [InlineData("https://144.76.164.202:22021/onion_req/v2", true, "144.76.164.202", 22021, "/onion_req/v2", "144.76.164.202:22021")]
        [InlineData("https://seed1.getsession.org:4443/json_rpc", true, "seed1.getsession.org", 4443, "/json_rpc", "seed1.getsession.org:4443")]
        [InlineData("https://seed.example", true, "seed.example", 443, "/", "seed.example")]
        [InlineData("http://127.0.0.1:22100/json_rpc?x=1", false, "127.0.0.1", 22100, "/json_rpc?x=1", "127.0.0.1:22100")]
        [InlineData("http://host/", false, "host", 80, "/", "host")]
        public void TryParse_Url_GivesItsParts(string url, bool secure, string host, int port, string path, string hostHeader)
        {
            HttpTarget target = HttpTarget.TryParse(url);

            Assert.NotNull(target);
            Assert.Equal(secure, target.Secure);
            Assert.Equal(host, target.Host);
            Assert.Equal(port, target.Port);
            Assert.Equal(path, target.Path);
            Assert.Equal(hostHeader, target.HostHeader);
        }

        [Theory]
        [InlineData("ftp://host/")]
        [InlineData("https://")]
        [InlineData("https://host:0/")]
        [InlineData("https://host:65536/")]
        [InlineData("https://host:port/")]
        [InlineData("https://:443/")]
        [InlineData("https://[::1]:443/")]
        [InlineData("https://user@host/")]
        public void TryParse_Unusable_IsNull(string url)
        {
            Assert.Null(HttpTarget.TryParse(url));
        }
    }
}
