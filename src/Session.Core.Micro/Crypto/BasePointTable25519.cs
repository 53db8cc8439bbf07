// Precomputed multiples of the Ed25519 base point B (RFC 8032 section 5.1) for constant-time
// fixed-base multiplication: 1B..8B and 1B'..8B' with B' = 2^128 B, each as the affine triple
// (y + x, y - x, 2dxy) in canonical Field25519 limbs. 16 entries x 30 ints = 1,920 bytes.
// Computed from B with GroupElement25519's own formulas; GroupElement25519Tests regenerates the
// table and fails (printing the correct one) if it ever differs. Select reads an entry in constant
// time. Kept small for the device's heap: a 4-bit signed window needs only 1B..8B per point, and the
// second point halves the doublings of a fixed-base multiplication.
namespace Session.Core.Micro.Crypto
{
    /// <summary>The fixed-base table of edwards25519 used by signing and key generation.</summary>
    internal static class BasePointTable25519
    {
        /// <summary>Ints per entry: three field elements.</summary>
        public const int EntryLength = 3 * Field25519.ElementLength;

        /// <summary>Entries per table: the multiples 1..8.</summary>
        public const int MultiplesPerTable = 8;

        /// <summary>Number of tables: for B and for 2^128 B.</summary>
        public const int TableCount = 2;

