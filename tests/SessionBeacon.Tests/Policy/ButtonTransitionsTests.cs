using System;
using SessionBeacon.Policy;
using Xunit;

namespace SessionBeacon.Tests.Policy
{
    /// <summary>Every (state, event) pair of the button machine, with its next state and action.</summary>
    public class ButtonTransitionsTests
    {
        // Rows: state, then for each event in enum order (Press, Release, HoldReached, GapElapsed, WindowElapsed)
        // "NextState/Action"; "-" means the event does not apply (same state, no action).
        private static readonly string[][] s_table =
        {
            new[] { "Idle", "Held/BeginPress", "-", "-", "-", "-" },
            new[] { "Held", "-", "Counting/CountPress", "LongHeld/OpenWindow", "-", "-" },
            new[] { "Counting", "Held/BeginPress", "-", "-", "Idle/ResolveIdleGesture", "-" },
            new[] { "LongHeld", "-", "Pending/None", "-", "-", "Spent/FirePanic" },
            new[] { "Pending", "WindowHeld/BeginPress", "-", "-", "-", "Idle/FirePanic" },
            new[] { "WindowHeld", "-", "WindowCounting/CountPress", "Spent/FirePanic", "-", "-" },
            new[] { "WindowCounting", "WindowHeld/BeginPress", "-", "-", "Idle/ResolveWindowGesture", "-" },
            new[] { "Spent", "-", "Idle/None", "-", "-", "-" },
        };

        public static TheoryData<ButtonState, ButtonEvent, ButtonState, ButtonAction> Rows()
        {
            var rows = new TheoryData<ButtonState, ButtonEvent, ButtonState, ButtonAction>();
            foreach (string[] row in s_table)
            {
                var state = Enum.Parse<ButtonState>(row[0]);
                for (int e = 0; e < 5; e++)
                {
                    string cell = row[e + 1];
                    ButtonState next = state;
                    ButtonAction action = ButtonAction.None;
                    if (cell != "-")
                    {
                        next = Enum.Parse<ButtonState>(cell.Split('/')[0]);
                        action = Enum.Parse<ButtonAction>(cell.Split('/')[1]);
                    }
                    rows.Add(state, (ButtonEvent)e, next, action);
                }
            }
            return rows;
        }

        [Theory]
        [MemberData(nameof(Rows))]
        public void Next_StateAndEvent_GivesTableRow(ButtonState state, ButtonEvent buttonEvent, ButtonState expectedState, ButtonAction expectedAction)
        {
            ButtonAction action;
            Assert.Equal(expectedState, ButtonTransitions.Next(state, buttonEvent, out action));
            Assert.Equal(expectedAction, action);
        }

        [Fact]
        public void Table_CoversEveryStateAndEvent()
        {
            Assert.Equal(Enum.GetValues<ButtonState>().Length, s_table.Length);
            Assert.Equal(5, Enum.GetValues<ButtonEvent>().Length);
            Assert.Equal(Enum.GetValues<ButtonState>().Length * 5, Rows().Count);
        }

        [Fact]
        public void Next_StateOutsideEnum_StaysPut()
        {
            ButtonAction action;
            Assert.Equal((ButtonState)99, ButtonTransitions.Next((ButtonState)99, ButtonEvent.Press, out action));
            Assert.Equal(ButtonAction.None, action);
        }
    }
}
