using System;
using System.Text.Json;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    // Base64.EncodeTo and the writers built on it, against .NET's Convert.
    public class Base64Tests
    {
        private readonly ITestOutputHelper _output;

        public Base64Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void EncodeTo_EveryLengthAndOffset_SameAsConvert()
        {
            var random = new SeededRandom(_output, nameof(EncodeTo_EveryLengthAndOffset_SameAsConvert));
            for (int length = 0; length < 300; length++)
            {
                byte[] data = random.Bytes(length);
                int offset = random.Next(5);
                byte[] output = random.Bytes(offset + Base64.EncodedLength(length) + 3);
                byte[] before = (byte[])output.Clone();
                int end = Base64.EncodeTo(output, offset, data);
                string expected = Convert.ToBase64String(data);
                Assert.Equal(expected.Length, Base64.EncodedLength(length));
                Assert.Equal(offset + expected.Length, end);
                Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(output, offset, expected.Length));
                // Nothing outside the encoding is touched.
                Assert.Equal(before.AsSpan(0, offset).ToArray(), output.AsSpan(0, offset).ToArray());
                Assert.Equal(before.AsSpan(end).ToArray(), output.AsSpan(end).ToArray());
            }
        }

        [Fact]
        public void EncodeTo_OutputTooShort_Refused()
        {
            Assert.Throws<ArgumentException>(() => Base64.EncodeTo(new byte[7], 0, new byte[4]));
            Assert.Throws<ArgumentException>(() => Base64.EncodeTo(new byte[8], 1, new byte[4]));
            Assert.Throws<ArgumentNullException>(() => Base64.EncodeTo(null, 0, new byte[1]));
            Assert.Throws<ArgumentNullException>(() => Base64.EncodeTo(new byte[4], 0, null));
        }

        [Fact]
        public void JsonWriterWriteBase64_SameAsWriteStringOfTheEncoding()
        {
            var random = new SeededRandom(_output, nameof(JsonWriterWriteBase64_SameAsWriteStringOfTheEncoding));
            for (int length = 0; length < 40; length++)
            {
                byte[] data = random.Bytes(length);
                var a = new JsonWriter(4);
                a.BeginArray();
                a.WriteBase64(data);
                a.WriteBase64(data);
                a.EndArray();
                var b = new JsonWriter(4);
                b.BeginArray();
                b.WriteString(Convert.ToBase64String(data));
                b.WriteString(Convert.ToBase64String(data));
                b.EndArray();
                Assert.Equal(b.ToArray(), a.ToArray());
            }
        }

        [Fact]
        public void RequestsStore_FieldsRoundTrip()
        {
            var random = new SeededRandom(_output, nameof(RequestsStore_FieldsRoundTrip));
            string id = "05" + Convert.ToHexStringLower(random.Bytes(32));
            foreach (int length in new[] { 0, 1, 2, 3, 558, 1358 })
            {
                byte[] data = random.Bytes(length);
                byte[] body = Requests.Store(id, 1_764_237_600_123, 3_600_000, data, 0);
                using JsonDocument json = JsonDocument.Parse(body);
                JsonElement p = json.RootElement.GetProperty("params");
                Assert.Equal("store", json.RootElement.GetProperty("method").GetString());
                Assert.Equal(id, p.GetProperty("pubkey").GetString());
                Assert.Equal(1_764_237_600_123, p.GetProperty("timestamp").GetInt64());
                Assert.Equal(3_600_000, p.GetProperty("ttl").GetInt64());
                Assert.Equal(data, Convert.FromBase64String(p.GetProperty("data").GetString()));
                Assert.Equal(0, p.GetProperty("namespace").GetInt32());
            }
        }
    }
}
