// The first message a newly provisioned beacon sends each recipient. In the Session app a
// message from an unknown Session ID lands in "Message Requests", where a real alert could sit
// unseen; the hello arrives first and asks the recipient to accept the request, so the alerts that
// follow appear in an ordinary conversation. It is a plain Session v1 text from the beacon's profile
// name. A ratchet recipient (recipient.prekey in nf.config) is told that its alerts arrive through
// its SessionBeacon companion receiver, since the stock app cannot open them.
using Session.Core.Micro.Messages;

namespace SessionBeacon.Delivery
{
    /// <summary>Builds the hello message of a beacon to one recipient.</summary>
    public static class HelloMessage
    {
        /// <summary>The Content of the hello from the beacon named <paramref name="deviceName"/>, signed at <paramref name="sigTimestamp"/> (Unix ms).</summary>
        /// <param name="ratchet">True when the recipient gets alerts through the alert ratchet (a companion receiver).</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="deviceName"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="deviceName"/> is empty.</exception>
        public static ContentMessage Compose(string deviceName, bool ratchet, long sigTimestamp)
        {
            return new ContentMessage(Text(deviceName, ratchet), deviceName, sigTimestamp);
        }

        /// <summary>The hello's text.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="deviceName"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="deviceName"/> is empty.</exception>
        public static string Text(string deviceName, bool ratchet)
        {
            if (deviceName == null)
            {
                throw Errors.Null("deviceName");
            }
            if (deviceName.Length == 0)
            {
                throw Errors.Range("deviceName", "must not be empty");
            }
            string hello = "Hello from SessionBeacon \"" + deviceName + "\", a panic button that will alert you if its owner needs help. ";
            string where = ratchet
                ? "Its alerts will arrive through your SessionBeacon companion receiver, which opens them and tells the beacon you read them. "
                : "Its alerts will come in this conversation. ";
            return hello + where + "Please accept this message request now, so that an alert is not left unseen among your message requests.";
        }
    }
}