        private static readonly int[] s_entries =
        {
            25967493, 19198397, 29566455, 3660896, 54414519, 4014786, 27544626, 21800161, 61029707, 2047604, 54563134, 934261, 64385954, 3049989, 66381436, 9406985, 12720692, 5043384, 19500929, 18085054, 58370664, 4489569, 9688441, 18769238, 10184608, 21191052, 29287918, 11864899, 42594502, 29115885,
            54292951, 20578084, 45527620, 11784319, 41753206, 30803714, 55390960, 29739860, 66750418, 23343128, 45405608, 6903824, 27185491, 6451973, 37531140, 24000426, 51492312, 11189267, 40279186, 28235350, 26966623, 11152617, 32442495, 15396054, 14353839, 20802097, 63980037, 24013313, 51636816, 29387734,
            15636272, 23865875, 24204772, 25642034, 616976, 16869170, 27787599, 18782243, 28944399, 32004408, 16568933, 4717097, 55552716, 32452109, 15682895, 21747389, 16354576, 21778470, 7689661, 11199574, 30464137, 27578307, 55329429, 17883566, 23220364, 15915852, 7512774, 10017326, 49359771, 23634074,
            50071967, 13921891, 10945806, 27521001, 27105051, 17470053, 38182653, 15006022, 3284568, 27277892, 23599295, 25248385, 55915199, 25867015, 13236773, 10506355, 7464579, 9656445, 13059162, 10374397, 7798537, 16710257, 3033922, 2874086, 28997861, 2835604, 32406664, 29715387, 66467155, 33453106,
            10861363, 11473154, 27284546, 1981175, 37044515, 12577860, 32867885, 14515107, 51670560, 10819379, 4708026, 6336745, 20377586, 9066809, 55836755, 6594695, 41455196, 12483687, 54440373, 5581305, 19563141, 16186464, 37722007, 4097518, 10237984, 29206317, 28542349, 13850243, 43430843, 17738489,
            51736881, 20691677, 32573249, 4720197, 40672342, 5875510, 47920237, 18329612, 57289923, 21468654, 58559652, 109982, 15149363, 2178705, 22900618, 4543417, 3044240, 17864545, 1762327, 14866737, 48909169, 17603008, 56635573, 1707277, 49922944, 3916100, 38872452, 3959420, 27914454, 4383652,
            5153727, 9909285, 1723747, 30776558, 30523604, 5516873, 19480852, 5230134, 43156425, 18378665, 36839857, 30090922, 7665485, 10083793, 28475525, 1649722, 20654025, 16520125, 30598449, 7715701, 28881826, 14381568, 9657904, 3680757, 46927229, 7843315, 35708204, 1370707, 29794553, 32145132,
            14499471, 30824833, 33917750, 29299779, 28494861, 14271267, 30290735, 10876454, 33954766, 2381725, 59913433, 30899068, 52378708, 462250, 39384538, 3941371, 60872247, 3696004, 34808032, 15351954, 27431194, 8222322, 16448760, 29646437, 48401861, 11938354, 34147463, 30583916, 29551812, 10109425,
            11374242, 12660715, 17861383, 21013599, 10935567, 1099227, 53222788, 24462691, 39381819, 11358503, 54378055, 10311866, 1510375, 10778093, 64989409, 24408729, 32676002, 11149336, 40985213, 4985767, 48012542, 341146, 60911379, 33315398, 15756972, 24757770, 66125820, 13794113, 47694557, 17933176,
            6490062, 11940286, 25495923, 25828072, 8668372, 24803116, 3367602, 6970005, 65417799, 24549641, 1656478, 13457317, 15370807, 6364910, 13605745, 8362338, 47934242, 28078708, 50312267, 28522993, 44835530, 20030007, 67044178, 29220208, 48503227, 22632463, 46537798, 26546453, 67009010, 23317098,
            17747446, 10039260, 19368299, 29503841, 46478228, 17513145, 31992682, 17696456, 37848500, 28042460, 31932008, 28568291, 47496481, 16366579, 22023614, 88450, 11371999, 29810185, 4882241, 22927527, 29796488, 37186, 19818052, 10115756, 55279832, 3352735, 18551198, 3272828, 61917932, 29392022,
            12501267, 4044383, 58495907, 20162046, 34678811, 5136598, 47878486, 30024734, 330069, 29895023, 6384877, 2899513, 17807477, 7663917, 64749976, 12363164, 25366522, 24980540, 66837568, 12071498, 58743349, 29511910, 25133447, 29037077, 60897836, 2265926, 34339246, 1936674, 61949167, 3829362,
            28425966, 27718999, 66531773, 28857233, 52891308, 6870929, 7921550, 26986645, 26333139, 14267664, 56041645, 11871230, 27385719, 22994888, 62522949, 22365119, 10004785, 24844944, 45347639, 8930323, 45911060, 17158396, 25654215, 31829035, 12282011, 11008919, 1541940, 4757911, 40617363, 17145491,
            13537262, 25794942, 46504023, 10961926, 61186044, 20336366, 53952279, 6217253, 51165165, 13814989, 49686272, 15157789, 18705543, 29619, 24409717, 33293956, 27361680, 9257833, 65152338, 31777517, 42063564, 23362465, 15366584, 15166509, 54003778, 8423555, 37937324, 12361134, 48422886, 4578289,
            24579768, 3711570, 1342322, 22374306, 40103728, 14124955, 44564335, 14074918, 21964432, 8235257, 60580251, 31142934, 9442965, 27628844, 12025639, 32067012, 64127349, 31885225, 13006805, 2355433, 50803946, 19949172, 60476436, 28412082, 16974358, 22643349, 27202043, 1719366, 1141648, 20758196,
            54244920, 20334445, 58790597, 22536340, 60298718, 28710537, 13475065, 30420460, 32674894, 13715045, 11423316, 28086373, 32344215, 8962751, 24989809, 9241752, 53843611, 16086211, 38367983, 17912338, 65699196, 12530727, 60740138, 10847386, 19531186, 19422272, 55399715, 7791793, 39862921, 4383346,
        };

        /// <summary>All entries, table 0 (B) first; read only.</summary>
        public static int[] Entries
        {
            get { return s_entries; }
        }

        /// <summary>Index in <see cref="Entries"/> of (index + 1) times the table's point.</summary>
        public static int Offset(int table, int index)
        {
            return (table * MultiplesPerTable + index) * EntryLength;
        }

        /// <summary>Copies (index + 1) times the table's point out as (y + x, y - x, 2dxy).</summary>
        public static void CopyEntry(int[] yPlusX, int[] yMinusX, int[] xy2d, int table, int index)
        {
            int o = Offset(table, index);
            System.Array.Copy(s_entries, o, yPlusX, 0, Field25519.ElementLength);
            System.Array.Copy(s_entries, o + Field25519.ElementLength, yMinusX, 0, Field25519.ElementLength);
            System.Array.Copy(s_entries, o + 2 * Field25519.ElementLength, xy2d, 0, Field25519.ElementLength);
        }

