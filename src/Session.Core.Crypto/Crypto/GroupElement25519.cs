// Points of the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19) (edwards25519,
// RFC 8032 section 5.1), in extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, xy = T/Z
// (Hisil, Wong, Carter, Dawson, "Twisted Edwards curves revisited", 2008; formulas for a = -1:
// dbl-2008-hwcd and add-2008-hwcd-3 with k = 2d). The formulas are complete: no special cases.
// Encoding and decoding follow RFC 8032 sections 5.1.2 and 5.1.3; decoding is for public data only.
// Fixed-base multiplication (signing, key generation) is constant time and uses the 1,920-byte
// table of BasePointTable25519; the double-scalar multiplication of verification is variable time.
// Scratch comes from a Workspace allocated once per operation (8 field elements, 32 + 64 bytes).
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>A point of edwards25519 in extended coordinates, and the group operations.</summary>
    internal sealed class GroupElement25519
    {
        /// <summary>Bytes of an encoded point.</summary>
        public const int EncodedSize = 32;

        /// <summary>Projective X; x = X/Z. (In the cached form of verification: Y + X.)</summary>
        public readonly int[] X = new int[Field25519.ElementLength];

        /// <summary>Projective Y; y = Y/Z. (Cached form: Y - X.)</summary>
        public readonly int[] Y = new int[Field25519.ElementLength];

        /// <summary>Projective Z.</summary>
        public readonly int[] Z = new int[Field25519.ElementLength];

        /// <summary>T = XY/Z. (Cached form: 2dT.)</summary>
        public readonly int[] T = new int[Field25519.ElementLength];

        // d = -121665/121666, 2d and sqrt(-1) = 2^((p-1)/4), as limbs.
        private static readonly int[] s_d = { 56195235, 13857412, 51736253, 6949390, 114729, 24766616, 60832955, 30306712, 48412415, 21499315 };
        private static readonly int[] s_d2 = { 45281625, 27714825, 36363642, 13898781, 229458, 15978800, 54557047, 27058993, 29715967, 9444199 };
        private static readonly int[] s_sqrtMinusOne = { 34513072, 25610706, 9377949, 3500415, 12389472, 33281959, 41962654, 31548777, 326685, 11406482 };

        // y of the order-8 points is this value or its negative (canonical, little-endian); the other
        // points of order dividing 8 have y = 0, 1 or -1.
        private static readonly byte[] s_orderEightY =
        {
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
            0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
        };

        /// <summary>Scratch for the group operations; allocate one per top-level operation.</summary>
        internal sealed class Workspace
        {
            public readonly int[] T0 = new int[Field25519.ElementLength];
            public readonly int[] T1 = new int[Field25519.ElementLength];
            public readonly int[] T2 = new int[Field25519.ElementLength];
            public readonly int[] T3 = new int[Field25519.ElementLength];
            public readonly int[] T4 = new int[Field25519.ElementLength];
            public readonly int[] T5 = new int[Field25519.ElementLength];
            public readonly int[] T6 = new int[Field25519.ElementLength];
            public readonly int[] T7 = new int[Field25519.ElementLength];
            public readonly byte[] Bytes = new byte[EncodedSize];
            public readonly sbyte[] Digits = new sbyte[64];

            /// <summary>Overwrites everything, since the temporaries of signing depend on the secret scalar.</summary>
            public void Wipe()
            {
                System.Array.Clear(T0, 0, T0.Length);
                System.Array.Clear(T1, 0, T1.Length);
                System.Array.Clear(T2, 0, T2.Length);
                System.Array.Clear(T3, 0, T3.Length);
                System.Array.Clear(T4, 0, T4.Length);
                System.Array.Clear(T5, 0, T5.Length);
                System.Array.Clear(T6, 0, T6.Length);
                System.Array.Clear(T7, 0, T7.Length);
                System.Array.Clear(Bytes, 0, Bytes.Length);
                System.Array.Clear(Digits, 0, Digits.Length);
            }
        }

        /// <summary>Sets p to the neutral element (0, 1).</summary>
        public static void SetIdentity(GroupElement25519 p)
        {
            Field25519.Zero(p.X);
            Field25519.One(p.Y);
            Field25519.One(p.Z);
            Field25519.Zero(p.T);
        }

        /// <summary>Wipes the coordinates.</summary>
        public void Clear()
        {
            System.Array.Clear(X, 0, X.Length);
            System.Array.Clear(Y, 0, Y.Length);
            System.Array.Clear(Z, 0, Z.Length);
            System.Array.Clear(T, 0, T.Length);
        }

        /// <summary>r = 2p (dbl-2008-hwcd, negated projectively to save two negations). r may be p.</summary>
        public static void Double(GroupElement25519 r, GroupElement25519 p, Workspace w)
        {
            Double(r, p, 1, w);
        }

        /// <summary>
        /// r = 2^count p. Doubling never reads T, so only the last of the run computes it: one
        /// multiplication saved per doubling that another doubling follows. r may be p.
        /// </summary>
        public static void Double(GroupElement25519 r, GroupElement25519 p, int count, Workspace w)
        {
            Debug.Assert(count >= 1);
            int[] t0 = w.T0, t1 = w.T1, t2 = w.T2, t3 = w.T3;
            GroupElement25519 source = p;
            for (int k = 0; k < count; k++)
            {
                Field25519.Square(t0, source.X);   // A = X^2
                Field25519.Square(t1, source.Y);   // B = Y^2
                Field25519.Square(t2, source.Z);
                Field25519.Add(t2, t2, t2);        // C = 2 Z^2
                Field25519.Add(t3, source.X, source.Y);
                Field25519.Square(t3, t3);         // (X + Y)^2
                // The formulas' E, F, G, H with a = -1, all multiplied by -1 (the same projective point):
                Field25519.Add(r.T, t1, t0);       // -H = A + B
                Field25519.Sub(t1, t1, t0);        // G = B - A
                Field25519.Sub(t3, t3, r.T);       // E = (X + Y)^2 - A - B
                Field25519.Sub(t2, t2, t1);        // -F = C - G
                Field25519.Mul(r.X, t3, t2);
                Field25519.Mul(r.Y, t1, r.T);
                Field25519.Mul(r.Z, t2, t1);
                if (k == count - 1)
                {
                    Field25519.Mul(r.T, t3, r.T);
                }
                source = r;
            }
        }

        /// <summary>
        /// r = p + q for q given as (y + x, y - x, 2dxy) with z = 1 (an affine "Niels" point), or as
        /// (Y + X, Y - X, Z, 2dT) when qZ is not null. r may be p. Constant time in the point values.
        /// </summary>
        public static void Add(GroupElement25519 r, GroupElement25519 p, int[] qYPlusX, int[] qYMinusX, int[] qZ, int[] qT2d, Workspace w)
        {
            int[] t0 = w.T0, t1 = w.T1, t2 = w.T2, t3 = w.T3;
            Field25519.Sub(t0, p.Y, p.X);
            Field25519.Mul(t0, t0, qYMinusX);  // A
            Field25519.Add(t1, p.Y, p.X);
            Field25519.Mul(t1, t1, qYPlusX);   // B
            Field25519.Mul(t2, p.T, qT2d);     // C
            if (qZ == null)
            {
                Field25519.Add(t3, p.Z, p.Z);  // D
            }
            else
            {
                Field25519.Mul(t3, p.Z, qZ);
                Field25519.Add(t3, t3, t3);
            }
            Field25519.Add(r.T, t1, t0);       // H = B + A
            Field25519.Sub(t1, t1, t0);        // E = B - A
            Field25519.Add(t0, t3, t2);        // G = D + C
            Field25519.Sub(t3, t3, t2);        // F = D - C
            Field25519.Mul(r.X, t1, t3);
            Field25519.Mul(r.Y, t0, r.T);
            Field25519.Mul(r.Z, t3, t0);
            Field25519.Mul(r.T, t1, r.T);
        }

        /// <summary>Writes the RFC 8032 encoding of p (y with the sign of x in bit 255).</summary>
        public static void Encode(byte[] s, int offset, GroupElement25519 p, Workspace w)
        {
            Field25519.Invert(w.T3, p.Z, w.T0, w.T1, w.T2);
            Field25519.Mul(w.T4, p.X, w.T3);
            Field25519.Mul(w.T5, p.Y, w.T3);
            int sign = Field25519.IsNegative(w.T4, w.Bytes);
            Field25519.ToBytes(s, offset, w.T5);
            s[offset + 31] |= (byte)(sign << 7);
        }

        /// <summary>
        /// Writes the u-coordinate of the Montgomery point that corresponds to p: u = (1 + y) / (1 - y)
        /// = (Z + Y) / (Z - Y) (RFC 7748 section 4.1). The identity gives u = 0. Constant time.
        /// </summary>
        public static void EncodeMontgomeryU(byte[] u, int offset, GroupElement25519 p, Workspace w)
        {
            Field25519.Sub(w.T4, p.Z, p.Y);
            Field25519.Invert(w.T4, w.T4, w.T0, w.T1, w.T2);
            Field25519.Add(w.T5, p.Z, p.Y);
            Field25519.Mul(w.T5, w.T5, w.T4);
            Field25519.ToBytes(u, offset, w.T5);
        }

        /// <summary>
        /// Decodes s[offset..+32] (RFC 8032 section 5.1.3) into p; false when it is not a point.
        /// y at or above p is read modulo p, as libsodium does; check <see cref="IsCanonical"/> first
        /// where that matters. Variable time: public data only.
        /// </summary>
        public static bool Decode(GroupElement25519 p, byte[] s, int offset, Workspace w)
        {
            int sign = s[offset + 31] >> 7;
            int[] u = w.T6, v = w.T7, v3 = w.T5;
            Field25519.FromBytes(p.Y, s, offset);
            Field25519.One(p.Z);
            Field25519.Square(u, p.Y);
            Field25519.Mul(v, u, s_d);
            Field25519.Sub(u, u, p.Z);         // u = y^2 - 1
            Field25519.Add(v, v, p.Z);         // v = d y^2 + 1
            Field25519.Square(v3, v);
            Field25519.Mul(v3, v3, v);         // v^3
            Field25519.Square(p.X, v3);
            Field25519.Mul(p.X, p.X, v);
            Field25519.Mul(p.X, p.X, u);       // u v^7
            Field25519.Pow22523(w.T4, p.X, w.T0, w.T1, w.T2);
            Field25519.Mul(p.X, w.T4, v3);
            Field25519.Mul(p.X, p.X, u);       // candidate x = u v^3 (u v^7)^((p-5)/8)
            Field25519.Square(w.T3, p.X);
            Field25519.Mul(w.T3, w.T3, v);     // v x^2
            Field25519.Sub(w.T4, w.T3, u);
            if (Field25519.IsZero(w.T4, w.Bytes) == 0)
            {
                Field25519.Add(w.T4, w.T3, u);
                if (Field25519.IsZero(w.T4, w.Bytes) == 0)
                {
                    return false;              // u/v is not a square: no such point
                }
                Field25519.Mul(p.X, p.X, s_sqrtMinusOne);
            }
            if (Field25519.IsZero(p.X, w.Bytes) == 1 && sign == 1)
            {
                return false;                  // x = 0 has no negative form
            }
            if (Field25519.IsNegative(p.X, w.Bytes) != sign)
            {
                Field25519.Negate(p.X, p.X);
            }
            Field25519.Mul(p.T, p.X, p.Y);
            return true;
        }

        /// <summary>True when the y of s[offset..+32] (top bit ignored) is below p. Variable time.</summary>
        public static bool IsCanonical(byte[] s, int offset)
        {
            // y >= p only when bytes 1..30 are 0xff, byte 31 is 0x7f (ignoring the sign) and byte 0 >= 0xed.
            if ((s[offset + 31] & 0x7f) != 0x7f || s[offset] < 0xed)
            {
                return true;
            }
            for (int i = 1; i < 31; i++)
            {
                if (s[offset + i] != 0xff)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// True when s[offset..+32] encodes, in either sign and canonically or not, a point of order 1,
        /// 2, 4 or 8 (libsodium's blocklist): y = 0, 1, -1 or the y of an order-8 point, modulo p.
        /// Variable time: public data only.
        /// </summary>
        public static bool HasSmallOrder(byte[] s, int offset, Workspace w)
        {
            byte[] bytes = w.Bytes;
            Field25519.FromBytes(w.T0, s, offset);
            Field25519.ToBytes(bytes, 0, w.T0);
            if (IsSmallOrderY(bytes))
            {
                return true;
            }
            // -y catches p - 1 (as -y = 1) and the other order-8 value.
            Field25519.Negate(w.T0, w.T0);
            Field25519.ToBytes(bytes, 0, w.T0);
            return IsSmallOrderY(bytes);
        }

        /// <summary>True when p is the neutral element. Variable time.</summary>
        public static bool IsIdentity(GroupElement25519 p, Workspace w)
        {
            Field25519.Sub(w.T0, p.Y, p.Z);
            return Field25519.IsZero(p.X, w.Bytes) == 1 && Field25519.IsZero(w.T0, w.Bytes) == 1;
        }

        /// <summary>
        /// r = a B for the base point B and a 32-byte scalar a below 2^255, in constant time.
        /// a = sum of e_i 16^i with signed digits e_i in [-8, 8]; with B' = 2^128 B this is
        /// sum over i &lt; 32 of 16^i (e_i B + e_(i+32) B'), evaluated by Horner's rule: 124 doublings and
        /// 64 additions of table entries chosen by masked scans of all eight candidates.
        /// </summary>
        public static void ScalarMultBase(GroupElement25519 r, byte[] a, int offset, Workspace w)
        {
            Debug.Assert(a[offset + 31] <= 127);
            sbyte[] e = w.Digits;
            for (int i = 0; i < 32; i++)
            {
                e[2 * i] = (sbyte)(a[offset + i] & 15);
                e[2 * i + 1] = (sbyte)(a[offset + i] >> 4);
            }
            // Recentre each digit into [-8, 7] and carry; the top digit ends at most 8.
            int carry = 0;
            for (int i = 0; i < 63; i++)
            {
                int digit = e[i] + carry;
                carry = (digit + 8) >> 4;
                e[i] = (sbyte)(digit - (carry << 4));
            }
            e[63] = (sbyte)(e[63] + carry);

            SetIdentity(r);
            for (int i = 31; i >= 0; i--)
            {
                if (i != 31)
                {
                    Double(r, r, 4, w);
                }
                BasePointTable25519.Select(w.T4, w.T5, w.T6, 0, e[i], w.T7);
                Add(r, r, w.T4, w.T5, null, w.T6, w);
                BasePointTable25519.Select(w.T4, w.T5, w.T6, 1, e[i + 32], w.T7);
                Add(r, r, w.T4, w.T5, null, w.T6, w);
            }
        }

        /// <summary>
        /// r = a A + b B (A a decoded point, B the base point) for public 32-byte scalars below
        /// 2^253, by signed width-4 windows (odd digits up to 7) over both scalars at once. Variable time.
        /// </summary>
        public static void DoubleScalarMultVartime(GroupElement25519 r, byte[] a, GroupElement25519 pointA, byte[] b, Workspace w)
        {
            sbyte[] aDigits = new sbyte[257];
            sbyte[] bDigits = new sbyte[257];
            SignedWindows(aDigits, a);
            SignedWindows(bDigits, b);

            // A, 3A, 5A, 7A as (Y + X, Y - X, Z, 2dT), kept in the X, Y, Z, T fields.
            GroupElement25519[] multiples = new GroupElement25519[4];
            GroupElement25519 twiceA = new GroupElement25519();
            Double(twiceA, pointA, w);
            for (int i = 0; i < 4; i++)
            {
                GroupElement25519 m = new GroupElement25519();
                if (i == 0)
                {
                    Field25519.Copy(m.X, pointA.X);
                    Field25519.Copy(m.Y, pointA.Y);
                    Field25519.Copy(m.Z, pointA.Z);
                    Field25519.Copy(m.T, pointA.T);
                }
                else
                {
                    AddCached(m, twiceA, multiples[i - 1], false, w);
                }
                ToCached(m, w);
                multiples[i] = m;
            }

            // From the top digit down: double, then add the digits' multiples. Runs of doublings are
            // batched so that only the last computes T.
            SetIdentity(r);
            int pending = 0;
            bool started = false;
            for (int i = 256; i >= 0; i--)
            {
                int da = aDigits[i], db = bDigits[i];
                if (started)
                {
                    pending++;
                }
                if (da == 0 && db == 0)
                {
                    continue;
                }
                if (pending > 0)
                {
                    Double(r, r, pending, w);
                    pending = 0;
                }
                started = true;
                if (da != 0)
                {
                    AddCached(r, r, multiples[(da < 0 ? -da : da) >> 1], da < 0, w);
                }
                if (db != 0)
                {
                    BasePointTable25519.CopyEntry(w.T4, w.T5, w.T6, 0, (db < 0 ? -db : db) - 1);
                    if (db < 0)
                    {
                        Field25519.Negate(w.T6, w.T6);
                        Add(r, r, w.T5, w.T4, null, w.T6, w);
                    }
                    else
                    {
                        Add(r, r, w.T4, w.T5, null, w.T6, w);
                    }
                }
            }
            if (pending > 0)
            {
                Double(r, r, pending, w);
            }
        }

        /// <summary>True when L p is the neutral element (p has no small-order component). Variable time.</summary>
        public static bool IsInPrimeOrderSubgroup(GroupElement25519 p, Workspace w)
        {
            byte[] order =
            {
                0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
            };
            GroupElement25519 r = new GroupElement25519();
            DoubleScalarMultVartime(r, order, p, new byte[Scalar25519.Size], w);
            return IsIdentity(r, w);
        }

        // Canonical y equal to 0, 1 or the order-8 value.
        private static bool IsSmallOrderY(byte[] y)
        {
            bool orderEight = true, one = y[0] == 1, zero = y[0] == 0;
            for (int i = 0; i < EncodedSize; i++)
            {
                orderEight &= y[i] == s_orderEightY[i];
                if (i > 0)
                {
                    one &= y[i] == 0;
                    zero &= y[i] == 0;
                }
            }
            return orderEight || one || zero;
        }

        // p (extended) becomes (Y + X, Y - X, Z, 2dT) in its own fields.
        private static void ToCached(GroupElement25519 p, Workspace w)
        {
            Field25519.Add(w.T4, p.Y, p.X);
            Field25519.Sub(p.Y, p.Y, p.X);
            Field25519.Copy(p.X, w.T4);
            Field25519.Mul(p.T, p.T, s_d2);
        }

        // r = p + q or p - q for q in cached form (X = Y+X, Y = Y-X, Z, T = 2dT). Variable time in subtract.
        private static void AddCached(GroupElement25519 r, GroupElement25519 p, GroupElement25519 q, bool subtract, Workspace w)
        {
            if (subtract)
            {
                Field25519.Negate(w.T6, q.T);
                Add(r, p, q.Y, q.X, q.Z, w.T6, w);
            }
            else
            {
                Add(r, p, q.X, q.Y, q.Z, q.T, w);
            }
        }

        // Signed windows of width 4: digits odd in [-7, 7] or zero, with at least three zeros after
        // each non-zero digit. scalar < 2^253, so digits end by position 256.
        private static void SignedWindows(sbyte[] digits, byte[] scalar)
        {
            int carry = 0;
            int position = 0;
            while (position < 257)
            {
                int window = carry + (BitsAt(scalar, position) & 15);
                if ((window & 1) == 0)
                {
                    position++;
                    continue;
                }
                if (window < 8)
                {
                    carry = 0;
                    digits[position] = (sbyte)window;
                }
                else
                {
                    carry = 1;
                    digits[position] = (sbyte)(window - 16);
                }
                position += 4;
            }
        }

        // Bits position..position+7 of a 256-bit little-endian scalar (zeros beyond).
        private static int BitsAt(byte[] scalar, int position)
        {
            int index = position >> 3;
            int low = index < 32 ? scalar[index] : 0;
            int high = index + 1 < 32 ? scalar[index + 1] : 0;
            return ((low | high << 8) >> (position & 7)) & 0xff;
        }
    }
}
