// OneGo load generator: full newborn lifecycles through the HTTP API with N concurrent clients.
// See docs/benchmarks.md. Usage:
//   dotnet run -c Release --project bench/OneGo.Load -- --db sqlite --clients 32 --seconds 60
//   dotnet run -c Release --project bench/OneGo.Load -- --db postgres --pg "Host=127.0.0.1;Port=5433;Username=postgres" --clients 32 --seconds 60
//   dotnet run -c Release --project bench/OneGo.Load -- --url http://127.0.0.1:5080 --clients 8 --seconds 20   (a running server)
// Afterwards (--verify-seconds, default 10; 0 skips it) the same clients verify the e-licenses the run issued, through
// the public verification API (identifier parsed, record read, SM2 signature checked).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneGo.Load;

var options = LoadOptions.Parse(args);
await using var server = options.Url is null ? await Server.StartAsync(options) : null;
var baseUrl = options.Url ?? server!.Url;
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };

Console.WriteLine($"OneGo load: {options.Clients} clients, {options.Seconds} s (+{options.WarmupSeconds} s warm-up), database {options.Database}, {baseUrl}");
var session = await Session.OpenAsync(handler, baseUrl, options.Password);
var results = new Results();
using var stop = new CancellationTokenSource();
var warmupEnds = Stopwatch.GetTimestamp() + (long)(options.WarmupSeconds * Stopwatch.Frequency);
var clock = Stopwatch.StartNew();
var workers = Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => WorkerAsync(i))).ToArray();
var sampler = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        server?.Sample();
        try { await Task.Delay(250, stop.Token); } catch (OperationCanceledException) { }
    }
});
await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds + options.Seconds));
stop.Cancel();
await Task.WhenAll(workers);
await sampler;
var measuredSeconds = clock.Elapsed.TotalSeconds - options.WarmupSeconds;

results.Print(measuredSeconds, server);
var check = await session.CheckAsync(results);
Console.WriteLine(check.Message);
var verifyErrors = options.VerifySeconds > 0 ? await VerifyLicensesAsync() : 0;
return check.Ok && results.Errors == 0 && verifyErrors == 0 ? 0 : 1;

async Task<int> VerifyLicensesAsync()
{
    var identifiers = await session.SignedLicensesAsync();
    if (identifiers.Count == 0)
    {
        Console.WriteLine("verification: no signed licenses to verify");
        return 1;
    }
    var verification = new Results();
    using var done = new CancellationTokenSource(TimeSpan.FromSeconds(options.VerifySeconds));
    var watch = Stopwatch.StartNew();
    var verifiers = Enumerable.Range(0, options.Clients).Select(i => Task.Run(async () =>
    {
        var random = new Random(i);
        while (!done.IsCancellationRequested)
        {
            var identifier = identifiers[random.Next(identifiers.Count)];
            try
            {
                var answer = await session.CallAsync(verification, true, "verify", session.Applicant, HttpMethod.Get, $"/api/v1/licenses/{identifier}/verification", null, null);
                if (answer["signatureValid"]?.GetValue<bool>() != true)
                {
                    verification.Error($"{identifier}: {answer["signatureMessage"]}");
                }
            }
            catch (LoadException e)
            {
                verification.Error(e.Message);
            }
            catch (HttpRequestException e)
            {
                verification.Error(e.Message);
            }
        }
    })).ToArray();
    await Task.WhenAll(verifiers);
    Console.WriteLine($"license verification: {identifiers.Count} signed licenses, {options.Clients} clients, {watch.Elapsed.TotalSeconds:F1} s");
    verification.PrintCalls(watch.Elapsed.TotalSeconds);
    verification.PrintRest(null);
    return verification.Errors;
}

