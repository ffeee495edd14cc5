using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Tests.Sql;

/// <summary>
/// A small folder in the Spider layout written for these tests (database/&lt;db&gt;/&lt;db&gt;.sqlite and questions.json),
/// with the two database names the adversarial file of samples/eval/sql uses.
/// </summary>
public sealed class SpiderFixture : IDisposable
{
    public SpiderFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "assistant-sql-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Create("concert_singer", """
            CREATE TABLE singer (Singer_ID INT PRIMARY KEY, Name TEXT, Country TEXT, Song_Name TEXT, Age INT);
            INSERT INTO singer VALUES (1, 'Ada Stone', 'France', 'Rain', 52), (2, 'Ben Ray', 'France', 'Hey Now', 29), (3, 'Cleo Park', 'Netherlands', 'Sun', 41),
              (4, 'Dan Moor', 'Spain', 'Love Song', 25), (5, 'Eve Lund', 'Netherlands', 'Blue', 33);
            CREATE TABLE concert (concert_ID INT PRIMARY KEY, Name TEXT, Year INT);
            INSERT INTO concert VALUES (1, 'Spring', 2014), (2, 'Summer', 2014), (3, 'Autumn', 2015), (4, 'Winter', 2016);
            """);
        Create("pets_1", """
            CREATE TABLE pets (PetID INTEGER PRIMARY KEY, PetType TEXT, pet_age INTEGER, weight REAL);
            INSERT INTO pets VALUES (1, 'cat', 3, 4.5), (2, 'dog', 2, 13.4), (3, 'dog', 1, 9.3), (4, 'cat', 5, 6.0);
            CREATE TABLE student (StuID INTEGER PRIMARY KEY, LName TEXT, Fname TEXT, Age INTEGER);
            INSERT INTO student VALUES (10, 'Smith', 'Linda', 18), (11, 'Kim', 'Tracy', 22);
            CREATE TABLE has_pet (StuID INTEGER, PetID INTEGER);
            INSERT INTO has_pet VALUES (10, 1), (11, 2), (11, 3);
            """);
        var questions = new[]
        {
            ("concert_singer", "How many singers do we have?", "SELECT count(*) FROM singer"),
            ("concert_singer", "What is the total number of singers?", "SELECT count(*) FROM singer"),
            ("concert_singer", "What is the average age of singers from France?", "SELECT avg(age) FROM singer WHERE country = 'France'"),
            ("concert_singer", "What is the mean age of the French singers?", "SELECT avg(age) FROM singer WHERE country = 'France'"),
            ("concert_singer", "How many concerts were there in 2014?", "SELECT count(*) FROM concert WHERE year = 2014"),
            ("concert_singer", "What is the number of concerts held in 2014?", "SELECT count(*) FROM concert WHERE year = 2014"),
            ("pets_1", "Find the number of pets whose weight is heavier than 10.", "SELECT count(*) FROM pets WHERE weight > 10"),
            ("pets_1", "How many pets have a greater weight than 10?", "SELECT count(*) FROM pets WHERE weight > 10"),
            ("pets_1", "Find the average weight for each pet type.", "SELECT avg(weight), pettype FROM pets GROUP BY pettype"),
            ("pets_1", "What is the average weight for each type of pet?", "SELECT avg(weight), pettype FROM pets GROUP BY pettype"),
        };
        File.WriteAllText(Path.Combine(Folder, "questions.json"), JsonSerializer.Serialize(questions.Select(q => new { db_id = q.Item1, question = q.Item2, query = q.Item3 })));
    }

    public string Folder { get; }

    public string DatabaseFile(string db) => Path.Combine(Folder, "database", db, db + ".sqlite");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private void Create(string db, string script)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile(db))!);
        using var connection = new SqliteConnection($"Data Source={DatabaseFile(db)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = script;
        command.ExecuteNonQuery();
    }
}
