namespace Broadcast.Library.Http;

/// <summary>What a caller wants to do with a commune's items, for the server's scope check.</summary>
public enum BulletinAccess
{
    /// <summary>Make a new item for the commune (text-to-speech): the upload permission.</summary>
    Create,

    /// <summary>Submit or change an existing item: the permission to manage programmes.</summary>
    Change,
}