async Task WorkerAsync(int index)
{
    var materials = await session.UploadMaterialsAsync(index);
    var random = new Random(index);
    while (!stop.IsCancellationRequested)
    {
        var measured = Stopwatch.GetTimestamp() > warmupEnds;
        try
        {
            var started = Stopwatch.GetTimestamp();
            var key = $"load-{index}-{Guid.NewGuid():N}";
            var body = Session.Application(materials);
            var created = await session.CallAsync(results, measured, "submit", session.Applicant, HttpMethod.Post, "/api/v1/cases", body, key);
            var id = created["id"]!.GetValue<long>();
            results.Acknowledge(id);
            if (random.Next(50) == 0)
            {
                // A client that lost the response retries with the same key: it must get the same case back.
                var again = await session.CallAsync(results, measured, "submit (retry)", session.Applicant, HttpMethod.Post, "/api/v1/cases", body, key);
                if (again["id"]!.GetValue<long>() != id) { results.Error("retry returned another case"); }
            }
            var accepted = await session.CallAsync(results, measured, "accept", session.Clerk, HttpMethod.Post, $"/api/v1/cases/{id}/accept", new { }, null);
            var tasks = accepted["tasks"]!.AsArray().ToDictionary(t => t!["matter"]!.GetValue<string>(), t => (Id: t!["id"]!.GetValue<long>(), Department: t["department"]!.GetValue<string>()));
            foreach (var matter in Session.DependencyOrder)
            {
                var (taskId, department) = tasks[matter];
                await session.CallAsync(results, measured, "approve", session.Reviewers[department], HttpMethod.Post, $"/api/v1/tasks/{taskId}/approve", new { }, null);
            }
            if (measured)
            {
                results.Lifecycle(Stopwatch.GetElapsedTime(started));
            }
        }
        catch (LoadException e)
        {
            results.Error(e.Message);
        }
        catch (HttpRequestException e)
        {
            results.Error(e.Message);
        }
        catch (TaskCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}

namespace OneGo.Load
{
    internal sealed class LoadException(string message) : Exception(message);

    internal sealed record LoadOptions(string Database, string? Pg, string? Url, int Clients, int Seconds, int WarmupSeconds, string Password, string Repository, int VerifySeconds)
    {
        public static LoadOptions Parse(string[] args)
        {
            string Value(string name, string fallback)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }
            var repository = Value("--repo", FindRepository());
            return new LoadOptions(
                Value("--db", "sqlite"), Value("--pg", "") is { Length: > 0 } pg ? pg : null, Value("--url", "") is { Length: > 0 } url ? url : null,
                int.Parse(Value("--clients", "32"), CultureInfo.InvariantCulture), int.Parse(Value("--seconds", "30"), CultureInfo.InvariantCulture),
                int.Parse(Value("--warmup", "5"), CultureInfo.InvariantCulture), Value("--password", "OneGo@2026"), repository,
                int.Parse(Value("--verify-seconds", "10"), CultureInfo.InvariantCulture));
        }

        private static string FindRepository()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OneGo.slnx")))
                {
                    return dir.FullName;
                }
            }
            return Directory.GetCurrentDirectory();
        }
    }

    /// <summary>The OneGo server as a child process on a fresh database, with its memory sampled from /proc.</summary>
    internal sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _dataPath;
        private readonly string? _pgAdmin;
        private readonly string? _database;

        private Server(Process process, string url, string dataPath, string? pgAdmin, string? database)
        {
            _process = process;
            Url = url;
            _dataPath = dataPath;
            _pgAdmin = pgAdmin;
            _database = database;
        }

        public string Url { get; }
        public long PeakRssBytes { get; private set; }
        public long LastRssBytes { get; private set; }

        public static async Task<Server> StartAsync(LoadOptions options)
        {
            var dll = Path.Combine(options.Repository, "src", "OneGo.Web", "bin", "Release", "net10.0", "OneGo.Web.dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"Build first: dotnet build -c Release ({dll} is missing)");
            }
            var port = 5700 + Random.Shared.Next(200);
            var url = $"http://127.0.0.1:{port}";
            var dataPath = Path.Combine(Path.GetTempPath(), "onego-load-" + Guid.NewGuid().ToString("N"));
            var info = new ProcessStartInfo("dotnet", [dll, "--urls", url])
            {
                WorkingDirectory = options.Repository,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.Environment["OneGo__DataPath"] = dataPath;
            info.Environment["OneGo__Catalog__Path"] = Path.Combine(options.Repository, "catalog");
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            string? database = null;
            if (options.Database == "postgres")
            {
                database = "onego_load_" + Guid.NewGuid().ToString("N")[..8];
                info.Environment["OneGo__Database__Provider"] = "postgres";
                info.Environment["OneGo__Database__ConnectionString"] = $"{options.Pg ?? "Host=127.0.0.1;Port=5433;Username=postgres"};Database={database};Maximum Pool Size=100";
            }
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("server: " + line); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("server: " + line); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new Server(process, url, dataPath, options.Pg ?? "Host=127.0.0.1;Port=5433;Username=postgres", database);
            using var probe = new HttpClient();
            for (var i = 0; i < 240; i++)
            {
                try
                {
                    if ((await probe.GetAsync(url + "/health")).IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                }
                if (process.HasExited)
                {
                    throw new InvalidOperationException("The server exited during start-up");
                }
                await Task.Delay(250);
            }
            throw new InvalidOperationException("The server did not start within 60 s");
        }

        public void Sample()
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        LastRssBytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                        PeakRssBytes = Math.Max(PeakRssBytes, LastRssBytes);
                    }
                }
            }
            catch (IOException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
            try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (_database is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var connection = new Npgsql.NpgsqlConnection(_pgAdmin + ";Database=postgres");
                await connection.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>Signed-in clients for each role, and the calls.</summary>
    internal sealed class Session
    {
        public static readonly string[] DependencyOrder = ["birth-medical-certificate", "vaccination-certificate", "birth-registration", "resident-medical-enrolment", "social-security-card"];
        private static readonly string[] Materials = ["birth-medical-record", "birth-certificate-notice", "first-dose-record"];
        private readonly HttpMessageHandler _handler;
        private readonly string _baseUrl;

        private Session(HttpMessageHandler handler, string baseUrl)
        {
            _handler = handler;
            _baseUrl = baseUrl;
        }

        public string Applicant { get; private set; } = "";
        public string Clerk { get; private set; } = "";
        public string Supervisor { get; private set; } = "";
        public Dictionary<string, string> Reviewers { get; } = [];

        public static async Task<Session> OpenAsync(HttpMessageHandler handler, string baseUrl, string password)
        {
            var session = new Session(handler, baseUrl);
            session.Applicant = await session.LoginAsync("zhangsan", password);
            session.Clerk = await session.LoginAsync("window", password);
            session.Supervisor = await session.LoginAsync("supervisor", password);
            foreach (var department in new[] { "xg-health", "xg-cdc", "xg-police", "xg-medical-insurance", "xg-hrss" })
            {
                session.Reviewers[department] = await session.LoginAsync("reviewer-" + department, password);
            }
            return session;
        }

        private HttpClient Client(string token)
        {
            var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = new Uri(_baseUrl), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        private async Task<string> LoginAsync(string user, string password)
        {
            using var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = new Uri(_baseUrl) };
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = user, password });
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"login {user}: {(int)response.StatusCode}");
            }
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        public async Task<List<object>> UploadMaterialsAsync(int worker)
        {
            using var client = Client(Applicant);
            var list = new List<object>();
            foreach (var key in Materials)
            {
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% load worker {worker} {key}\n%%EOF"));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(file, "file", key + ".pdf");
                var response = await client.PostAsync("/api/v1/files", form);
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                list.Add(new { key, file = body["hash"]!.GetValue<string>(), name = key + ".pdf" });
            }
            return list;
        }

        public static object Application(List<object> materials) => new
        {
            bundle = "newborn",
            answers = new { birthplace = "province", hukou = "father", ethnicity = "same", sscard = "yes", maternity = "no" },
            form = new Dictionary<string, string>
            {
                ["applicant.relation"] = "father", ["child.name"] = "张小明", ["child.gender"] = "male", ["child.birthDate"] = "2026-09-20",
                ["child.birthInstitution"] = "兴国县人民医院", ["child.birthWeight"] = "3400", ["child.ethnicity"] = "汉族", ["mother.name"] = "李娟",
                ["mother.idNumber"] = "360732199208202026", ["father.name"] = "张三", ["father.idNumber"] = "360732199005121015",
                ["household.relation"] = "子", ["delivery.method"] = "pickup",
            },
            materials,
            submit = true,
        };

        /// <summary>The identifiers of the signed licenses the demo applicant holds (the seed's and those the run issued).</summary>
        public async Task<List<string>> SignedLicensesAsync()
        {
            using var client = Client(Applicant);
            var held = JsonNode.Parse(await client.GetStringAsync("/api/v1/licenses/mine"))!.AsArray();
            return held.Where(h => h!["license"]!["signed"]!.GetValue<bool>()).Select(h => h!["license"]!["identifier"]!.GetValue<string>()).ToList();
        }

        public async Task<JsonNode> CallAsync(Results results, bool measured, string kind, string token, HttpMethod method, string path, object? body, string? idempotencyKey)
        {
            using var client = Client(token);
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (measured)
            {
                results.Call(kind, elapsed);
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new LoadException($"{kind} {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
            }
            return JsonNode.Parse(text)!;
        }

        /// <summary>Every acknowledged case exists exactly once and is complete; nothing else was created.</summary>
        public async Task<(bool Ok, string Message)> CheckAsync(Results results)
        {
            using var client = Client(Supervisor);
            var seen = new Dictionary<long, string>();
            var numbers = new HashSet<string>();
            var duplicates = 0;
            for (var page = 1; ; page++)
            {
                var body = JsonNode.Parse(await client.GetStringAsync($"/api/v1/cases?bundle=newborn&pageSize=100&page={page}"))!;
                var items = body["items"]!.AsArray();
                foreach (var item in items)
                {
                    seen[item!["id"]!.GetValue<long>()] = item["state"]!.GetValue<string>();
                    if (!numbers.Add(item["number"]!.GetValue<string>())) duplicates++;
                }
                if (items.Count < 100) break;
            }
            var acknowledged = results.Acknowledged;
            var lost = acknowledged.Count(id => !seen.ContainsKey(id));
            var incomplete = acknowledged.Count(id => seen.TryGetValue(id, out var state) && state != "completed");
            var extra = seen.Keys.Count(id => !acknowledged.Contains(id));
            var ok = lost == 0 && duplicates == 0 && extra == 0;
            return (ok, $"check: {acknowledged.Count} acknowledged, {seen.Count} in the database, {lost} lost, {extra} unacknowledged extra (duplicates), {duplicates} duplicate numbers, " +
                $"{incomplete} not completed (stopped mid-lifecycle at the end of the run) → {(ok ? "OK" : "FAILED")}");
        }
    }

    internal sealed class Results
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _calls = new();
        private readonly ConcurrentBag<double> _lifecycles = [];
        private readonly ConcurrentBag<long> _acknowledged = [];
        private readonly ConcurrentQueue<string> _errors = new();

        public int Errors => _errors.Count;
        public HashSet<long> Acknowledged => [.. _acknowledged];

        public void Call(string kind, TimeSpan elapsed) => _calls.GetOrAdd(kind, _ => []).Add(elapsed.TotalMilliseconds);
        public void Lifecycle(TimeSpan elapsed) => _lifecycles.Add(elapsed.TotalMilliseconds);
        public void Acknowledge(long id) => _acknowledged.Add(id);
        public void Error(string message) => _errors.Enqueue(message);

        public void Print(double seconds, Server? server)
        {
            var lifecycles = _lifecycles.Count;
            Console.WriteLine($"lifecycles: {lifecycles} in {seconds:F1} s = {lifecycles / seconds:F1} lifecycles/s (each: submit, accept, 5 approvals, one signed e-license); p50 {Percentile(_lifecycles, 0.5):F1} ms, p99 {Percentile(_lifecycles, 0.99):F1} ms");
            PrintCalls(seconds);
            PrintRest(server);
        }

        public void PrintCalls(double seconds)
        {
            Console.WriteLine($"{"call",-16} {"count",8} {"per s",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
            foreach (var (kind, values) in _calls.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"{kind,-16} {values.Count,8} {values.Count / seconds,8:F1} {Percentile(values, 0.5),8:F1} {Percentile(values, 0.99),8:F1} {values.DefaultIfEmpty().Max(),8:F1}");
            }
        }

        public void PrintRest(Server? server)
        {
            if (server is not null)
            {
                Console.WriteLine($"server memory: {server.LastRssBytes / 1048576.0:F0} MiB resident at the end, {server.PeakRssBytes / 1048576.0:F0} MiB peak");
            }
            Console.WriteLine($"errors: {_errors.Count}");
            foreach (var error in _errors.Take(5))
            {
                Console.WriteLine("  " + error);
            }
        }

        private static double Percentile(IEnumerable<double> values, double p)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }
}
