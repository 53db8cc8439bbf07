// The panic button's state machine (CONTRIBUTING.md rule 13): a pure function from a state and a
// debounced event to the next state and an action, so the whole table is tested row by row.
//   Idle --Press--> Held --HoldReached--> LongHeld --Release--> Pending --WindowElapsed--> Idle (panic)
//   Held --Release--> Counting --GapElapsed--> Idle (test alert or nothing: pocket bumps)
//   Pending --Press--> WindowHeld --Release--> WindowCounting --GapElapsed--> Idle (cancel or duress)
// A press that began inside the cancel window is finished even if the window closes meanwhile, so
// a cancel or duress pattern started in time is never overtaken by the panic. Holding the button
// through the whole window, or holding a second long press in it, sends the panic at once.
namespace SessionBeacon.Policy
{
    /// <summary>The pure transition function of the button gesture recogniser.</summary>
    public static class ButtonTransitions
    {
        /// <summary>The state after <paramref name="buttonEvent"/> in <paramref name="state"/>, and what to do.</summary>
        /// <param name="state">The current state.</param>
        /// <param name="buttonEvent">The event.</param>
        /// <param name="action">What the policy must do; <see cref="ButtonAction.None"/> when the event does not apply.</param>
        /// <returns>The next state; the same state when the event does not apply.</returns>
        public static ButtonState Next(ButtonState state, ButtonEvent buttonEvent, out ButtonAction action)
        {
            action = ButtonAction.None;
            switch (state)
            {
                case ButtonState.Idle:
                    return On(buttonEvent, ButtonEvent.Press, ButtonState.Held, ButtonAction.BeginPress, state, out action);
                case ButtonState.Held:
                    if (buttonEvent == ButtonEvent.HoldReached)
                    {
                        action = ButtonAction.OpenWindow;
                        return ButtonState.LongHeld;
                    }
                    return On(buttonEvent, ButtonEvent.Release, ButtonState.Counting, ButtonAction.CountPress, state, out action);
                case ButtonState.Counting:
                    if (buttonEvent == ButtonEvent.GapElapsed)
                    {
                        action = ButtonAction.ResolveIdleGesture;
                        return ButtonState.Idle;
                    }
                    return On(buttonEvent, ButtonEvent.Press, ButtonState.Held, ButtonAction.BeginPress, state, out action);
                case ButtonState.LongHeld:
                    if (buttonEvent == ButtonEvent.WindowElapsed)
                    {
                        action = ButtonAction.FirePanic;
                        return ButtonState.Spent;
                    }
                    return On(buttonEvent, ButtonEvent.Release, ButtonState.Pending, ButtonAction.None, state, out action);
                case ButtonState.Pending:
                    if (buttonEvent == ButtonEvent.WindowElapsed)
                    {
                        action = ButtonAction.FirePanic;
                        return ButtonState.Idle;
                    }
                    return On(buttonEvent, ButtonEvent.Press, ButtonState.WindowHeld, ButtonAction.BeginPress, state, out action);
                case ButtonState.WindowHeld:
                    if (buttonEvent == ButtonEvent.HoldReached)
                    {
                        action = ButtonAction.FirePanic;
                        return ButtonState.Spent;
                    }
                    return On(buttonEvent, ButtonEvent.Release, ButtonState.WindowCounting, ButtonAction.CountPress, state, out action);
                case ButtonState.WindowCounting:
                    if (buttonEvent == ButtonEvent.GapElapsed)
                    {
                        action = ButtonAction.ResolveWindowGesture;
                        return ButtonState.Idle;
                    }
                    return On(buttonEvent, ButtonEvent.Press, ButtonState.WindowHeld, ButtonAction.BeginPress, state, out action);
                case ButtonState.Spent:
                    return On(buttonEvent, ButtonEvent.Release, ButtonState.Idle, ButtonAction.None, state, out action);
                default:
                    // A state outside the enum would be a bug; staying put is safer than guessing.
                    return state;
            }
        }

        private static ButtonState On(ButtonEvent actual, ButtonEvent expected, ButtonState next, ButtonAction onMatch, ButtonState state, out ButtonAction action)
        {
            if (actual == expected)
            {
                action = onMatch;
                return next;
            }
            action = ButtonAction.None;
            return state;
        }
    }
}
