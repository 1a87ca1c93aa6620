using Yoi.Core.Workflows;

namespace Yoi.Core.Panel;

public sealed partial class PanelLoader
{
    private readonly QueuedWorkAttention _attention = new();
    private Task<AttentionOutcome>? _attending;

    /// <summary>
    /// Queued-work attention (docs/panel-model.md "Queued-work attention"), when <see cref="PanelLoaderOptions.AttendQueuedWork"/>
    /// is on: after each reload the work set of the new model is judged in the background (a reload never waits for a
    /// send), one judgement at a time; the header carries the summary of the last finished one, and a failed delivery
    /// becomes the notice once.
    /// </summary>
    private PanelModel Attend(PanelModel model)
    {
        if (!_options.AttendQueuedWork || model.Loading) return model;
        if (_attending is { IsCompleted: true } done)
        {
            _attending = null;
            if (done.IsCompletedSuccessfully)
            {
                _attended = done.Result;
                if (done.Result.Notice is { } notice) model = model.WithNotice(notice);
            }
        }
        _attending ??= Task.Run(() => _attention.AfterReloadAsync(model));
        return _attended is { } last ? model with { Header = model.Header with { OrchestratorAttention = last.Summary } } : model;
    }

    private AttentionOutcome? _attended;

    /// <summary>Waits for the attention judgement in flight (tests and shutdown); returns its outcome, or null when none runs.</summary>
    public async Task<AttentionOutcome?> AttentionSettledAsync()
    {
        if (_attending is not { } running) return null;
        try
        {
            return await running.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }
}
