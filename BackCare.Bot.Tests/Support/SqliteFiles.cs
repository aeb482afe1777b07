using System.Text;

namespace BackCare.Bot.Tests.Support;

/// <summary>The SQLite store's files as they lie on disk, for tests that check what erasure leaves behind.</summary>
public static class SqliteFiles
{
    /// <summary>The raw bytes of the database, its WAL and its shared-memory file, as text (ids and answers are ASCII).</summary>
    /// <param name="folder">The store's data folder.</param>
    /// <returns>Every byte of the files, read while the host may still hold them open.</returns>
    public static string RawText(string folder)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "backcare-state.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            text.Append(Encoding.Latin1.GetString(copy.ToArray()));
        }

        return text.ToString();
    }
}
