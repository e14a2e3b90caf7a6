namespace Broadcast.WebTests.Hosting;

/// <summary>What a <see cref="ConsoleHost"/> starts.</summary>
internal sealed record ConsoleHostOptions
{
    /// <summary>Communes whose clusters are provisioned (credentials files written) before the controller starts.</summary>
    public IReadOnlyList<string> ProvisionedCommunes { get; init; } = [];

    /// <summary>
    /// False starts the controller in the Development environment with <c>Accounts:Enabled=false</c>: the loopback
    /// developer setup in which the console skips its login page.
    /// </summary>
    public bool Accounts { get; init; } = true;
}
