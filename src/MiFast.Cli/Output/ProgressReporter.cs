using Spectre.Console;

namespace MiFast.Cli.Output;

/// <summary>A progress bar on stderr for work that takes more than about a second.</summary>
/// <remarks>
/// Shown only when stderr is the console's own, is a terminal (not redirected) and
/// <c>--quiet</c> is not given; tests and pipes never see it. The work runs on a worker
/// thread; if it has not finished after <see cref="Delay"/>, the bar appears and follows the
/// work's <c>advance</c> calls (thread-safe). The result is the work's, whichever way it ran.
/// </remarks>
internal sealed class ProgressReporter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private readonly bool _enabled;
    private long _done;

    private ProgressReporter(bool enabled) => _enabled = enabled;

    /// <summary>No bar, whatever the console: for tests and nested work.</summary>
    public static ProgressReporter Silent { get; } = new(enabled: false);

    /// <summary>A reporter that draws only when <paramref name="stderr"/> is a terminal and not quiet.</summary>
    public static ProgressReporter For(TextWriter stderr, bool quiet) =>
        new(!quiet && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>Marks one step of the work done; safe from any thread.</summary>
    public void Advance() => Interlocked.Increment(ref _done);

    /// <summary>Runs <paramref name="work"/>; a bar of <paramref name="total"/> steps (a spinner
    /// when 0) appears if it lasts more than about a second.</summary>
    public T Run<T>(string description, int total, Func<ProgressReporter, T> work)
    {
        if (!_enabled) return work(this);

        Interlocked.Exchange(ref _done, 0);
        Task<T> task = Task.Run(() => work(this));
        if (Finished(task, Delay)) return task.GetAwaiter().GetResult();

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
        });
        console.Progress()
            .AutoClear(true)
            .Columns(total > 0
                ? [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new SpinnerColumn()]
                : [new TaskDescriptionColumn(), new ElapsedTimeColumn(), new SpinnerColumn()])
            .Start(context =>
            {
                ProgressTask bar = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                bar.IsIndeterminate = total <= 0;
                while (!Finished(task, TimeSpan.FromMilliseconds(100)))
                {
                    if (total > 0) bar.Value = Interlocked.Read(ref _done);
                }

                bar.Value = bar.MaxValue;
            });
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Whether the task has ended (a fault too: GetResult then rethrows it unwrapped).</summary>
    private static bool Finished(Task task, TimeSpan timeout)
    {
        try
        {
            return task.Wait(timeout);
        }
        catch (AggregateException)
        {
            return true;
        }
    }
}
