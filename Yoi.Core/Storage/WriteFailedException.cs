namespace Yoi.Core.Storage;

/// <summary>
/// A durable write that did not happen: names the file and the cause (a full disk, an I/O error, …) and says whether
/// the file was left as it was. <see cref="Exception.HResult"/> keeps the errno so callers can tell the causes apart.
/// </summary>
public sealed class WriteFailedException : YoiIOException
{
    public WriteFailedException(string path, IOException cause, bool partialTailLeft = false)
        : base($"could not write {path}: {Describe(cause)}" + (partialTailLeft ? "; a partial entry may remain at its end until the next write cuts it off" : ""), cause)
    {
        Path = path;
        PartialTailLeft = partialTailLeft;
        HResult = cause.HResult;
    }

    public string Path { get; }

    /// <summary>True when a failed append could not be cut back: the writer must cut the file before its next append.</summary>
    public bool PartialTailLeft { get; }

    /// <summary>True for ENOSPC / EDQUOT: the write can succeed once space is freed.</summary>
    public bool IsNoSpace => HResult is FaultPoint.Enospc or EdQuot;

    private const int EdQuot = 122;

    /// <summary>The cause in words, with the next step for the common ones.</summary>
    public static string Describe(IOException cause) => cause switch
    {
        { HResult: FaultPoint.Enospc } => "no space left on device (free some space, then retry)",
        { HResult: EdQuot } => "disk quota exceeded (free some space, then retry)",
        { HResult: FaultPoint.Eio } => "input/output error (the disk reported a failure; check it, then retry)",
        _ => cause.Message,
    };
}
