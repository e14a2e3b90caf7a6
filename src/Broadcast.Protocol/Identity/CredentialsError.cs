namespace Broadcast.Protocol.Identity;

/// <summary>Why a credentials or controller identity file could not be loaded.</summary>
public enum CredentialsError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The file does not exist.</summary>
    Missing = 1,

    /// <summary>The file exists but cannot be read (permissions, I/O).</summary>
    Unreadable = 2,

    /// <summary>Not valid JSON, or a required field is missing or has the wrong type.</summary>
    InvalidJson = 3,

    /// <summary>formatVersion is not one this build reads.</summary>
    WrongVersion = 4,

    /// <summary>A key is not base64 of 32 bytes.</summary>
    BadKeyLength = 5,

    /// <summary>The stored public key does not belong to the stored private key.</summary>
    KeyMismatch = 6,

    /// <summary>The binding is not an IP or CIDR, or an id is invalid.</summary>
    InvalidField = 7,
}
