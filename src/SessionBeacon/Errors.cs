// The firmware app's messages for misuse (CONTRIBUTING.md rule 6): short, because they also run on
// the device.
using System;

namespace SessionBeacon
{
    internal static class Errors
    {
        internal static ArgumentNullException Null(string parameter)
        {
            return new ArgumentNullException(parameter);
        }

        internal static ArgumentException NoSuchSensor(string parameter, int sensor)
        {
            return new ArgumentException("no sensor " + sensor.ToString() + " is configured", parameter);
        }

        internal static ArgumentException WrongSensorKind(string parameter, int sensor, string expected)
        {
            return new ArgumentException("sensor " + sensor.ToString() + " is not " + expected, parameter);
        }

        internal static ArgumentException Range(string parameter, string rule)
        {
            return new ArgumentException(parameter + " " + rule, parameter);
        }

        internal static InvalidOperationException NotStarted(string module)
        {
            return new InvalidOperationException(module + " is not started: call Start first");
        }

        internal static InvalidOperationException OutboxFull(int capacity)
        {
            return new InvalidOperationException("the outbox holds " + capacity.ToString() + " undelivered alerts already");
        }

        internal static InvalidOperationException AlertTaken()
        {
            return new InvalidOperationException("the prepared alert was already added or wiped; take a new one");
        }
    }
}
