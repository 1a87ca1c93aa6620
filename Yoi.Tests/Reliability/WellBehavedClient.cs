using System.Diagnostics;
using System.Globalization;

namespace Yoi.Tests.Reliability;

/// <summary>
/// The well-behaved client of the hostile-socket test, in its own process (python3, so it shares neither the GC nor the
/// thread pool of the test process that runs the hostile clients): back-to-back <c>cancel</c> round trips (answered
/// <c>not_running</c> through the controller) on one lean connection, plus a fresh connect-and-snapshot every tenth. It
/// prints one line per answer (<c>rt &lt;ms&gt;</c> or <c>probe &lt;ms&gt;</c>) and stops when its stdin closes, once it
/// has at least the minimum count of round trips.
/// </summary>
internal sealed class WellBehavedClient : IDisposable
{
    private const string Script = """
        import json, socket, sys, threading, time
        path, minimum = sys.argv[1], int(sys.argv[2])
        stop = threading.Event()
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
        def connect():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            s.sendall(b'{"method":"hello","params":{"entries":false}}\n')
            f = s.makefile('rb')
            while True:
                line = f.readline()
                if not line: raise SystemExit('the pod closed the connection before its snapshot')
                if json.loads(line).get('event') == 'snapshot': return s, f
        s, f = connect()
        n = 0
        while not stop.is_set() or n < minimum:
            rid = 'wb-%d' % n
            started = time.perf_counter()
            s.sendall(('{"method":"cancel","id":"%s"}\n' % rid).encode())
            while True:
                line = f.readline()
                if not line: raise SystemExit('the pod closed the connection')
                if json.loads(line).get('reply_to') == rid: break
            print('rt %.3f' % ((time.perf_counter() - started) * 1000), flush=True)
            if n % 10 == 0:
                started = time.perf_counter()
                fresh, freshFile = connect()
                print('probe %.3f' % ((time.perf_counter() - started) * 1000), flush=True)
                freshFile.close(); fresh.close()
            n += 1
        print('done', flush=True)
        """;

    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly List<TimeSpan> _roundTrips = [];
    private readonly List<TimeSpan> _probes = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WellBehavedClient(string socketPath, int minimum)
    {
        var info = new ProcessStartInfo("python3", ["-u", "-c", Script, socketPath, minimum.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _stderr = _process.StandardError.ReadToEndAsync();
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { _done.TrySetResult(); return; }
            var parts = e.Data.Split(' ');
            if (parts.Length != 2) return;
            var ms = TimeSpan.FromMilliseconds(double.Parse(parts[1], CultureInfo.InvariantCulture));
            lock (_roundTrips) (parts[0] == "rt" ? _roundTrips : _probes).Add(ms);
        };
        _process.BeginOutputReadLine();
    }

    public static bool Available => File.Exists("/usr/bin/python3");

    public static WellBehavedClient Start(string socketPath, int minimum = 0) => new(socketPath, minimum);

    /// <summary>Round trips answered so far (the client is connected and measuring once this is above zero).</summary>
    public int RoundTrips
    {
        get { lock (_roundTrips) return _roundTrips.Count; }
    }

    /// <summary>Tells the client to stop, waits for it, and returns what it measured; fails the test when it failed.</summary>
    public (List<TimeSpan> RoundTrips, List<TimeSpan> Probes) Stop(TimeSpan timeout)
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(timeout)) Assert.Fail("the well-behaved client did not stop");
        _done.Task.Wait(timeout);
        Assert.That(_process.ExitCode, Is.Zero, $"the well-behaved client failed: {_stderr.Result}");
        lock (_roundTrips) return ([.. _roundTrips], [.. _probes]);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