        /// <summary>
        /// (yPlusX, yMinusX, xy2d) = digit times the table's point, digit in [-8, 8], in constant time:
        /// all eight entries are read and masked, so neither the digit nor its sign shows in the time
        /// or the memory accessed. negated is scratch.
        /// </summary>
        public static void Select(int[] ypx, int[] ymx, int[] xy2d, int table, int digit, int[] negated)
        {
            int negative = (digit >> 31) & 1;
            int magnitude = digit - ((-negative & digit) << 1);
            Field25519.One(ypx);
            Field25519.One(ymx);
            Field25519.Zero(xy2d);
            int[] entries = s_entries;
            for (int j = 1; j <= 8; j++)
            {
                // mask is all ones exactly when magnitude == j (both small and non-negative).
                int mask = -(int)((uint)((magnitude ^ j) - 1) >> 31);
                int o = Offset(table, j - 1);
                SelectEntry(ypx, ymx, xy2d, entries, o, mask);
            }
            // -(x, y) = (-x, y): swaps y + x with y - x and negates 2dxy.
            Field25519.ConditionalSwap(ypx, ymx, negative);
            Field25519.Negate(negated, xy2d);
            Field25519.ConditionalMove(xy2d, negated, negative);
        }

        private static void SelectEntry(int[] ypx, int[] ymx, int[] xy2d, int[] table, int o, int mask)
        {
            ypx[0] ^= (ypx[0] ^ table[o + 0]) & mask;
            ypx[1] ^= (ypx[1] ^ table[o + 1]) & mask;
            ypx[2] ^= (ypx[2] ^ table[o + 2]) & mask;
            ypx[3] ^= (ypx[3] ^ table[o + 3]) & mask;
            ypx[4] ^= (ypx[4] ^ table[o + 4]) & mask;
            ypx[5] ^= (ypx[5] ^ table[o + 5]) & mask;
            ypx[6] ^= (ypx[6] ^ table[o + 6]) & mask;
            ypx[7] ^= (ypx[7] ^ table[o + 7]) & mask;
            ypx[8] ^= (ypx[8] ^ table[o + 8]) & mask;
            ypx[9] ^= (ypx[9] ^ table[o + 9]) & mask;
            ymx[0] ^= (ymx[0] ^ table[o + 10]) & mask;
            ymx[1] ^= (ymx[1] ^ table[o + 11]) & mask;
            ymx[2] ^= (ymx[2] ^ table[o + 12]) & mask;
            ymx[3] ^= (ymx[3] ^ table[o + 13]) & mask;
            ymx[4] ^= (ymx[4] ^ table[o + 14]) & mask;
            ymx[5] ^= (ymx[5] ^ table[o + 15]) & mask;
            ymx[6] ^= (ymx[6] ^ table[o + 16]) & mask;
            ymx[7] ^= (ymx[7] ^ table[o + 17]) & mask;
            ymx[8] ^= (ymx[8] ^ table[o + 18]) & mask;
            ymx[9] ^= (ymx[9] ^ table[o + 19]) & mask;
            xy2d[0] ^= (xy2d[0] ^ table[o + 20]) & mask;
            xy2d[1] ^= (xy2d[1] ^ table[o + 21]) & mask;
            xy2d[2] ^= (xy2d[2] ^ table[o + 22]) & mask;
            xy2d[3] ^= (xy2d[3] ^ table[o + 23]) & mask;
            xy2d[4] ^= (xy2d[4] ^ table[o + 24]) & mask;
            xy2d[5] ^= (xy2d[5] ^ table[o + 25]) & mask;
            xy2d[6] ^= (xy2d[6] ^ table[o + 26]) & mask;
            xy2d[7] ^= (xy2d[7] ^ table[o + 27]) & mask;
            xy2d[8] ^= (xy2d[8] ^ table[o + 28]) & mask;
            xy2d[9] ^= (xy2d[9] ^ table[o + 29]) & mask;
        }
    }
}
