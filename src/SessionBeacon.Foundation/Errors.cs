// The firmware app's messages for misuse (CONTRIBUTING.md rule 6): short, because they also run on
// the device. Public because the app above this assembly uses them too.
using System;

namespace SessionBeacon
{
    public static class Errors
    {
        public static ArgumentNullException Null(string parameter)
        {
            return new ArgumentNullException(parameter);
        }

        public static ArgumentException NoSuchSensor(string parameter, int sensor)
        {
            return new ArgumentException("no sensor " + sensor.ToString() + " is configured", parameter);
        }

        public static ArgumentException WrongSensorKind(string parameter, int sensor, string expected)
        {
            return new ArgumentException("sensor " + sensor.ToString() + " is not " + expected, parameter);
        }

        public static ArgumentException Range(string parameter, string rule)
        {
            return new ArgumentException(parameter + " " + rule, parameter);
        }

        public static InvalidOperationException NotStarted(string module)
        {
            return new InvalidOperationException(module + " is not started: call Start first");
        }

        public static InvalidOperationException OutboxFull(int capacity)
        {
            return new InvalidOperationException("the outbox holds " + capacity.ToString() + " undelivered alerts already");
        }

        public static InvalidOperationException AlertTaken()
        {
            return new InvalidOperationException("the prepared alert was already added or wiped; take a new one");
        }
    }
}
