namespace Broadcast.Cli;

/// <summary>Process exit codes, documented in README.md so scripts can tell problems apart.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int BadInput = 3;
    public const int OutputFailed = 4;
    public const int MissingDependency = 5;
    public const int Cancelled = 130;
}
