// A node's messages in its own SQLite file. The row id gives the order in which this node stored
// them, which is what a retrieve cursor (last_hash) walks: cursors are per node (docs/protocol.md §3.3).
using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Session.Testnet
{
    /// <summary>The message database of one storage node. Thread-safe: calls are serialised on one connection.</summary>
    public sealed class MessageStore : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly object _lock = new object();

        /// <summary>Opens (or creates) the database at <paramref name="path"/>.</summary>
        public MessageStore(string path)
        {
            Path = path;
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            _connection.Open();
            // WAL with synchronous=NORMAL: a commit survives a killed process (the test network's crash), without an fsync
            // per message. The schema is one transaction so a new file costs one sync, not three.
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            Execute("BEGIN; CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, hash TEXT NOT NULL UNIQUE, "
                + "pubkey TEXT NOT NULL, namespace INTEGER NOT NULL, timestamp INTEGER NOT NULL, expiry INTEGER NOT NULL, data BLOB NOT NULL); "
                + "CREATE INDEX IF NOT EXISTS messages_by_owner ON messages (pubkey, namespace, id); "
                + "CREATE INDEX IF NOT EXISTS messages_by_expiry ON messages (expiry); COMMIT;");
        }

        public string Path { get; }

        /// <summary>Stores a message unless its hash is already there (then only a later expiry is kept).</summary>
        /// <returns>True when the message was already stored.</returns>
        public bool Store(StoredMessage message, out long expiry)
        {
            lock (_lock)
            {
                using SqliteCommand find = Command("SELECT expiry FROM messages WHERE hash = $hash;");
                find.Parameters.AddWithValue("$hash", message.Hash);
                object existing = find.ExecuteScalar();
                if (existing != null)
                {
                    expiry = Math.Max((long)existing, message.Expiry);
                    using SqliteCommand extend = Command("UPDATE messages SET expiry = $expiry WHERE hash = $hash;");
                    extend.Parameters.AddWithValue("$expiry", expiry);
                    extend.Parameters.AddWithValue("$hash", message.Hash);
                    extend.ExecuteNonQuery();
                    return true;
                }
                using SqliteCommand insert = Command("INSERT INTO messages (hash, pubkey, namespace, timestamp, expiry, data) "
                    + "VALUES ($hash, $pubkey, $namespace, $timestamp, $expiry, $data);");
                insert.Parameters.AddWithValue("$hash", message.Hash);
                insert.Parameters.AddWithValue("$pubkey", message.Pubkey);
                insert.Parameters.AddWithValue("$namespace", message.Namespace);
                insert.Parameters.AddWithValue("$timestamp", message.Timestamp);
                insert.Parameters.AddWithValue("$expiry", message.Expiry);
                insert.Parameters.AddWithValue("$data", message.Data);
                insert.ExecuteNonQuery();
                expiry = message.Expiry;
                return false;
            }
        }

        /// <summary>What the size budget counts per message besides its hash and base64 data (storage server Database::DEFAULT_MSG_OVERHEAD).</summary>
        public const int MessageOverhead = 100;

        /// <summary>
        /// Unexpired messages of (pubkey, namespace) stored after <paramref name="lastHash"/> (from the start when it is
        /// null, empty or unknown here), oldest first, within the count (0: none) and size budgets; at least one if any.
        /// Each message counts MessageOverhead + its hash + 4/3 of its data against <paramref name="maxSize"/>, as the
        /// storage server's Database::retrieve counts it.
        /// </summary>
        public List<StoredMessage> Retrieve(string pubkey, int ns, string lastHash, long now, int maxCount, long maxSize, out bool more)
        {
            lock (_lock)
            {
                long after = 0;
                if (!string.IsNullOrEmpty(lastHash))
                {
                    using SqliteCommand cursor = Command("SELECT id FROM messages WHERE hash = $hash AND pubkey = $pubkey AND namespace = $ns;");
                    cursor.Parameters.AddWithValue("$hash", lastHash);
                    cursor.Parameters.AddWithValue("$pubkey", pubkey);
                    cursor.Parameters.AddWithValue("$ns", ns);
                    after = cursor.ExecuteScalar() is long id ? id : 0;
                }
                using SqliteCommand query = Command("SELECT hash, timestamp, expiry, data FROM messages "
                    + "WHERE pubkey = $pubkey AND namespace = $ns AND id > $after AND expiry > $now ORDER BY id;");
                query.Parameters.AddWithValue("$pubkey", pubkey);
                query.Parameters.AddWithValue("$ns", ns);
                query.Parameters.AddWithValue("$after", after);
                query.Parameters.AddWithValue("$now", now);
                var found = new List<StoredMessage>();
                long size = 0;
                more = false;
                using SqliteDataReader reader = query.ExecuteReader();
                while (reader.Read())
                {
                    byte[] data = (byte[])reader["data"];
                    string hash = reader.GetString(0);
                    long counted = MessageOverhead + hash.Length + (long)data.Length * 4 / 3;
                    if (found.Count > 0 && ((maxCount > 0 && found.Count >= maxCount) || (maxSize > 0 && size + counted > maxSize)))
                    {
                        more = true;
                        break;
                    }
                    size += counted;
                    found.Add(new StoredMessage(hash, pubkey, ns, reader.GetInt64(1), reader.GetInt64(2), data));
                }
                return found;
            }
        }

        /// <summary>Deletes every message whose expiry is at or before <paramref name="now"/>; returns how many.</summary>
        public int PurgeExpired(long now)
        {
            lock (_lock)
            {
                using SqliteCommand purge = Command("DELETE FROM messages WHERE expiry <= $now;");
                purge.Parameters.AddWithValue("$now", now);
                return purge.ExecuteNonQuery();
            }
        }

        /// <summary>How many messages the file holds, expired or not.</summary>
        public long Count()
        {
            lock (_lock)
            {
                using SqliteCommand count = Command("SELECT COUNT(*) FROM messages;");
                return (long)count.ExecuteScalar();
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _connection.Dispose();
            }
        }

        private SqliteCommand Command(string sql)
        {
            SqliteCommand command = _connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        private void Execute(string sql)
        {
            using SqliteCommand command = Command(sql);
            command.ExecuteNonQuery();
        }
    }
}
