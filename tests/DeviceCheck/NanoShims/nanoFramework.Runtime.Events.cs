// Compile-only shim of nanoFramework.Runtime.Events 1.11.37 (assembly nanoFramework.Runtime.Events):
// the base class of the GPIO library's PinValueChangedEventArgs, with the signature of
// nanoframework/nanoFramework.Runtime.Events nanoFramework.Runtime.Events/BaseEvent.cs
// (see README.md). Never run.
namespace nanoFramework.Runtime.Events
{
    /// <summary>nanoFramework: the base of the events the firmware raises.</summary>
    public class BaseEvent
    {
    }
}
