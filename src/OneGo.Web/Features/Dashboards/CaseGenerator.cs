using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Catalog;
using OneGo.Web.Data;

namespace OneGo.Web.Features.Dashboards;

/// <summary>
/// <c>./run.sh generate-cases --count 1000000 [--days 365] [--seed 1]</c>: fills the configured database with synthetic
/// cases spread over the last <c>days</c> days, for dashboard benchmarks and demonstrations (docs/benchmarks.md). The cases
/// follow the catalog: bundles by a Zipf-like popularity, their matters (conditional ones in 40 % of cases) with their
/// departments and promised limits, submissions on working days during office hours, 55 % online / 35 % window / 10 %
/// assistant, 12 % with a correction notice, 2 % refused, 15 % accepted with tolerance, task durations around their
/// limits (about one in ten late), 6 % of tasks paused, 2 % denied; work that would end after now is still open.
/// Each case gets its timeline's main events (submitted, accepted, closed) and a few material rows. Numbers start with
/// <c>G</c> so generated cases are recognisable. PostgreSQL is written with binary COPY; SQLite with batched inserts.
/// </summary>
public static class CaseGenerator
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var count = Option(args, "--count", 100_000);
        var days = Option(args, "--days", 365);
        var seed = Option(args, "--seed", 1);
        if (count < 1 || days < 1)
        {
            output.WriteLine("用法：generate-cases --count N [--days D] [--seed S]（N、D 为正整数）");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
        var (version, catalog) = await scope.ServiceProvider.GetRequiredService<Catalog.PublishedCatalogs>().CurrentAsync(db, CancellationToken.None);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var watch = Stopwatch.StartNew();
        var generator = new Generator(catalog, version, now, days, seed);
        await using var sink = db.IsPostgres ? (Sink)new PostgresSink(db) : new SqliteSink(db);
        await sink.OpenAsync();
        var caseId = await NextIdAsync(db, "Cases");
        var taskId = await NextIdAsync(db, "Tasks");
        // Cases arrive in time order, as in a real hall: rows of the same days lie together on disk.
        var submissionDays = generator.SubmissionDays(count);
        for (var i = 0; i < count; i++)
        {
            generator.Write(sink, submissionDays[i], caseId++, ref taskId, i);
            if ((i + 1) % 100_000 == 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1:N0} 件 … {watch.Elapsed.TotalSeconds:0.0} s"));
            }
        }
        await sink.CompleteAsync();
        await WorkDaysTable.EnsureAsync(db, catalog.Calendar, CancellationToken.None);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"已生成 {count:N0} 件办件、{generator.Tasks:N0} 个子件、{generator.Events:N0} 条办件进程、{generator.Materials:N0} 份材料，用时 {watch.Elapsed.TotalSeconds:0.0} s（{count / watch.Elapsed.TotalSeconds:N0} 件/秒）"));

        // The rows were copied in bulk, past the change marks: the dashboards' daily rollup is rebuilt from them.
        await using (var transaction = await db.BeginWriteAsync())
        {
            await DashboardRollup.ResetAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
        }
        var rollup = await DashboardRollup.RefreshAsync(db, catalog.Calendar, Case.Today(now), buildMissing: true, CancellationToken.None);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"看板日汇总：{rollup.DaysBuilt:N0} 天，用时 {rollup.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private static async Task<long> NextIdAsync(OneGoDb db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync();
        }
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table name is one of this class's constants.
        command.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"";
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>One synthetic case at a time, from a seeded random source (the same seed gives the same cases).</summary>
    private sealed class Generator
    {
        private static readonly TimeSpan China = TimeSpan.FromHours(8);
        private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "钟", "曾", "谢", "邱"];
        private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "建国", "小红", "文", "辉"];

        private readonly ServiceCatalog _catalog;
        private readonly int _version;
        private readonly DateTimeOffset _now;
        private readonly DateOnly _today;
        private readonly DateOnly _first;
        private readonly Random _random;
        private readonly WorkCalendar _calendar;
        private readonly Bundle[] _bundles;
        private readonly double[] _cumulative;
        private readonly Dictionary<DateOnly, int> _numbers = [];

        public long Tasks { get; private set; }
        public long Events { get; private set; }
        public long Materials { get; private set; }

        public Generator(ServiceCatalog catalog, int version, DateTimeOffset now, int days, int seed)
        {
            _catalog = catalog;
            _version = version;
            _now = now;
            _today = Case.Today(now);
            _first = _today.AddDays(-days + 1);
            _random = new Random(seed);
            _calendar = catalog.Calendar;
            // Popularity: a few bundles (出生, 入学, 开办企业 …) carry most cases, as in a real hall.
            _bundles = [.. catalog.Bundles.OrderBy(_ => _random.Next())];
            var weights = _bundles.Select((_, i) => 1.0 / (i + 1)).ToArray();
            var sum = weights.Sum();
            _cumulative = new double[weights.Length];
            var acc = 0.0;
            for (var i = 0; i < weights.Length; i++)
            {
                acc += weights[i] / sum;
                _cumulative[i] = acc;
            }
        }

        private Bundle PickBundle()
        {
            var x = _random.NextDouble();
            var i = Array.BinarySearch(_cumulative, x);
            return _bundles[Math.Min(i < 0 ? ~i : i, _bundles.Length - 1)];
        }

        private DateOnly PickDay()
        {
            for (var attempt = 0; ; attempt++)
            {
                var day = _first.AddDays(_random.Next(_today.DayNumber - _first.DayNumber + 1));
                // One in twenty-five filings lands on a day off (online applications never sleep).
                if (_calendar.IsWorkingDay(day) || attempt >= 4 || _random.NextDouble() < 0.04)
                {
                    return day;
                }
            }
        }

        private DateTimeOffset At(DateOnly day, double fromHour, double toHour) =>
            new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), China).AddHours(fromHour + _random.NextDouble() * (toHour - fromHour));

        private DateOnly WorkingDaysAfter(DateOnly day, int n) => n <= 0 ? day : _calendar.AddWorkingDays(day, n).Date;

        public DateOnly[] SubmissionDays(int count)
        {
            var days = new DateOnly[count];
            for (var i = 0; i < count; i++)
            {
                days[i] = PickDay();
            }
            Array.Sort(days);
            return days;
        }

        public void Write(Sink sink, DateOnly submitDay, long id, ref long taskId, int index)
        {
            var bundle = PickBundle();
            var submitted = At(submitDay, 8.5, 17.5);
            var roll = _random.NextDouble();
            var channel = roll < 0.55 ? FilingChannel.Online : roll < 0.90 ? FilingChannel.Window : FilingChannel.Assistant;
            var corrected = _random.NextDouble() < 0.12;
            var refused = !corrected && _random.NextDouble() < 0.02;
            var acceptDay = corrected ? WorkingDaysAfter(submitDay, _random.Next(1, 4)) : _random.NextDouble() < 0.7 ? submitDay : WorkingDaysAfter(submitDay, 1);
            var accepted = acceptDay == submitDay ? submitted.AddMinutes(5 + _random.Next(55)) : At(acceptDay, 9, 17);
            var number = NextNumber(submitDay);
            var surname = Surnames[_random.Next(Surnames.Length)];
            var name = surname + Given[_random.Next(Given.Length)];
            var applicantCode = "G36073219" + _random.NextInt64(10_000_000_00L, 99_999_999_99L).ToString(CultureInfo.InvariantCulture);

            var c = sink.NewCase();
            c.Set("Id", id).Set("Number", number).Set("CatalogVersion", _version).Set("BundleCode", bundle.Code).Set("BundleName", bundle.Name)
                .Set("ApplicantKind", (int)(bundle.Category == BundleCategory.Enterprise ? ApplicantKind.Enterprise : ApplicantKind.Person))
                .Set("ApplicantCode", applicantCode).Set("ApplicantName", name).Set("Channel", (int)channel).Set("FiledBy", "generator")
                .Set("Authorisation", channel == FilingChannel.Assistant ? "授权委托书（生成数据）" : null)
                .Set("AnswersJson", "{}").Set("FormJson", "{}").Set("PlanJson", "{}")
                .Set("PromisedValue", bundle.PromisedLimit.Value).Set("PromisedUnit", (int)bundle.PromisedLimit.Unit)
                .Set("CreatedAt", submitted).Set("SubmittedAt", submitted).Set("CorrectionRounds", corrected ? 1 : 0).Set("Version", 3);
            Event(sink, id, CaseEventKind.Submitted, submitted, channel == FilingChannel.Online ? "申请人网上提交申请" : "综合窗口代申请人提交申请");

            if (accepted > _now)
            {
                // Not yet accepted: waiting at the window, or for the applicant's corrections.
                c.Set("State", (int)(corrected ? CaseState.CorrectionRequested : CaseState.Submitted));
                sink.EndCase(c);
                return;
            }
            if (refused)
            {
                c.Set("State", (int)CaseState.Refused).Set("ClosedAt", accepted).Set("RefusalReason", "不符合受理条件（生成数据）");
                Event(sink, id, CaseEventKind.Refused, accepted, "不予受理");
                sink.EndCase(c);
                return;
            }

            var tolerance = _random.NextDouble() < 0.15;
            var caseDeadline = _calendar.Add(acceptDay, bundle.PromisedLimit).Date;
            c.Set("Acceptance", (int)(tolerance ? AcceptanceKind.WithTolerance : AcceptanceKind.Full)).Set("AcceptedAt", accepted).Set("AcceptedOn", acceptDay)
                .Set("AcceptedBy", "generator").Set("Commitment", tolerance ? "承诺补交容缺材料（生成数据）" : null);
            Event(sink, id, tolerance ? CaseEventKind.AcceptedWithTolerance : CaseEventKind.Accepted, accepted, $"受理，承诺 {caseDeadline:yyyy-MM-dd} 前办结");

            var matters = bundle.Matters.Where(m => ReferenceEquals(m.When, Domain.Conditions.Condition.True) || _random.NextDouble() < 0.4).ToList();
            if (matters.Count == 0)
            {
                matters.Add(bundle.Matters[0]);
            }
            var open = false;
            var approved = 0;
            var casePaused = 0;
            DateOnly? pausedSince = null;
            var closedAt = accepted;
            long? firstTask = null;
            foreach (var entry in matters)
            {
                var matter = _catalog.MattersByCode[entry.Matter];
                var limit = entry.Promised ?? matter.PromisedLimit;
                var limitDays = Math.Max(1, limit.Unit == LimitUnit.WorkingDays ? limit.Value : limit.Value * 5 / 7);
                var late = _random.NextDouble() < 0.08;
                var duration = late ? limitDays + 1 + _random.Next(Math.Max(1, limitDays / 2) + 1) : (int)Math.Round(limitDays * _random.NextDouble() * 0.95);
                var paused = _random.NextDouble() < 0.06 ? _random.Next(1, 6) : 0;
                var deadline = Clock.Deadline(_calendar, acceptDay, limit, paused);
                var decideDay = WorkingDaysAfter(acceptDay, duration + paused);
                var decided = decideDay == acceptDay ? accepted.AddMinutes(10 + _random.Next(300)) : At(decideDay, 9, 17.5);
                var t = sink.NewTask();
                t.Set("Id", taskId).Set("CaseId", id).Set("MatterCode", matter.Code).Set("MatterName", matter.Name).Set("DepartmentCode", matter.Department)
                    .Set("DepartmentName", _catalog.DepartmentsByCode.TryGetValue(matter.Department, out var dep) ? dep.Name : matter.Department)
                    .Set("LimitValue", limit.Value).Set("LimitUnit", (int)limit.Unit).Set("ResultName", matter.Result.Name)
                    .Set("ClockStartedOn", acceptDay);
                if (decided > _now)
                {
                    open = true;
                    // Still in the department: paused ones (since a working day before today) keep their deadline until they resume.
                    var stillPaused = paused > 0 && _random.NextDouble() < 0.5;
                    var state = stillPaused ? TaskState.Paused : _random.NextDouble() < 0.3 ? TaskState.Received : TaskState.Reviewing;
                    t.Set("State", (int)state).Set("DeadlineOn", stillPaused ? Clock.Deadline(_calendar, acceptDay, limit, 0) : deadline);
                    if (stillPaused)
                    {
                        var since = _today.AddDays(-_random.Next(0, 5));
                        since = since < acceptDay ? acceptDay : since;
                        t.Set("Pause", (int)PauseKind.Supplement).Set("PausedSince", since).Set("SupplementItems", new[] { "补充材料（生成数据）" });
                        pausedSince = pausedSince is { } p && p < since ? p : since;
                    }
                    else
                    {
                        t.Set("PausedWorkingDays", paused);
                    }
                }
                else
                {
                    var denied = _random.NextDouble() < 0.02;
                    approved += denied ? 0 : 1;
                    t.Set("State", (int)(denied ? TaskState.Denied : TaskState.Approved)).Set("DeadlineOn", deadline).Set("PausedWorkingDays", paused)
                        .Set("DecidedAt", decided).Set("ReviewerId", "generator").Set("ReviewerName", "审批人员").Set("Reason", denied ? "不符合条件（生成数据）" : null);
                    closedAt = decided > closedAt ? decided : closedAt;
                    casePaused = Math.Max(casePaused, paused);
                }
                sink.EndTask(t);
                firstTask ??= taskId;
                taskId++;
                Tasks++;
            }

            Material(sink, id, "application-form", "申请表", MaterialOrigin.Applicant, submitted, null);
            Material(sink, id, "resident-id-card", "居民身份证", MaterialOrigin.Applicant, submitted, null);
            if (_random.NextDouble() < 0.5)
            {
                Material(sink, id, "household-register", "户口簿", MaterialOrigin.Applicant, submitted, null);
            }
            if (matters.Count > 1 && !open)
            {
                Material(sink, id, "result:" + matters[0].Matter, "前置事项办理结果", MaterialOrigin.TaskResult, closedAt, firstTask);
            }

            c.Set("DeadlineOn", Clock.Deadline(_calendar, acceptDay, bundle.PromisedLimit, casePaused));
            if (open)
            {
                c.Set("State", (int)CaseState.InProgress).Set("PausedSince", pausedSince).Set("PausedWorkingDays", casePaused)
                    .Set("OutstandingMaterials", tolerance && _random.NextDouble() < 0.5 ? new[] { "tolerated-material" } : Array.Empty<string>());
            }
            else
            {
                var state = approved == matters.Count ? CaseState.Completed : approved > 0 ? CaseState.PartiallyCompleted : CaseState.Denied;
                c.Set("State", (int)state).Set("ClosedAt", closedAt).Set("PausedWorkingDays", casePaused);
                Event(sink, id, state == CaseState.Completed ? CaseEventKind.Completed : state == CaseState.PartiallyCompleted ? CaseEventKind.PartiallyCompleted : CaseEventKind.Denied,
                    closedAt, state == CaseState.Completed ? $"全部 {approved} 个事项准予，办结" : "办结");
                var delivery = _random.NextDouble();
                if (state != CaseState.Denied && delivery < 0.6)
                {
                    var pickup = delivery < 0.4;
                    c.Set("DeliveryMethod", (int)(pickup ? DeliveryMethod.Pickup : DeliveryMethod.Post)).Set("DeliveredAt", closedAt.AddHours(2))
                        .Set("DeliveredTo", pickup ? name : "兴国县（生成数据）").Set("DeliveryReference", pickup ? "3607****0000" : "SF" + index.ToString(CultureInfo.InvariantCulture));
                }
            }
            sink.EndCase(c);
        }

        private string NextNumber(DateOnly day)
        {
            var n = _numbers[day] = _numbers.GetValueOrDefault(day) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"G360732-{day:yyyyMMdd}-{n:D6}");
        }

        private void Event(Sink sink, long caseId, CaseEventKind kind, DateTimeOffset at, string text)
        {
            var e = sink.NewEvent();
            e.Set("CaseId", caseId).Set("Kind", (int)kind).Set("At", at).Set("ActorId", "generator").Set("ActorRole", "system").Set("ActorName", "生成数据").Set("Text", text);
            sink.EndEvent(e);
            Events++;
        }

        private void Material(Sink sink, long caseId, string key, string name, MaterialOrigin origin, DateTimeOffset at, long? fromTask)
        {
            var m = sink.NewMaterial();
            m.Set("CaseId", caseId).Set("Key", key).Set("Name", name).Set("Origin", (int)origin).Set("AddedAt", at).Set("FromTaskId", fromTask);
            sink.EndMaterial(m);
            Materials++;
        }
    }

    /// <summary>A row of one table: values by column, in the model's column order; unset non-null columns get their type's default.</summary>
    private sealed class Row(Table table)
    {
        public Table Table { get; } = table;
        public object?[] Values { get; } = new object?[table.Columns.Count];

        public Row Set(string column, object? value)
        {
            Values[Table.Index[column]] = value switch
            {
                DateTimeOffset d => d.UtcDateTime,
                string[] a => Table.ArraysAsJson ? JsonSerializer.Serialize(a) : a,
                _ => value,
            };
            return this;
        }

        public void Reset() => Array.Clear(Values);
    }

    private sealed record Column(string Name, Type Type, bool Nullable);

    private sealed class Table
    {
        public Table(IEntityType entity, bool arraysAsJson, bool withId)
        {
            Name = entity.GetTableName()!;
            ArraysAsJson = arraysAsJson;
            var store = StoreObjectIdentifier.Table(Name, entity.GetSchema());
            Columns = [.. entity.GetProperties()
                .Where(p => withId || p.Name != "Id")
                .Select(p =>
                {
                    var type = Nullable.GetUnderlyingType(p.GetProviderClrType() ?? p.ClrType) ?? p.GetProviderClrType() ?? p.ClrType;
                    return new Column(p.GetColumnName(store)!, type.IsEnum ? typeof(int) : type, p.IsNullable);
                })];
            Index = Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        }

        public string Name { get; }
        public bool ArraysAsJson { get; }
        public List<Column> Columns { get; }
        public Dictionary<string, int> Index { get; }

        public object? Value(object?[] values, int i)
        {
            var value = values[i];
            if (value is not null || Columns[i].Nullable)
            {
                return value;
            }
            var type = Columns[i].Type;
            return type == typeof(string) ? string.Empty
                : type == typeof(string[]) ? (ArraysAsJson ? "[]" : Array.Empty<string>())
                : type == typeof(int) ? 0
                : type == typeof(long) ? 0L
                : type == typeof(bool) ? false
                : throw new InvalidOperationException($"{Name}.{Columns[i].Name} 未赋值");
        }
    }

    /// <summary>Where rows go: four tables, each row reused after it was written.</summary>
    private abstract class Sink(OneGoDb db) : IAsyncDisposable
    {
        protected OneGoDb Db { get; } = db;
        protected Table Cases { get; private set; } = default!;
        protected Table TaskTable { get; private set; } = default!;
        protected Table Events { get; private set; } = default!;
        protected Table Materials { get; private set; } = default!;
        private Row _case = default!;
        private Row _task = default!;
        private Row _event = default!;
        private Row _material = default!;

        public virtual Task OpenAsync()
        {
            var arrays = !Db.IsPostgres;
            Cases = new Table(Db.Model.FindEntityType(typeof(Case))!, arrays, withId: true);
            TaskTable = new Table(Db.Model.FindEntityType(typeof(CaseTask))!, arrays, withId: true);
            Events = new Table(Db.Model.FindEntityType(typeof(CaseEvent))!, arrays, withId: false);
            Materials = new Table(Db.Model.FindEntityType(typeof(CaseMaterial))!, arrays, withId: false);
            (_case, _task, _event, _material) = (new Row(Cases), new Row(TaskTable), new Row(Events), new Row(Materials));
            return Task.CompletedTask;
        }

        public Row NewCase() { _case.Reset(); return _case; }
        public Row NewTask() { _task.Reset(); return _task; }
        public Row NewEvent() { _event.Reset(); return _event; }
        public Row NewMaterial() { _material.Reset(); return _material; }

        // A case's tasks, events and materials reference it: they are written after the case row.
        private readonly List<(Table Table, object?[] Values)> _pending = [];

        public void EndCase(Row row)
        {
            Write(row.Table, row.Values);
            foreach (var (table, values) in _pending)
            {
                Write(table, values);
            }
            _pending.Clear();
            CaseWritten();
        }

        public void EndTask(Row row) => _pending.Add((row.Table, (object?[])row.Values.Clone()));
        public void EndEvent(Row row) => _pending.Add((row.Table, (object?[])row.Values.Clone()));
        public void EndMaterial(Row row) => _pending.Add((row.Table, (object?[])row.Values.Clone()));

        protected abstract void Write(Table table, object?[] values);

        protected virtual void CaseWritten()
        {
        }

        public abstract Task CompleteAsync();
        public abstract ValueTask DisposeAsync();
    }

    /// <summary>
    /// PostgreSQL: one binary COPY per table, each on a connection of its own; the cases' COPY completes first, so the
    /// others' foreign keys (checked at the end of each COPY) find their cases.
    /// </summary>
    private sealed class PostgresSink(OneGoDb db) : Sink(db)
    {
        private readonly List<NpgsqlConnection> _connections = [];
        private readonly Dictionary<Table, NpgsqlBinaryImporter> _importers = [];

        public override async Task OpenAsync()
        {
            await base.OpenAsync();
            foreach (var table in new[] { Cases, TaskTable, Events, Materials })
            {
                var connection = new NpgsqlConnection(Db.Database.GetConnectionString());
                await connection.OpenAsync();
                _connections.Add(connection);
                // Foreign keys are checked at commit of each COPY; cases are completed first.
                _importers[table] = await connection.BeginBinaryImportAsync(
                    $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");
                // Completing a COPY of millions of rows (checking its foreign keys) takes longer than a command's timeout.
                _importers[table].Timeout = TimeSpan.FromMinutes(20);
            }
        }

        protected override void Write(Table table, object?[] values)
        {
            var importer = _importers[table];
            importer.StartRow();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var value = table.Value(values, i);
                switch (value)
                {
                    case null: importer.WriteNull(); break;
                    case string s: importer.Write(s, NpgsqlDbType.Text); break;
                    case int n: importer.Write(n, NpgsqlDbType.Integer); break;
                    case long n: importer.Write(n, NpgsqlDbType.Bigint); break;
                    case bool b: importer.Write(b, NpgsqlDbType.Boolean); break;
                    case DateTime d: importer.Write(d, NpgsqlDbType.TimestampTz); break;
                    case DateOnly d: importer.Write(d, NpgsqlDbType.Date); break;
                    case string[] a: importer.Write(a, NpgsqlDbType.Array | NpgsqlDbType.Text); break;
                    default: throw new InvalidOperationException($"{table.Name}.{table.Columns[i].Name}: {value.GetType()}");
                }
            }
        }

        public override async Task CompleteAsync()
        {
            foreach (var table in new[] { Cases, TaskTable, Events, Materials })
            {
                await _importers[table].CompleteAsync();
                await _importers[table].DisposeAsync();
            }
            _importers.Clear();
            await using var command = _connections[0].CreateCommand();
            command.CommandTimeout = 1200;
            command.CommandText = """
                SELECT setval(pg_get_serial_sequence('"Cases"', 'Id'), (SELECT MAX("Id") FROM "Cases"));
                SELECT setval(pg_get_serial_sequence('"Tasks"', 'Id'), (SELECT MAX("Id") FROM "Tasks"));
                """;
            await command.ExecuteNonQueryAsync();
            // Statistics for the planner and the visibility map for index-only scans, as autovacuum would do later.
            foreach (var table in new[] { "Cases", "Tasks", "CaseEvents", "CaseMaterials" })
            {
#pragma warning disable CA2100 // Table names are constants.
                command.CommandText = $"VACUUM ANALYZE \"{table}\"";
#pragma warning restore CA2100
                await command.ExecuteNonQueryAsync();
            }
        }

        public override async ValueTask DisposeAsync()
        {
            foreach (var importer in _importers.Values)
            {
                await importer.DisposeAsync();
            }
            foreach (var connection in _connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>SQLite: parameterised inserts, a transaction per 20,000 cases.</summary>
    private sealed class SqliteSink(OneGoDb db) : Sink(db)
    {
        private readonly Dictionary<Table, System.Data.Common.DbCommand> _commands = [];
        private System.Data.Common.DbTransaction? _transaction;
        private int _cases;

        public override async Task OpenAsync()
        {
            await base.OpenAsync();
            await Db.Database.OpenConnectionAsync();
            _transaction = await Db.Database.GetDbConnection().BeginTransactionAsync();
            foreach (var table in new[] { Cases, TaskTable, Events, Materials })
            {
                var command = Db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // Table and column names come from the EF model.
                command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
#pragma warning restore CA2100
                foreach (var (_, i) in table.Columns.Select((c, i) => (c, i)))
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(parameter);
                }
                command.Transaction = _transaction;
                _commands[table] = command;
            }
        }

        protected override void CaseWritten()
        {
            if (++_cases % 20_000 == 0)
            {
                _transaction!.Commit();
                _transaction.Dispose();
                _transaction = Db.Database.GetDbConnection().BeginTransaction();
                foreach (var command in _commands.Values)
                {
                    command.Transaction = _transaction;
                }
            }
        }

        protected override void Write(Table table, object?[] values)
        {
            var command = _commands[table];
            for (var i = 0; i < table.Columns.Count; i++)
            {
                command.Parameters[i].Value = table.Value(values, i) ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }

        public override Task CompleteAsync() => _transaction!.CommitAsync();

        public override async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }
        }
    }
}
