namespace Broadcast.Library.Storage;

/// <summary>How a delete ended.</summary>
public enum DeleteStatus
{
    Deleted,

    /// <summary>No programme has that id.</summary>
    NotFound,

    /// <summary>A future schedule plays it; <see cref="DeleteResult.Usage"/> names the schedule. Nothing was deleted.</summary>
    InUse,
}
