using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Sql;

/// <summary>
/// The embedded sample database of Fernhill Labs (the company of samples/kb): offices, teams, employees, service-desk
/// tickets, laptops and expense claims, generated from a fixed seed so every build holds the same rows (and the sample
/// questions the same answers). Data runs from 2025-01-01 to 2026-11-30.
/// </summary>
internal static class SampleDatabase
{
    /// <summary>The configured name of the sample database.</summary>
    public const string Name = "fernhill";

    /// <summary>Bump when the generator changes, so old files are rebuilt.</summary>
    public const int Version = 1;

    private static readonly DateTime First = new(2025, 1, 1);
    private static readonly DateTime Last = new(2026, 11, 30);

    private static readonly (string City, string Country, string Timezone, string Currency, string[] Given, string[] Family)[] Offices =
    [
        ("Berlin", "Germany", "Europe/Berlin", "EUR", ["Anna", "Lukas", "Lea", "Jonas", "Mia", "Felix", "Emma", "Paul", "Sophie", "Max", "Hannah", "Leon", "Marie", "Tim", "Laura", "Jan"], ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Wolf", "Neumann"]),
        ("Austin", "United States", "America/Chicago", "USD", ["James", "Olivia", "Ethan", "Ava", "Noah", "Emily", "Liam", "Madison", "Mason", "Chloe", "Logan", "Grace", "Carlos", "Sofia", "Tyler", "Megan"], ["Johnson", "Garcia", "Miller", "Davis", "Martinez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Lopez", "Harris", "Clark", "Lewis"]),
        ("Shanghai", "China", "Asia/Shanghai", "CNY", ["Wei", "Fang", "Lei", "Jing", "Yang", "Min", "Hao", "Xin", "Jun", "Li", "Tao", "Yan", "Chen", "Ying", "Bo", "Lin"], ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu"]),
    ];

    private static readonly (string Name, string Department, int Office, int Size)[] Teams =
    [
        ("Service Desk", "IT", 0, 18), ("Network", "IT", 1, 12), ("Identity", "IT", 0, 8), ("Workplace", "IT", 2, 10),
        ("Security", "Security", 0, 14), ("Platform", "Engineering", 1, 40), ("Tallyboard", "Engineering", 0, 70),
        ("Relaykit", "Engineering", 2, 65), ("People", "HR", 0, 20), ("Finance", "Finance", 1, 22), ("Sales", "Sales", 1, 90),
        ("Customer Support", "Support", 2, 60), ("Marketing", "Marketing", 1, 35), ("Travel", "Operations", 2, 6),
        ("Legal", "Legal", 0, 10), ("Facilities", "Operations", 2, 20),
    ];

    // System, the team that works its tickets, relative frequency, and ticket titles.
    private static readonly (string System, int Team, int Weight, string[] Titles)[] Systems =
    [
        ("VPN", 1, 14, ["Fernhill Connect VPN drops every few minutes", "Cannot connect to VPN from hotel", "VPN slow in the office"]),
        ("Wi-Fi", 1, 10, ["Wi-Fi not available in meeting room", "Guest Wi-Fi password expired", "Weak Wi-Fi signal on third floor"]),
        ("Network", 1, 6, ["Office internet outage", "Switch port dead at desk", "DNS not resolving intranet"]),
        ("Password", 2, 12, ["Password expired", "Account locked after failed logins", "Cannot reset password"]),
        ("MFA", 2, 9, ["New phone, need MFA re-enrolment", "MFA prompt never arrives", "Lost hardware token"]),
        ("Laptop", 3, 13, ["Laptop will not boot", "Battery drains fast", "Request laptop replacement", "Broken keyboard"]),
        ("Printer", 3, 8, ["Printer offline", "Cannot print to floor printer", "Printer jams constantly"]),
        ("Email", 0, 10, ["Mailbox full", "Shared mailbox access", "Emails not arriving"]),
        ("Software", 0, 11, ["Install request", "Licence for design tool", "Update fails"]),
        ("Phishing", 4, 5, ["Suspicious email reported", "Clicked a phishing link", "Fake invoice email"]),
        ("Tallyboard", 6, 6, ["Tallyboard dashboard will not load", "Tallyboard export broken"]),
        ("Relaykit", 7, 6, ["Relaykit connector fails", "Relaykit webhook delayed"]),
    ];

    private static readonly string[] Titles = ["Engineer", "Senior Engineer", "Specialist", "Analyst", "Manager", "Coordinator", "Consultant"];
    private static readonly string[] Models = ["ThinkPad X1 Carbon", "ThinkPad T14", "MacBook Pro 14", "MacBook Air 13", "Dell Latitude 7440"];
    private static readonly (string Category, double Low, double High)[] Categories =
    [
        ("travel", 80, 900), ("accommodation", 90, 600), ("meals", 8, 120), ("per diem", 20, 60), ("equipment", 15, 400), ("training", 50, 1500), ("taxi", 6, 80),
    ];

    /// <summary>Builds the file at <paramref name="path"/> unless a current one is there; safe when two processes race.</summary>
    public static void EnsureBuilt(string path)
    {
        if (File.Exists(path) && CurrentVersion(path) == Version)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            Build(temporary);
            SqliteConnection.ClearAllPools();
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static int CurrentVersion(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return -1;
        }
    }

    private static void Build(string path)
    {
        var random = new Random(20250101);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        Execute(connection, "BEGIN");
        Execute(connection, """
            CREATE TABLE offices (office_id INTEGER PRIMARY KEY, city TEXT NOT NULL, country TEXT NOT NULL, timezone TEXT NOT NULL, currency TEXT NOT NULL);
            CREATE TABLE teams (team_id INTEGER PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, office_id INTEGER NOT NULL REFERENCES offices(office_id));
            CREATE TABLE employees (employee_id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, office_id INTEGER NOT NULL REFERENCES offices(office_id),
                department TEXT NOT NULL, team_id INTEGER NOT NULL REFERENCES teams(team_id), manager_id INTEGER REFERENCES employees(employee_id),
                title TEXT NOT NULL, employment_type TEXT NOT NULL, hired_on TEXT NOT NULL);
            CREATE TABLE tickets (ticket_id INTEGER PRIMARY KEY, title TEXT NOT NULL, system TEXT NOT NULL, priority TEXT NOT NULL, status TEXT NOT NULL,
                team_id INTEGER NOT NULL REFERENCES teams(team_id), requester_id INTEGER NOT NULL REFERENCES employees(employee_id),
                opened_at TEXT NOT NULL, closed_at TEXT);
            CREATE TABLE laptops (asset_tag TEXT PRIMARY KEY, employee_id INTEGER REFERENCES employees(employee_id), model TEXT NOT NULL, os TEXT NOT NULL,
                status TEXT NOT NULL, purchased_on TEXT NOT NULL, warranty_until TEXT NOT NULL);
            CREATE TABLE expense_claims (claim_id INTEGER PRIMARY KEY, employee_id INTEGER NOT NULL REFERENCES employees(employee_id), category TEXT NOT NULL,
                amount REAL NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL, submitted_on TEXT NOT NULL);
            """);
        for (var i = 0; i < Offices.Length; i++)
        {
            var o = Offices[i];
            Execute(connection, "INSERT INTO offices VALUES ($1, $2, $3, $4, $5)", i + 1, o.City, o.Country, o.Timezone, o.Currency);
        }

        for (var i = 0; i < Teams.Length; i++)
        {
            Execute(connection, "INSERT INTO teams VALUES ($1, $2, $3, $4)", i + 1, Teams[i].Name, Teams[i].Department, Teams[i].Office + 1);
        }

        // Employees: each team's first member leads it and reports to the department head (the first lead of the department).
        var employees = new List<(int Id, int Office, int Team, DateTime Hired)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var heads = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < Teams.Length; t++)
        {
            var team = Teams[t];
            var lead = 0;
            for (var m = 0; m < team.Size; m++)
            {
                var office = random.NextDouble() < 0.7 ? team.Office : random.Next(Offices.Length);
                var o = Offices[office];
                string name;
                do
                {
                    name = o.Given[random.Next(o.Given.Length)] + " " + o.Family[random.Next(o.Family.Length)];
                }
                while (!names.Add(name) && names.Count < 5000 && Retry(ref name, random, names));

                var id = employees.Count + 1;
                var hired = First.AddDays(-random.Next(0, 3650)).AddDays(random.Next(0, 600));
                if (hired > Last)
                {
                    hired = Last.AddDays(-random.Next(1, 200));
                }

                int? manager = m == 0 ? (heads.TryGetValue(team.Department, out var head) ? head : null) : lead;
                if (m == 0)
                {
                    lead = id;
                    heads.TryAdd(team.Department, id);
                }

                var email = name.ToLowerInvariant().Replace(' ', '.').Replace("ü", "ue", StringComparison.Ordinal) + "@fernhill.example";
                Execute(connection, "INSERT INTO employees VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    id, name, email, office + 1, team.Department, t + 1, manager, m == 0 ? "Team Lead" : Titles[random.Next(Titles.Length)],
                    random.NextDouble() < 0.12 ? "contractor" : "employee", Day(hired));
                employees.Add((id, office, t, hired));
            }
        }

        var totalWeight = Systems.Sum(s => s.Weight);
        var span = (Last - First).TotalMinutes;
        for (var id = 1; id <= 4800; id++)
        {
            var pick = random.Next(totalWeight);
            var system = Systems.First(s => (pick -= s.Weight) < 0);
            var opened = First.AddMinutes(Math.Floor(random.NextDouble() * span));
            var roll = random.NextDouble();
            var priority = roll < 0.05 ? "P1" : roll < 0.22 ? "P2" : roll < 0.65 ? "P3" : "P4";
            var hours = priority switch { "P1" => 1 + (random.NextDouble() * 10), "P2" => 4 + (random.NextDouble() * 40), "P3" => 8 + (random.NextDouble() * 120), _ => 24 + (random.NextDouble() * 400) };
            var closed = opened.AddHours(hours);
            string status;
            // Some tickets stay open past their target: P1 and P2 outages waiting on a vendor or a change window, P4
            // requests nobody picked up. So the service desk has a backlog of every priority, as real ones do.
            if (closed > Last || random.NextDouble() < priority switch { "P1" => 0.08, "P2" => 0.03, "P4" => 0.03, _ => 0.01 })
            {
                status = random.NextDouble() < 0.8 ? "open" : "pending";
                closed = default;
            }
            else
            {
                status = closed < Last.AddDays(-14) ? "closed" : "resolved";
            }

            var requester = employees[random.Next(employees.Count)];
            Execute(connection, "INSERT INTO tickets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                id, system.Titles[random.Next(system.Titles.Length)], system.System, priority, status, system.Team + 1, requester.Id,
                Stamp(opened), closed == default ? null : Stamp(closed));
        }

        var tag = 1000;
        foreach (var employee in employees)
        {
            var count = random.NextDouble() < 0.1 ? 2 : 1;
            for (var n = 0; n < count; n++)
            {
                var model = Models[random.Next(Models.Length)];
                var purchased = employee.Hired.AddDays(random.Next(-30, 30) + (n * 700));
                if (purchased > Last)
                {
                    purchased = Last.AddDays(-random.Next(1, 90));
                }

                var status = n == 0 && count == 2 ? "retired" : random.NextDouble() < 0.04 ? "in repair" : "in use";
                Execute(connection, "INSERT INTO laptops VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    $"FL-{++tag}", employee.Id, model, model.StartsWith("Mac", StringComparison.Ordinal) ? "macOS" : random.NextDouble() < 0.15 ? "Linux" : "Windows",
                    status, Day(purchased), Day(purchased.AddYears(3)));
            }
        }

        for (var n = 0; n < 40; n++)
        {
            var model = Models[random.Next(Models.Length)];
            var purchased = Last.AddDays(-random.Next(10, 300));
            Execute(connection, "INSERT INTO laptops VALUES ($1, NULL, $2, $3, 'in stock', $4, $5)",
                $"FL-{++tag}", model, model.StartsWith("Mac", StringComparison.Ordinal) ? "macOS" : "Windows", Day(purchased), Day(purchased.AddYears(3)));
        }

        var rates = new Dictionary<string, double>(StringComparer.Ordinal) { ["EUR"] = 1, ["USD"] = 1.1, ["CNY"] = 7.8 };
        for (var id = 1; id <= 3600; id++)
        {
            var employee = employees[random.Next(employees.Count)];
            var category = Categories[random.Next(Categories.Length)];
            var currency = Offices[employee.Office].Currency;
            var amount = Math.Round((category.Low + (random.NextDouble() * (category.High - category.Low))) * rates[currency], 2);
            var submitted = First.AddDays(random.Next(0, (int)(Last - First).TotalDays + 1));
            var roll = random.NextDouble();
            var status = submitted > Last.AddDays(-20) ? (roll < 0.6 ? "submitted" : "approved") : roll < 0.08 ? "rejected" : roll < 0.2 ? "approved" : "paid";
            Execute(connection, "INSERT INTO expense_claims VALUES ($1, $2, $3, $4, $5, $6, $7)", id, employee.Id, category.Category, amount, currency, status, Day(submitted));
        }

        Execute(connection, "CREATE INDEX tickets_team ON tickets(team_id, status, priority); CREATE INDEX employees_office ON employees(office_id); CREATE INDEX claims_employee ON expense_claims(employee_id);");
        Execute(connection, $"PRAGMA user_version = {Version}");
        Execute(connection, "COMMIT");
    }

    private static bool Retry(ref string name, Random random, HashSet<string> names)
    {
        name += " " + (char)('A' + random.Next(26)) + ".";
        return !names.Add(name);
    }

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
