using System;
using System.IO;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    public class ByteBufferTests
    {
        private readonly ITestOutputHelper _output;

        public ByteBufferTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Writes_RandomSequence_MatchMemoryStream()
        {
            var random = new SeededRandom(_output, nameof(Writes_RandomSequence_MatchMemoryStream));
            for (int i = 0; i < SeededRandom.Iterations / 10; i++)
            {
                var buffer = new ByteBuffer(random.Next(40));
                var reference = new MemoryStream();
                int writes = random.Next(50);
                for (int w = 0; w < writes; w++)
                {
                    if (random.Next(2) == 0)
                    {
                        byte value = random.Bytes(1)[0];
                        buffer.Write(value);
                        reference.WriteByte(value);
                    }
                    else
                    {
                        byte[] data = random.Bytes(random.Next(200));
                        int offset = random.Next(data.Length + 1);
                        int count = random.Next(data.Length - offset + 1);
                        buffer.Write(data, offset, count);
                        reference.Write(data, offset, count);
                    }
                    Assert.Equal(reference.Length, buffer.Length);
                    Assert.True(buffer.Capacity >= buffer.Length);
                }
                Assert.Equal(reference.ToArray(), buffer.ToArray());
            }
        }

        [Fact]
        public void Capacity_DoublesFromTheConstructorsValue()
        {
            var buffer = new ByteBuffer(5);
            Assert.Equal(5, buffer.Capacity);
            buffer.Write(new byte[5], 0, 5);
            Assert.Equal(5, buffer.Capacity);
            buffer.Write(1);
            Assert.Equal(10, buffer.Capacity);
            buffer.Write(new byte[25], 0, 25);
            Assert.Equal(40, buffer.Capacity);
            Assert.Equal(31, buffer.Length);
        }

        [Fact]
        public void Capacity_Zero_GrowsOnFirstWrite()
        {
            var buffer = new ByteBuffer(0);
            Assert.Empty(buffer.ToArray());
            buffer.Write(7);
            Assert.Equal(new byte[] { 7 }, buffer.ToArray());
            Assert.True(buffer.Capacity >= 1);
        }

        [Fact]
        public void Clear_ForgetsBytesAndKeepsCapacity()
        {
            var buffer = new ByteBuffer(4);
            buffer.Write(new byte[] { 1, 2, 3, 4, 5 }, 0, 5);
            int capacity = buffer.Capacity;
            buffer.Clear();
            Assert.Equal(0, buffer.Length);
            Assert.Equal(capacity, buffer.Capacity);
            buffer.Write(9);
            Assert.Equal(new byte[] { 9 }, buffer.ToArray());
        }

        [Fact]
        public void CopyTo_WritesIntoCallersArrayAtOffset()
        {
            var buffer = new ByteBuffer(2);
            buffer.Write(new byte[] { 1, 2, 3 }, 0, 3);
            byte[] destination = new byte[6];
            Assert.Equal(3, buffer.CopyTo(destination, 2));
            Assert.Equal(new byte[] { 0, 0, 1, 2, 3, 0 }, destination);
            Assert.Equal(3, buffer.CopyTo(destination, 3));
            Assert.Equal(0, new ByteBuffer(0).CopyTo(destination, 6));
        }

        [Fact]
        public void CopyTo_TooSmallOrNull_Throws()
        {
            var buffer = new ByteBuffer(2);
            buffer.Write(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.Throws<ArgumentException>(() => buffer.CopyTo(new byte[5], 3));
            Assert.Throws<ArgumentException>(() => buffer.CopyTo(new byte[5], -1));
            Assert.Throws<ArgumentNullException>(() => buffer.CopyTo(null, 0));
        }

        [Fact]
        public void Arguments_Invalid_ThrowNamingTheParameter()
        {
            var negative = Assert.Throws<ArgumentException>(() => new ByteBuffer(-1));
            Assert.Equal("capacity", negative.ParamName);
            Assert.Contains("must not be negative", negative.Message);

            var buffer = new ByteBuffer(4);
            Assert.Throws<ArgumentNullException>(() => buffer.Write(null, 0, 0));
            var outside = Assert.Throws<ArgumentException>(() => buffer.Write(new byte[4], 2, 3));
            Assert.Equal("data", outside.ParamName);
            Assert.Throws<ArgumentException>(() => buffer.Write(new byte[4], -1, 1));
            Assert.Throws<ArgumentException>(() => buffer.Write(new byte[4], 0, -1));
            Assert.Equal(0, buffer.Length);
        }
    }
}
