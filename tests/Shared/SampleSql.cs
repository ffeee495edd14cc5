using Microsoft.Data.Sqlite;

namespace Assistant.Tests.Shared;

/// <summary>Reads the sample database the SQL route built under an index folder directly, for the truth a test compares with.</summary>
internal static class SampleSql
{
    /// <summary>The one value <paramref name="sql"/> returns on <c>{indexFolder}/sql/fernhill.db</c>, opened read-only.</summary>
    public static long Scalar(string indexFolder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(indexFolder, "sql", "fernhill.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
