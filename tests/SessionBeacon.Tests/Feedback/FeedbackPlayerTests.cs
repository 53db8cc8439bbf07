using System;
using System.Collections.Generic;
using SessionBeacon.Config;
using SessionBeacon.Feedback;
using SessionBeacon.Hardware;
using Xunit;

namespace SessionBeacon.Tests.Feedback
{
    public class FeedbackPlayerTests
    {
        private sealed class Recorder : IIndicator
        {
            public readonly List<(long Time, bool On)> Changes = new List<(long, bool)>();
            public long Now;
            public bool IsOn;

            public void Set(bool on)
            {
                IsOn = on;
                Changes.Add((Now, on));
            }
        }

        // Plays a pattern to its end, stepping exactly at each change, and returns the light's changes.
        private static List<(long Time, bool On)> Play(int pattern, string mode, Recorder light, Recorder sound)
        {
            var player = new FeedbackPlayer(light, sound, mode);
            light.Now = 1000;
            sound.Now = 1000;
            player.Play(pattern, 1000);
            long next = player.Step(1000);
            while (next != FeedbackPlayer.Never)
            {
                light.Now = next;
                sound.Now = next;
                next = player.Step(next);
            }
            Assert.False(player.IsPlaying);
            return light.Changes;
        }

        [Theory]
        [InlineData(FeedbackPattern.Armed)]
        [InlineData(FeedbackPattern.Sending)]
        [InlineData(FeedbackPattern.Delivered)]
        [InlineData(FeedbackPattern.HelpReached)]
        [InlineData(FeedbackPattern.Failed)]
        [InlineData(FeedbackPattern.LowBattery)]
        [InlineData(FeedbackPattern.Halted)]
        public void Play_EachPattern_LightFollowsItsTimingsAndEndsOff(int pattern)
        {
            var light = new Recorder();
            var sound = new Recorder();
            var changes = Play(pattern, BeaconConfig.FeedbackLight, light, sound);
            int[] timings = FeedbackPattern.Timings(pattern);
            Assert.Equal(timings.Length + 1, changes.Count);
            long t = 1000;
            for (int i = 0; i < timings.Length; i++)
            {
                Assert.Equal((t, i % 2 == 0), changes[i]);
                t += timings[i];
            }
            Assert.Equal((t, false), changes[^1]);
            Assert.Empty(sound.Changes);
        }

        [Fact]
        public void LightAndSound_BuzzerPlaysTheSamePattern()
        {
            var light = new Recorder();
            var sound = new Recorder();
            Play(FeedbackPattern.Delivered, BeaconConfig.FeedbackLightAndSound, light, sound);
            Assert.Equal(light.Changes, sound.Changes);
        }

        [Fact]
        public void Silent_NothingEverSwitchesOn_ButThePatternIsRecorded()
        {
            var light = new Recorder();
            var sound = new Recorder();
            var player = new FeedbackPlayer(light, sound, BeaconConfig.FeedbackSilent);
            player.Cue(true);
            player.Play(FeedbackPattern.HelpReached, 0);
            Assert.Equal(FeedbackPlayer.Never, player.Step(10000));
            Assert.Empty(light.Changes);
            Assert.Empty(sound.Changes);
            Assert.Equal(FeedbackPattern.HelpReached, player.LastPattern);
        }

        [Fact]
        public void Cue_SteadyLightComesBackAfterAPattern_AndCancelClearsIt()
        {
            var light = new Recorder();
            var player = new FeedbackPlayer(light, null, BeaconConfig.FeedbackLight);
            player.Cue(true);
            Assert.True(light.IsOn);
            player.Play(FeedbackPattern.Sending, 0);
            player.Step(1000);
            Assert.True(light.IsOn);
            player.Cue(false);
            Assert.False(light.IsOn);
        }

        [Fact]
        public void Play_NewPatternReplacesTheOnePlaying()
        {
            var light = new Recorder();
            var player = new FeedbackPlayer(light, null, BeaconConfig.FeedbackLight);
            player.Play(FeedbackPattern.LowBattery, 0);
            player.Play(FeedbackPattern.Sending, 100);
            Assert.Equal(100 + FeedbackPattern.Timings(FeedbackPattern.Sending)[0], player.Step(100));
            Assert.Equal(FeedbackPlayer.Never, player.Step(1000));
            Assert.False(light.IsOn);
        }

        [Fact]
        public void BadArguments_Throw()
        {
            Assert.Throws<ArgumentException>(() => new FeedbackPlayer(null, null, "loud"));
            Assert.Throws<ArgumentException>(() => new FeedbackPlayer(null, null, BeaconConfig.FeedbackLight).Play(FeedbackPattern.Count, 0));
            Assert.Equal("help reached", FeedbackPattern.Name(FeedbackPattern.HelpReached));
        }
    }
}
